using System.Xml;

namespace IvrService.Twilio.TwiML;

/// <summary><c>&lt;Hangup&gt;</c>: end the call.</summary>
public sealed class Hangup : IVoiceVerb
{
    void ITwiMLNode.WriteTo(XmlWriter writer)
    {
        writer.WriteStartElement("Hangup");
        writer.WriteEndElement();
    }
}
