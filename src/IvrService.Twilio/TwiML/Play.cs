namespace IvrService.Twilio.TwiML;

/// <summary><c>&lt;Play&gt;</c>: an audio file, or DTMF tones when only <see cref="Digits"/> is set.</summary>
/// <param name="url">The audio URL Twilio fetches (keep it stable: Twilio caches per URL).</param>
public sealed class Play(string? url = null) : IVoiceVerb, IGatherChild
{
    /// <summary>The audio URL, or null for a digits-only play.</summary>
    public string? Url { get; } = url;

    /// <summary><c>loop</c>: times to play (0 = until hang-up or 1000).</summary>
    public int? Loop { get; init; }

    /// <summary><c>digits</c>: DTMF tones to send (<c>w</c> waits half a second).</summary>
    public string? Digits { get; init; }

    void ITwiMLNode.WriteTo(TwiMLWriter writer)
    {
        writer.StartElement("Play");
        writer.Attribute("loop", Loop);
        writer.Attribute("digits", Digits);
        writer.Text(Url);
        writer.EndElement();
    }
}
