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
        // Group by name ordinally, never by name+value: "Reason" must precede "ReasonConferenceEnded".
        var byName = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            if (name is null)
            {
                continue;
            }

            if (!byName.TryGetValue(name, out var values))
            {
                values = new SortedSet<string>(StringComparer.Ordinal);
                byName.Add(name, values);
            }

            // SortedSet both de-duplicates and orders the values, as node's Array.from(new Set(v)).sort() does.
            values.Add(value ?? string.Empty);
        }

        var builder = new StringBuilder(url);
        foreach (var (name, values) in byName)
        {
            foreach (var value in values)
            {
                builder.Append(name).Append(value);
            }
        }

        return builder.ToString();
    }
}
