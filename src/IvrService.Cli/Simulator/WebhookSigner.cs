using System.Security.Cryptography;
using System.Text;

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
    public const string HeaderName = "X-Twilio-Signature";

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
        return Compute(SignedUrl(url, channel), parameters, authToken);
    }

    // Temporary until branch `sig` lands: then this becomes IvrService.Twilio.Security.TwilioSignature.Compute.
    private static string Compute(string url, IEnumerable<KeyValuePair<string, string>> parameters, string authToken)
    {
        var data = new StringBuilder(url);
        foreach (var group in parameters.GroupBy(p => p.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var value in group.Select(p => p.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                data.Append(group.Key).Append(value);
            }
        }

#pragma warning disable CA5350 // Twilio's signature is defined as HMAC-SHA1; there is no other algorithm to choose.
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }
}
