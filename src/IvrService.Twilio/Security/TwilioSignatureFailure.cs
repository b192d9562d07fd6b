namespace IvrService.Twilio.Security;

/// <summary>Why a request's signature was not accepted.</summary>
public enum TwilioSignatureFailure
{
    /// <summary>The signature is valid.</summary>
    None = 0,

    /// <summary>The request has no (or an empty) <c>X-Twilio-Signature</c> header.</summary>
    NoHeader,

    /// <summary>No auth token is configured, so nothing can be verified.</summary>
    NoTokenConfigured,

    /// <summary>The body is not a form and the URL has no <c>bodySHA256</c> parameter, so the body is unsigned.</summary>
    BodyHashMissing,

    /// <summary>The URL's <c>bodySHA256</c> differs from the SHA-256 of the body received.</summary>
    BodyHashMismatch,

    /// <summary>No URL candidate signed with any accepted token gives the header's value.</summary>
    NoMatch,

    /// <summary>The request body could not be read as a form (malformed, over a limit or cut short).</summary>
    UnreadableBody,

    /// <summary>
    /// The request carries more than one <c>X-Twilio-Signature</c> (or <c>X-Twilio-Webhooks-Signature-Settings</c>)
    /// header. Twilio sends exactly one (at most one); a second is a forgery attempt or a proxy appending its own, and
    /// neither is checked.
    /// </summary>
    MultipleHeaders,

    /// <summary>
    /// The request says it was signed with a SharedKey (<c>X-Twilio-Webhooks-Signature-Settings</c>) but no SharedKey
    /// secret is configured (<c>Twilio:RequestValidation:SharedKeySecrets</c>).
    /// </summary>
    NoSharedKeyConfigured,

    /// <summary>
    /// <c>X-Twilio-Webhooks-Signature-Settings</c> names an algorithm other than HMAC_SHA1 or HMAC_SHA256.
    /// </summary>
    UnsupportedAlgorithm,
}
