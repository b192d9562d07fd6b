namespace IvrService.Twilio.TwiML;

/// <summary><c>&lt;Say&gt;</c>: text-to-speech.</summary>
/// <param name="text">What to say (plain text; escaped by the writer).</param>
public sealed class Say(string text) : IVoiceVerb, IGatherChild
{
    /// <summary>The text spoken.</summary>
    public string Text { get; } = text ?? string.Empty;

    /// <summary><c>voice</c>: <c>man</c>, <c>woman</c>, <c>alice</c>, <c>Polly.*</c>, <c>Google.*</c>.</summary>
    public string? Voice { get; init; }

    /// <summary><c>language</c>, e.g. <c>en-US</c>.</summary>
    public string? Language { get; init; }

    /// <summary><c>loop</c>: times to repeat (0 = up to 1000).</summary>
    public int? Loop { get; init; }

    void ITwiMLNode.WriteTo(TwiMLWriter writer)
    {
        writer.StartElement("Say");
        writer.Attribute("voice", Voice);
        writer.Attribute("language", Language);
        writer.Attribute("loop", Loop);
        writer.Text(Text);
        writer.EndElement();
    }
}
