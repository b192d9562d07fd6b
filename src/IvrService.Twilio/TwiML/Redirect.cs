namespace IvrService.Twilio.TwiML;

/// <summary><c>&lt;Redirect&gt;</c>: continue with the TwiML at another URL (voice and messaging).</summary>
/// <param name="url">Absolute, or relative to the current document's URL.</param>
public sealed class Redirect(string url) : IVoiceVerb, IMessagingVerb
{
    /// <summary>The URL to fetch next.</summary>
    public string Url { get; } = url ?? string.Empty;

    /// <summary><c>method</c> (Twilio's default is POST).</summary>
    public TwilioHttpMethod? Method { get; init; }

    void ITwiMLNode.WriteTo(TwiMLWriter writer)
    {
        writer.StartElement("Redirect");
        writer.Attribute("method", Method);
        writer.Text(Url);
        writer.EndElement();
    }
}
