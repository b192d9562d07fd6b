using System.Net.Http.Headers;
using IvrService.Twilio.Security;

namespace IvrService.Testing.Twilio;

/// <summary>
/// Signs every outgoing request as Twilio would have signed it for <c>publicBaseUrl</c> + path and query: form
/// POSTs with their fields, GETs and empty bodies by URL alone, and any other body in JSON mode (a
/// <c>bodySHA256</c> query parameter is added to the request, then the URL is signed). A signature header already
/// on the request is left alone, so tests can send forged ones.
/// </summary>
public sealed class SigningHandler : DelegatingHandler
{
    private readonly string _authToken;
    private readonly Uri? _publicBaseUrl;

    /// <summary>Creates the handler.</summary>
    /// <param name="authToken">The token to sign with.</param>
    /// <param name="publicBaseUrl">
    /// The public origin (and optional path prefix) Twilio would call; null = the request's own URI.
    /// </param>
    public SigningHandler(string authToken, Uri? publicBaseUrl = null)
    {
        _authToken = authToken;
        _publicBaseUrl = publicBaseUrl;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is null || request.Headers.Contains(TwilioSignature.HeaderName))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var content = request.Content;
        var body = content is null ? [] : await content.ReadAsByteArrayAsync(cancellationToken);
        IReadOnlyList<KeyValuePair<string, string?>> form = [];
        if (content is FormUrlEncodedContent || IsForm(content?.Headers.ContentType))
        {
            form = ParseForm(System.Text.Encoding.UTF8.GetString(body));
        }
        else if (body.Length > 0)
        {
            request.RequestUri = new Uri(TwilioRequestSigner.AppendBodyHash(request.RequestUri.ToString(), body), UriKind.RelativeOrAbsolute);
        }

        var publicUrl = PublicUrl(request.RequestUri);
        request.Headers.Add(TwilioSignature.HeaderName, TwilioRequestSigner.Sign(publicUrl, form, _authToken));
        return await base.SendAsync(request, cancellationToken);
    }

    private string PublicUrl(Uri requestUri)
    {
        var pathAndQuery = requestUri.IsAbsoluteUri ? requestUri.PathAndQuery : requestUri.OriginalString;
        if (_publicBaseUrl is null)
        {
            return requestUri.IsAbsoluteUri ? requestUri.GetLeftPart(UriPartial.Authority) + pathAndQuery : pathAndQuery;
        }

        return _publicBaseUrl.ToString().TrimEnd('/') + pathAndQuery;
    }

    private static bool IsForm(MediaTypeHeaderValue? type) =>
        string.Equals(type?.MediaType, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    /// <summary>Decodes <c>a=1&amp;b=2</c> as a form reader does ('+' is a space).</summary>
    internal static List<KeyValuePair<string, string?>> ParseForm(string text)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        foreach (var segment in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = segment.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? segment : segment[..eq];
            var value = eq < 0 ? string.Empty : segment[(eq + 1)..];
            pairs.Add(new(Decode(name), Decode(value)));
        }

        return pairs;
    }

    private static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
}
