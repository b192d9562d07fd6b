using IvrService.Twilio.Security;

namespace IvrService.Cli.Simulator;

/// <summary>Which Twilio product sends the webhook; the two differ in the URL they sign (twilio-protocol.md §1.2).</summary>
public enum WebhookChannel
{
    Voice,
    Messaging,
}

/// <summary>Signs requests the way Twilio does: the URL without userinfo and fragment, with Twilio's port rule.</summary>
public static class WebhookSigner
{
    /// <summary>The request header that carries the signature.</summary>
    public const string HeaderName = TwilioSignature.HeaderName;

    /// <summary>
    /// The URL string Twilio signs for a request to <paramref name="url"/>: userinfo and fragment removed; for Voice over
    /// HTTPS the port is removed too, for HTTP and for Messaging it is kept.
    /// </summary>
    public static string SignedUrl(Uri url, WebhookChannel channel)
    {
        ArgumentNullException.ThrowIfNull(url);
        var dropPort = channel == WebhookChannel.Voice && url.Scheme == Uri.UriSchemeHttps;
        var components = UriComponents.Scheme | UriComponents.Host | UriComponents.PathAndQuery
            | (dropPort ? 0 : UriComponents.Port);
        return url.GetComponents(components, UriFormat.UriEscaped);
    }

    /// <summary>The <c>X-Twilio-Signature</c> value for a form POST (or, with no parameters, a GET).</summary>
    public static string Sign(Uri url, WebhookChannel channel, IEnumerable<KeyValuePair<string, string>> parameters, string authToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(authToken);
        return TwilioSignature.Compute(
            SignedUrl(url, channel), parameters.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)), authToken);
    }
}
