namespace IvrService.Twilio.TwiML;

/// <summary><c>&lt;Leave&gt;</c>: take the caller out of the queue they wait in.</summary>
public sealed class Leave : IVoiceVerb
{
    void ITwiMLNode.WriteTo(TwiMLWriter writer)
    {
        writer.StartElement("Leave");
        writer.EndElement();
    }
}
