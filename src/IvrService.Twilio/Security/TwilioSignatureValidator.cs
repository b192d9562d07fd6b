using System.Security.Cryptography;
using System.Text;

namespace IvrService.Twilio.Security;

/// <summary>
/// Decides whether a request was signed by Twilio: tries every URL candidate (<see cref="TwilioUrlCandidates"/>)
/// with every accepted secret, compares in constant time and, for JSON bodies, checks <c>bodySHA256</c> against the
/// body. The secrets are the auth tokens (primary first, then rotation tokens) with HMAC-SHA1, or, when the request
/// carries <c>X-Twilio-Webhooks-Signature-Settings</c>, the SharedKey secrets with the algorithm it names. Pure: no
/// I/O, no clock, no framework types.
/// </summary>
public static class TwilioSignatureValidator
{
    /// <summary>Validates <paramref name="request"/> against <paramref name="authTokens"/> or <paramref name="sharedKeySecrets"/>.</summary>
    /// <param name="request">The URL, signature headers and parameters or body of the request.</param>
    /// <param name="authTokens">Accepted tokens: the primary first, then any rotation tokens. Blank entries are ignored.</param>
    /// <param name="sharedKeySecrets">
    /// Accepted SharedKey secrets (two while a Webhook Rule splits traffic between an old and a new key), used only
    /// for a request that carries <see cref="TwilioSignatureSettings.HeaderName"/>. Blank entries are ignored.
    /// </param>
    /// <returns>The verdict, the failure reason, the secret index that matched and the candidates tried.</returns>
    public static TwilioSignatureValidationResult Validate(
        TwilioSignedRequest request, IReadOnlyList<string?> authTokens, IReadOnlyList<string?>? sharedKeySecrets = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(authTokens);

        if (Precheck(request, authTokens, sharedKeySecrets, out var settings, out var secrets) is { } failed)
        {
            return failed;
        }

        var algorithm = settings?.Algorithm ?? TwilioSignatureAlgorithm.HmacSha1;
        IReadOnlyList<KeyValuePair<string, string?>> parameters = request.FormParameters;
        var bodyHash = FindBodyHash(request.Url);
        if (bodyHash is not null)
        {
            // Body mode: the URL (which carries the hash) is signed alone; the hash must describe this body.
            var actual = TwilioSignature.ComputeBodyHash(request.RawBody is { } body ? body.Span : []);
            if (!FixedTimeEquals(actual, bodyHash))
            {
                return TwilioSignatureValidationResult.Fail(TwilioSignatureFailure.BodyHashMismatch, sharedKey: settings);
            }

            parameters = [];
        }
        else if (request.RawBody is { Length: > 0 })
        {
            return TwilioSignatureValidationResult.Fail(TwilioSignatureFailure.BodyHashMissing, sharedKey: settings);
        }

        // The parameters are put in signing order once; each URL candidate is then signed with each secret.
        using var pairs = SigningOrder.Of(parameters);
        var tried = new List<string>(1);
        foreach (var candidate in TwilioUrlCandidates.Enumerate(request.Url))
        {
            tried.Add(candidate);
            if (TwilioSignature.Matches(candidate, pairs, secrets, request.Signature!, algorithm, out var tokenIndex))
            {
                return new TwilioSignatureValidationResult(
                    true, TwilioSignatureFailure.None, tokenIndex, TwilioUrlCandidates.Redact(candidate), Masked(tried))
                {
                    SharedKey = settings,
                };
            }
        }

        return TwilioSignatureValidationResult.Fail(TwilioSignatureFailure.NoMatch, Masked(tried), settings);
    }

    /// <summary>
    /// The verdicts that need neither the body nor a MAC: no signature, no secret for the scheme the request names,
    /// an unknown algorithm. Null when the request must be checked; then <paramref name="secrets"/> are the ones to try.
    /// </summary>
    internal static TwilioSignatureValidationResult? Precheck(
        TwilioSignedRequest request,
        IReadOnlyList<string?> authTokens,
        IReadOnlyList<string?>? sharedKeySecrets,
        out TwilioSignatureSettings? settings,
        out IReadOnlyList<string?> secrets)
    {
        settings = null;
        secrets = authTokens;
        if (string.IsNullOrEmpty(request.Signature))
        {
            return TwilioSignatureValidationResult.Fail(TwilioSignatureFailure.NoHeader);
        }

        // A SharedKey header changes the secret, never the signed string. An auth token is never tried for it (Twilio
        // signed with the key), and a forged header gains nothing: every choice it offers still needs a secret.
        settings = TwilioSignatureSettings.Parse(request.SignatureSettings);
        if (settings is null)
        {
            return HasToken(authTokens) ? null : TwilioSignatureValidationResult.Fail(TwilioSignatureFailure.NoTokenConfigured);
        }

        if (!settings.IsSupported)
        {
            return TwilioSignatureValidationResult.Fail(TwilioSignatureFailure.UnsupportedAlgorithm, sharedKey: settings);
        }

        secrets = sharedKeySecrets ?? [];
        return HasToken(secrets)
            ? null
            : TwilioSignatureValidationResult.Fail(TwilioSignatureFailure.NoSharedKeyConfigured, sharedKey: settings);
    }

    private static bool HasToken(IReadOnlyList<string?> authTokens)
    {
        for (var i = 0; i < authTokens.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(authTokens[i]))
            {
                return true;
            }
        }

        return false;
    }

    internal static string? FindBodyHash(string url)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
        {
            return null;
        }

        var hash = url.IndexOf('#', q);
        var end = hash < 0 ? url.Length : hash;

        // Every webhook comes through here: a query that neither names the parameter nor escapes anything (an
        // escape could spell it) cannot carry it, and needs no splitting.
        var raw = url.AsSpan(q + 1, end - q - 1);
        if (!raw.Contains(TwilioSignature.BodyHashParameter, StringComparison.Ordinal) && !raw.Contains('%'))
        {
            return null;
        }

        var query = url[(q + 1)..end];
        foreach (var pair in query.Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(eq < 0 ? pair : pair[..eq]);
            if (string.Equals(name, TwilioSignature.BodyHashParameter, StringComparison.Ordinal))
            {
                return eq < 0 ? string.Empty : Decode(pair[(eq + 1)..]);
            }
        }

        return null;
    }

    private static string Decode(string component) => Uri.UnescapeDataString(component.Replace('+', ' '));

    private static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));

    private static string[] Masked(List<string> candidates)
    {
        var masked = new string[candidates.Count];
        for (var i = 0; i < masked.Length; i++)
        {
            masked[i] = TwilioUrlCandidates.Redact(candidates[i]);
        }

        return masked;
    }
}
