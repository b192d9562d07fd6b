namespace IvrService.Twilio.TwiML;

/// <summary>
/// <c>&lt;Message&gt;</c>: a reply, either as plain text (<c>new Message("Thanks!")</c>) or as a
/// <c>&lt;Body&gt;</c> plus <c>&lt;Media&gt;</c> URLs (<c>new Message().Body("See attached").Media(url)</c>); not both.
/// </summary>
/// <param name="text">Plain-text content, or null when <see cref="Body"/>/<see cref="Media"/> are used.</param>
public sealed class Message(string? text = null) : IMessagingVerb
{
    private readonly List<(bool IsMedia, string Value)> _parts = [];

    /// <summary>The plain-text content, if any.</summary>
    public string? Text { get; } = text;

    /// <summary><c>to</c>.</summary>
    public string? To { get; init; }

    /// <summary><c>from</c>.</summary>
    public string? From { get; init; }

    /// <summary><c>action</c>.</summary>
    public string? Action { get; init; }

    /// <summary><c>method</c> for <see cref="Action"/>.</summary>
    public TwilioHttpMethod? Method { get; init; }

    /// <summary><c>statusCallback</c>.</summary>
    public string? StatusCallback { get; init; }

    /// <summary>Adds a <c>&lt;Body&gt;</c>.</summary>
    /// <exception cref="InvalidOperationException">The message already has plain text.</exception>
    public Message Body(string body) => AddPart(isMedia: false, body);

    /// <summary>Adds a <c>&lt;Media&gt;</c> URL (MMS).</summary>
    /// <exception cref="InvalidOperationException">The message already has plain text.</exception>
    public Message Media(string url) => AddPart(isMedia: true, url);

    void ITwiMLNode.WriteTo(TwiMLWriter writer)
    {
        writer.StartElement("Message");
        writer.Attribute("to", To);
        writer.Attribute("from", From);
        writer.Attribute("action", Action);
        writer.Attribute("method", Method);
        writer.Attribute("statusCallback", StatusCallback);
        writer.Text(Text);
        foreach (var (isMedia, value) in _parts)
        {
            writer.StartElement(isMedia ? "Media" : "Body");
            writer.Text(value);
            writer.EndElement();
        }

        writer.EndElement();
    }

    private Message AddPart(bool isMedia, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (Text is not null)
        {
            throw new InvalidOperationException("A <Message> holds either plain text or Body/Media children, not both.");
        }

        _parts.Add((isMedia, value));
        return this;
    }
}
