namespace IvrService.Twilio.Security;

/// <summary>
/// The <c>X-Twilio-Webhooks-Signature-Settings</c> header Twilio adds to a webhook signed with a SharedKey instead of
/// the auth token: <c>key=webhooks_sharedkey_…,algorithm=HMAC_SHA256</c>. Its presence alone says "the secret is a
/// shared key"; the signed string (URL, then the sorted parameters) is the auth-token scheme's. Parsed the way the
/// official SDK's <c>RequestValidator.GetSignatureAlgorithm</c> reads it (checked by <c>SdkSignatureOracleTests</c>):
/// comma-separated <c>name=value</c> pairs, names as written, values trimmed, the algorithm's case ignored, no
/// <c>algorithm</c> meaning HMAC-SHA1. Pure.
/// </summary>
/// <param name="KeyId">The SharedKey's id (<c>key=</c>), not a secret; null when the header names none.</param>
/// <param name="Algorithm">The algorithm named, or HMAC-SHA1 when none is; meaningless when not <paramref name="IsSupported"/>.</param>
/// <param name="AlgorithmName">The algorithm named (Twilio's spelling when known, else the value received, trimmed), or null.</param>
/// <param name="IsSupported">False when <c>algorithm=</c> names something other than HMAC_SHA1 or HMAC_SHA256.</param>
public sealed record TwilioSignatureSettings(string? KeyId, TwilioSignatureAlgorithm Algorithm, string? AlgorithmName, bool IsSupported)
{
    /// <summary>The header's name.</summary>
    public const string HeaderName = "X-Twilio-Webhooks-Signature-Settings";

    /// <summary>Twilio's name of <see cref="TwilioSignatureAlgorithm.HmacSha1"/>.</summary>
    public const string HmacSha1Name = "HMAC_SHA1";

    /// <summary>Twilio's name of <see cref="TwilioSignatureAlgorithm.HmacSha256"/>.</summary>
    public const string HmacSha256Name = "HMAC_SHA256";

    /// <summary>Reads a header value; null or blank (no header) gives null: the auth token and HMAC-SHA1.</summary>
    /// <param name="header">The header's value as received.</param>
    /// <returns>The settings, or null when there is no header.</returns>
    public static TwilioSignatureSettings? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        // Spans, not Split: this runs for every webhook a SharedKey signs. Only the key id and an unknown
        // algorithm's name become strings.
        ReadOnlySpan<char> key = default, algorithm = default;
        bool hasKey = false, hasAlgorithm = false;
        var rest = header.AsSpan();
        while (!rest.IsEmpty)
        {
            var comma = rest.IndexOf(',');
            var part = comma < 0 ? rest : rest[..comma];
            rest = comma < 0 ? default : rest[(comma + 1)..];
            var eq = part.IndexOf('=');
            if (eq < 0)
            {
                continue;
            }

            var name = part[..eq].Trim();
            var value = part[(eq + 1)..].Trim();
            if (!hasKey && name.SequenceEqual("key"))
            {
                key = value;
                hasKey = true;
            }
            else if (!hasAlgorithm && name.SequenceEqual("algorithm"))
            {
                algorithm = value;
                hasAlgorithm = true;
            }
        }

        var keyId = hasKey ? key.ToString() : null;
        if (algorithm.IsEmpty || algorithm.Equals(HmacSha1Name, StringComparison.OrdinalIgnoreCase))
        {
            return new(keyId, TwilioSignatureAlgorithm.HmacSha1, hasAlgorithm ? HmacSha1Name : null, true);
        }

        return algorithm.Equals(HmacSha256Name, StringComparison.OrdinalIgnoreCase)
            ? new(keyId, TwilioSignatureAlgorithm.HmacSha256, HmacSha256Name, true)
            : new(keyId, TwilioSignatureAlgorithm.HmacSha1, algorithm.ToString(), false);
    }
}
