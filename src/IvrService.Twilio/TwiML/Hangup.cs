namespace IvrService.Twilio.TwiML;

/// <summary><c>&lt;Hangup&gt;</c>: end the call.</summary>
public sealed class Hangup : IVoiceVerb
{
    void ITwiMLNode.WriteTo(TwiMLWriter writer)
    {
        writer.StartElement("Hangup");
        writer.EndElement();
    }
}
