namespace IvrService.Twilio.TwiML;

/// <summary><c>&lt;Reject&gt;</c>: refuse an incoming call without answering (no charge).</summary>
public sealed class Reject : IVoiceVerb
{
    /// <summary><c>reason</c>: what the caller hears (<c>rejected</c> or <c>busy</c>).</summary>
    public RejectReason? Reason { get; init; }

    void ITwiMLNode.WriteTo(TwiMLWriter writer)
    {
        writer.StartElement("Reject");
        writer.Attribute("reason", TwiMLEnumStrings.ToWire(Reason));
        writer.EndElement();
    }
}
