namespace IvrService.Twilio.Security;

/// <summary>What a received request offers for signature validation, free of any web framework type.</summary>
/// <param name="Url">The public URL Twilio requested (scheme through query), as reconstructed by the host.</param>
/// <param name="Signature">The <c>X-Twilio-Signature</c> header value, or null when absent.</param>
public sealed record TwilioSignedRequest(string Url, string? Signature)
{
    /// <summary>
    /// The decoded form parameters of an <c>application/x-www-form-urlencoded</c> body, one pair per value
    /// (a repeated name appears several times). Empty for GET and for non-form bodies.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string?>> FormParameters { get; init; } = [];

    /// <summary>
    /// The raw body when it is not a form (e.g. JSON), or null when there is none. A non-empty raw body is only
    /// accepted when the URL carries a matching <c>bodySHA256</c>.
    /// </summary>
    public ReadOnlyMemory<byte>? RawBody { get; init; }

    /// <summary>
    /// The <c>X-Twilio-Webhooks-Signature-Settings</c> header value, or null when absent: present, the request was
    /// signed with a SharedKey secret and the algorithm it names (<see cref="TwilioSignatureSettings"/>).
    /// </summary>
    public string? SignatureSettings { get; init; }
}
