namespace IvrService.Twilio.Security;

/// <summary>
/// The outcome of <see cref="TwilioSignatureValidator.Validate"/>. Safe to log: it never holds a token or the
/// signature, and userinfo passwords in <see cref="UrlCandidates"/> are masked.
/// </summary>
/// <param name="IsValid">Whether the request is accepted.</param>
/// <param name="Failure">Why not, or <see cref="TwilioSignatureFailure.None"/>.</param>
/// <param name="MatchedTokenIndex">
/// Index of the accepted token that matched (0 = primary), or of the SharedKey secret when
/// <see cref="SharedKey"/> is set; null on failure.
/// </param>
/// <param name="MatchedUrl">The URL candidate that matched (masked), or null.</param>
/// <param name="UrlCandidates">The URL candidates tried, in order (masked).</param>
public sealed record TwilioSignatureValidationResult(
    bool IsValid,
    TwilioSignatureFailure Failure,
    int? MatchedTokenIndex,
    string? MatchedUrl,
    IReadOnlyList<string> UrlCandidates)
{
    /// <summary>
    /// The <c>X-Twilio-Webhooks-Signature-Settings</c> the request carried (key id and algorithm, no secret), or null
    /// when it was checked against the auth tokens with HMAC-SHA1.
    /// </summary>
    public TwilioSignatureSettings? SharedKey { get; init; }

    internal static TwilioSignatureValidationResult Fail(
        TwilioSignatureFailure failure, IReadOnlyList<string>? candidates = null, TwilioSignatureSettings? sharedKey = null) =>
        new(false, failure, null, null, candidates ?? []) { SharedKey = sharedKey };
}
