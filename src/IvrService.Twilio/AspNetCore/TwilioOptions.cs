namespace IvrService.Twilio.AspNetCore;

/// <summary>
/// The <c>Twilio</c> configuration section (environment variables <c>Twilio__…</c>). Keys match Twilio.AspNet.Core
/// where it has them.
/// </summary>
public sealed class TwilioOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Twilio";

    /// <summary>The account SID (<c>AC…</c>); used by REST calls, not by signature validation.</summary>
    public string? AccountSid { get; set; }

    /// <summary>
    /// The primary auth token: Twilio signs every webhook with it. Required outside Development
    /// (<c>Twilio:AuthToken</c>, environment variable <c>Twilio__AuthToken</c>).
    /// </summary>
    public string? AuthToken { get; set; }

    /// <summary>
    /// An API key SID (<c>SK…</c>) for REST calls, used with <see cref="ApiKeySecret"/> instead of the auth token
    /// (<c>Twilio:ApiKeySid</c>). Keys can be revoked one by one, so they are the better choice for servers.
    /// </summary>
    public string? ApiKeySid { get; set; }

    /// <summary>The secret of <see cref="ApiKeySid"/> (<c>Twilio:ApiKeySecret</c>).</summary>
    public string? ApiKeySecret { get; set; }

    /// <summary>Webhook signature validation settings (<c>Twilio:RequestValidation</c>).</summary>
    public TwilioRequestValidationOptions RequestValidation { get; set; } = new();
}

/// <summary>The <c>Twilio:RequestValidation</c> section.</summary>
public sealed class TwilioRequestValidationOptions
{
    /// <summary>The default for <see cref="MaxBodyBytes"/>: Twilio's webhook bodies are a few kilobytes.</summary>
    public const long DefaultMaxBodyBytes = 256 * 1024;

    /// <summary>
    /// Whether webhooks are validated (default true). False is a development-only switch: outside Development the
    /// app refuses to start with it, and in Development every request logs a warning.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Twilio.AspNet.Core's key for the token. When set it is used instead of <see cref="TwilioOptions.AuthToken"/>.
    /// </summary>
    public string? AuthToken { get; set; }

    /// <summary>
    /// Further tokens accepted during a token rotation (<c>Twilio:RequestValidation:AdditionalAuthTokens:0</c>, …),
    /// tried after the primary token.
    /// </summary>
    public IList<string> AdditionalAuthTokens { get; } = [];

    /// <summary>
    /// Secrets of the account's SharedKeys (<c>Twilio:RequestValidation:SharedKeySecrets:0</c>, …), for webhooks
    /// that a Webhook Rule of Twilio's Webhooks configuration API signs with a SharedKey instead of the auth token
    /// (they carry <c>X-Twilio-Webhooks-Signature-Settings</c>). List both keys while a Rule splits traffic between
    /// an old and a new one. Only such webhooks are checked against these, and only against these.
    /// </summary>
    public IList<string> SharedKeySecrets { get; } = [];

    /// <summary>
    /// The public scheme, host, port and optional path prefix Twilio calls (for example an ngrok URL). When set, the
    /// signed URL is this value plus the request's path and query, whatever the Host header or proxies say. A
    /// trailing <c>/</c> is trimmed and an empty value means unset.
    /// </summary>
    public string? BaseUrlOverride { get; set; }

    /// <summary>
    /// Addresses or CIDR ranges (e.g. <c>10.0.0.0/8</c>, <c>::1</c>) of reverse proxies whose
    /// <c>X-Forwarded-Proto</c>, <c>X-Forwarded-Host</c> and <c>X-Forwarded-Port</c> are believed. From any other
    /// peer these headers are ignored.
    /// </summary>
    public IList<string> TrustedProxies { get; } = [];

    /// <summary>
    /// Path prefixes guarded by <c>UseTwilioRequestValidation()</c> when it is called without prefixes
    /// (e.g. <c>/voice</c>, <c>/sms</c>). Paths outside them, such as <c>/healthz</c>, are never checked.
    /// </summary>
    public IList<string> PathPrefixes { get; } = [];

    /// <summary>The largest request body read for validation; larger requests get 400.</summary>
    public long MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>The most form fields read for validation; more get 400.</summary>
    public int MaxFormFields { get; set; } = 1024;
}
