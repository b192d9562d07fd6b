using System.Security.Cryptography;
using System.Text;

namespace IvrService.Twilio.Security;

/// <summary>
/// Decides whether a request was signed by Twilio: tries every URL candidate (<see cref="TwilioUrlCandidates"/>)
/// with every accepted token (primary first, then rotation tokens), compares in constant time and, for JSON
/// bodies, checks <c>bodySHA256</c> against the body. Pure: no I/O, no clock, no framework types.
/// </summary>
public static class TwilioSignatureValidator
{
    /// <summary>Validates <paramref name="request"/> against <paramref name="authTokens"/>.</summary>
    /// <param name="request">The URL, signature header and parameters or body of the request.</param>
    /// <param name="authTokens">Accepted tokens: the primary first, then any rotation tokens. Blank entries are ignored.</param>
    /// <returns>The verdict, the failure reason, the token index that matched and the candidates tried.</returns>
    public static TwilioSignatureValidationResult Validate(TwilioSignedRequest request, IReadOnlyList<string?> authTokens)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(authTokens);

        if (string.IsNullOrEmpty(request.Signature))
        {
            return TwilioSignatureValidationResult.Fail(TwilioSignatureFailure.NoHeader);
        }

        if (!authTokens.Any(t => !string.IsNullOrWhiteSpace(t)))
        {
            return TwilioSignatureValidationResult.Fail(TwilioSignatureFailure.NoTokenConfigured);
        }

        IReadOnlyList<KeyValuePair<string, string?>> parameters = request.FormParameters;
        var bodyHash = FindBodyHash(request.Url);
        if (bodyHash is not null)
        {
            // Body mode: the URL (which carries the hash) is signed alone; the hash must describe this body.
            var actual = TwilioSignature.ComputeBodyHash(request.RawBody is { } body ? body.Span : []);
            if (!FixedTimeEquals(actual, bodyHash))
            {
                return TwilioSignatureValidationResult.Fail(TwilioSignatureFailure.BodyHashMismatch);
            }

            parameters = [];
        }
        else if (request.RawBody is { Length: > 0 })
        {
            return TwilioSignatureValidationResult.Fail(TwilioSignatureFailure.BodyHashMissing);
        }

        var tried = new List<string>(8);
        foreach (var candidate in TwilioUrlCandidates.Enumerate(request.Url))
        {
            tried.Add(candidate);
            var signed = TwilioSignature.BuildSignedString(candidate, parameters);
            var data = Encoding.UTF8.GetBytes(signed);
            for (var i = 0; i < authTokens.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(authTokens[i]))
                {
                    continue;
                }

                var expected = TwilioSignature.Sign(authTokens[i]!, data);
                if (FixedTimeEquals(expected, request.Signature))
                {
                    return new TwilioSignatureValidationResult(
                        true, TwilioSignatureFailure.None, i, TwilioUrlCandidates.Redact(candidate), Masked(tried));
                }
            }
        }

        return TwilioSignatureValidationResult.Fail(TwilioSignatureFailure.NoMatch, Masked(tried));
    }

    internal static string? FindBodyHash(string url)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
        {
            return null;
        }

        var hash = url.IndexOf('#', q);
        var query = hash < 0 ? url[(q + 1)..] : url[(q + 1)..hash];
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

    private static string[] Masked(IReadOnlyList<string> candidates) =>
        candidates.Select(TwilioUrlCandidates.Redact).ToArray();
}
