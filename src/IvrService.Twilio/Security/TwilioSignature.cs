using System.Security.Cryptography;
using System.Text;

namespace IvrService.Twilio.Security;

/// <summary>
/// The <c>X-Twilio-Signature</c> algorithm: Base64 of HMAC-SHA1, keyed with the auth token, over the URL followed by
/// every parameter as name+value, sorted by name. A pure function; URL variants and token lists live in
/// <see cref="TwilioSignatureValidator"/>.
/// </summary>
public static class TwilioSignature
{
    /// <summary>The request header that carries the signature.</summary>
    public const string HeaderName = "X-Twilio-Signature";

    /// <summary>The query parameter Twilio adds to the URL of a request whose body is JSON.</summary>
    public const string BodyHashParameter = "bodySHA256";

    /// <summary>
    /// Computes the signature Twilio sends for <paramref name="url"/> and <paramref name="parameters"/>.
    /// </summary>
    /// <param name="url">The URL exactly as Twilio signed it (scheme through the end of the query).</param>
    /// <param name="parameters">
    /// The decoded form parameters (none for GET and JSON requests). A name may repeat: its values are
    /// de-duplicated, sorted ordinally and appended once each (the rule of the node and python libraries).
    /// A null value counts as an empty string.
    /// </param>
    /// <param name="authToken">The auth token used as the HMAC key.</param>
    /// <returns>The 28-character Base64 signature.</returns>
    public static string Compute(string url, IEnumerable<KeyValuePair<string, string?>> parameters, string authToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(authToken);

        var data = BuildSignedString(url, parameters);
        return Sign(authToken, Encoding.UTF8.GetBytes(data));
    }

    /// <summary>Computes the signature of a URL with no parameters (GET requests and JSON bodies).</summary>
    /// <param name="url">The URL exactly as Twilio signed it.</param>
    /// <param name="authToken">The auth token used as the HMAC key.</param>
    /// <returns>The 28-character Base64 signature.</returns>
    public static string Compute(string url, string authToken) => Compute(url, [], authToken);

    /// <summary>
    /// Computes the value Twilio puts in <c>bodySHA256</c>: the lowercase hex SHA-256 of the raw request body.
    /// </summary>
    /// <param name="body">The raw body bytes, as received.</param>
    /// <returns>64 lowercase hex characters.</returns>
    public static string ComputeBodyHash(ReadOnlySpan<byte> body) =>
        Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>Base64 HMAC-SHA1 of <paramref name="data"/> keyed with the UTF-8 bytes of the token.</summary>
    internal static string Sign(string authToken, byte[] data)
    {
        // SHA-1 is Twilio's choice, not ours: the protocol has no other algorithm, and as an HMAC keyed with a
        // secret token it is not exposed to SHA-1's collision weakness.
#pragma warning disable CA5350
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), data);
#pragma warning restore CA5350
        return Convert.ToBase64String(mac);
    }

    /// <summary>The string that is HMAC'd: the URL, then name+value for every parameter in signing order.</summary>
    internal static string BuildSignedString(string url, IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        // Ordered by name, then by value, both ordinally (UTF-16 code units, as JavaScript's sort): "Reason" must
        // precede "ReasonConferenceEnded". A name repeated with the same value counts once, as node's
        // Array.from(new Set(values)).sort() does. One flat sorted list: this runs on every webhook.
        var pairs = new List<KeyValuePair<string, string>>(parameters is ICollection<KeyValuePair<string, string?>> c ? c.Count : 16);
        var length = url.Length;
        foreach (var (name, value) in parameters)
        {
            if (name is null)
            {
                continue;
            }

            pairs.Add(new(name, value ?? string.Empty));
            length += name.Length + (value?.Length ?? 0);
        }

        pairs.Sort(static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Key, b.Key);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });

        var builder = new StringBuilder(url, length);
        for (var i = 0; i < pairs.Count; i++)
        {
            var (name, value) = pairs[i];
            if (i > 0 && string.Equals(pairs[i - 1].Key, name, StringComparison.Ordinal)
                && string.Equals(pairs[i - 1].Value, value, StringComparison.Ordinal))
            {
                continue;
            }

            builder.Append(name).Append(value);
        }

        return builder.ToString();
    }
}
