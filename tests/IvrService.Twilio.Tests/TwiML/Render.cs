using System.Xml.Linq;
using IvrService.Twilio.TwiML;

namespace IvrService.Twilio.Tests.TwiML;

internal static class Render
{
    public static XElement Voice(IVoiceVerb verb) => TwiMLAssert.Single(new VoiceResponse().Append(verb).ToString());

    public static XElement Messaging(IMessagingVerb verb) => TwiMLAssert.Single(new MessagingResponse().Append(verb).ToString());

    public static Dictionary<string, string> Attributes(IVoiceVerb verb) => TwiMLAssert.Attributes(Voice(verb));
}
