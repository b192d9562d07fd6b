using IvrService.Twilio.Security;

namespace IvrService.Testing.Twilio;

/// <summary>Signs requests the way Twilio does, for tests and local simulation.</summary>
public static class TwilioRequestSigner
{
    /// <summary>The signature Twilio would send for a form POST (or, with no parameters, a GET) to <paramref name="publicUrl"/>.</summary>
    /// <param name="publicUrl">The URL Twilio calls (userinfo and fragment are removed first, as Twilio does).</param>
    /// <param name="form">The form parameters; a name may repeat.</param>
    /// <param name="authToken">The auth token.</param>
    /// <returns>The <c>X-Twilio-Signature</c> value.</returns>
    public static string Sign(string publicUrl, IEnumerable<KeyValuePair<string, string?>> form, string authToken) =>
        TwilioSignature.Compute(TwilioUrlCandidates.StripUserInfoAndFragment(publicUrl), form, authToken);

    /// <summary>The <c>bodySHA256</c>-bearing URL and signature for a JSON body sent to <paramref name="publicUrl"/>.</summary>
    /// <param name="publicUrl">The URL Twilio calls, before <c>bodySHA256</c> is appended.</param>
    /// <param name="body">The raw body.</param>
    /// <param name="authToken">The auth token.</param>
    /// <returns>The URL with <c>bodySHA256</c> and its signature.</returns>
    public static (string Url, string Signature) SignJson(string publicUrl, ReadOnlySpan<byte> body, string authToken)
    {
        var url = AppendBodyHash(publicUrl, body);
        return (url, TwilioSignature.Compute(TwilioUrlCandidates.StripUserInfoAndFragment(url), authToken));
    }

    /// <summary>Appends <c>bodySHA256=&lt;hex&gt;</c> to the query of <paramref name="url"/>.</summary>
    /// <param name="url">An absolute or relative URL.</param>
    /// <param name="body">The raw body.</param>
    /// <returns>The URL with the body hash.</returns>
    public static string AppendBodyHash(string url, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(url);
        var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return url + separator + TwilioSignature.BodyHashParameter + "=" + TwilioSignature.ComputeBodyHash(body);
    }

    /// <summary>A signed form POST to <paramref name="publicUrl"/> whose request URI is its path and query.</summary>
    /// <param name="publicUrl">The public URL Twilio would call.</param>
    /// <param name="form">The form parameters.</param>
    /// <param name="authToken">The auth token.</param>
    /// <returns>A request ready for a test client.</returns>
    public static HttpRequestMessage CreateFormPost(string publicUrl, IEnumerable<KeyValuePair<string, string?>> form, string authToken) =>
        FormPost(publicUrl, form, authToken, TwilioSignatureAlgorithm.HmacSha1, settingsHeader: null);

    /// <summary>
    /// A form POST signed the way a Webhook Rule with a SharedKey Setting signs it: <paramref name="secret"/> and the
    /// header's algorithm, with <c>X-Twilio-Webhooks-Signature-Settings</c> set to <paramref name="settingsHeader"/>.
    /// </summary>
    /// <param name="publicUrl">The public URL Twilio would call.</param>
    /// <param name="form">The form parameters.</param>
    /// <param name="secret">The SharedKey secret.</param>
    /// <param name="settingsHeader">The header value, e.g. <c>key=webhooks_sharedkey_01,algorithm=HMAC_SHA256</c>.</param>
    /// <returns>A request ready for a test client.</returns>
    public static HttpRequestMessage CreateSharedKeyFormPost(
        string publicUrl, IEnumerable<KeyValuePair<string, string?>> form, string secret, string settingsHeader) =>
        FormPost(publicUrl, form, secret, TwilioSignatureSettings.Parse(settingsHeader)?.Algorithm ?? TwilioSignatureAlgorithm.HmacSha1, settingsHeader);

    private static HttpRequestMessage FormPost(
        string publicUrl, IEnumerable<KeyValuePair<string, string?>> form, string secret, TwilioSignatureAlgorithm algorithm, string? settingsHeader)
    {
        var pairs = form.ToList();
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(publicUrl, UriKind.Absolute).PathAndQuery)
        {
            Content = new FormUrlEncodedContent(pairs),
        };
        request.Headers.Add(
            TwilioSignature.HeaderName,
            TwilioSignature.Compute(TwilioUrlCandidates.StripUserInfoAndFragment(publicUrl), pairs, secret, algorithm));
        if (settingsHeader is not null)
        {
            request.Headers.TryAddWithoutValidation(TwilioSignatureSettings.HeaderName, settingsHeader);
        }

        return request;
    }
}
