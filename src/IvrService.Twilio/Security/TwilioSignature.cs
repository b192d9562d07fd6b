using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace IvrService.Twilio.Security;

/// <summary>
/// The <c>X-Twilio-Signature</c> algorithm: Base64 of an HMAC (SHA-1 with the auth token; SHA-1 or SHA-256 with a
/// SharedKey, see <see cref="TwilioSignatureSettings"/>) over the URL followed by every parameter as name+value,
/// sorted by name. A pure function; URL variants and token lists live in <see cref="TwilioSignatureValidator"/>.
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
    /// <param name="authToken">The auth token (or SharedKey secret) used as the HMAC key.</param>
    /// <param name="algorithm">HMAC-SHA1 (the auth-token scheme) unless a SharedKey Setting names HMAC-SHA256.</param>
    /// <returns>The Base64 signature: 28 characters for HMAC-SHA1, 44 for HMAC-SHA256.</returns>
    public static string Compute(
        string url,
        IEnumerable<KeyValuePair<string, string?>> parameters,
        string authToken,
        TwilioSignatureAlgorithm algorithm = TwilioSignatureAlgorithm.HmacSha1)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(authToken);

        using var pairs = SigningOrder.Of(parameters);
        var data = RentSignedData(url, pairs, out var length);
        try
        {
            Span<byte> mac = stackalloc byte[MaxMacBytes];
            var written = HashToken(authToken, data.AsSpan(0, length), mac, algorithm);
            return Convert.ToBase64String(mac[..written]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(data);
        }
    }

    /// <summary>Computes the signature of a URL with no parameters (GET requests and JSON bodies).</summary>
    /// <param name="url">The URL exactly as Twilio signed it.</param>
    /// <param name="authToken">The auth token (or SharedKey secret) used as the HMAC key.</param>
    /// <param name="algorithm">HMAC-SHA1 unless a SharedKey Setting names HMAC-SHA256.</param>
    /// <returns>The Base64 signature.</returns>
    public static string Compute(string url, string authToken, TwilioSignatureAlgorithm algorithm = TwilioSignatureAlgorithm.HmacSha1) =>
        Compute(url, [], authToken, algorithm);

    /// <summary>
    /// Computes the value Twilio puts in <c>bodySHA256</c>: the lowercase hex SHA-256 of the raw request body.
    /// </summary>
    /// <param name="body">The raw body bytes, as received.</param>
    /// <returns>64 lowercase hex characters.</returns>
    public static string ComputeBodyHash(ReadOnlySpan<byte> body) =>
        Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>
    /// The string that is HMAC'd, as text: what <see cref="RentSignedData"/> writes as UTF-8. Signing never builds it;
    /// the tests read the signing order from it.
    /// </summary>
    internal static string BuildSignedString(string url, IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        using var pairs = SigningOrder.Of(parameters);
        var builder = new StringBuilder(url, url.Length + pairs.Chars);
        foreach (var (name, value) in pairs.Span)
        {
            builder.Append(name).Append(value);
        }

        return builder.ToString();
    }

    /// <summary>
    /// True when <paramref name="signature"/> is the signature of <paramref name="url"/> and <paramref name="pairs"/>
    /// under one of <paramref name="authTokens"/> (its index in <paramref name="tokenIndex"/>) with
    /// <paramref name="algorithm"/>: the same bytes and MAC as
    /// <see cref="Compute(string, IEnumerable{KeyValuePair{string, string}}, string, TwilioSignatureAlgorithm)"/>, in
    /// pooled memory and on the stack, because this runs for every webhook. Compares in constant time.
    /// </summary>
    internal static bool Matches(
        string url, in SigningOrder pairs, IReadOnlyList<string?> authTokens, string signature, TwilioSignatureAlgorithm algorithm, out int tokenIndex)
    {
        tokenIndex = -1;
        var data = RentSignedData(url, pairs, out var length);
        try
        {
            Span<byte> mac = stackalloc byte[MaxMacBytes];
            Span<char> expected = stackalloc char[44];
            for (var i = 0; i < authTokens.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(authTokens[i]))
                {
                    continue;
                }

                var macLength = HashToken(authTokens[i]!, data.AsSpan(0, length), mac, algorithm);
                if (Convert.TryToBase64Chars(mac[..macLength], expected, out var written)
                    && CryptographicOperations.FixedTimeEquals(
                        MemoryMarshal.AsBytes(expected[..written]), MemoryMarshal.AsBytes(signature.AsSpan())))
                {
                    tokenIndex = i;
                    return true;
                }
            }

            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(data);
        }
    }

    /// <summary>
    /// The bytes that are HMAC'd, UTF-8 in a rented array (return it to the shared pool): the URL, then name+value for
    /// every parameter in signing order.
    /// </summary>
    private static byte[] RentSignedData(string url, in SigningOrder pairs, out int length)
    {
        var data = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(url.Length + pairs.Chars));

        // One encoder across the pieces, so a surrogate pair split between a name and its value encodes as the
        // concatenated string would (node signs the JavaScript string url + name + value + ...).
        var encoder = Encoding.UTF8.GetEncoder();
        length = encoder.GetBytes(url, data, flush: false);
        foreach (var (name, value) in pairs.Span)
        {
            length += encoder.GetBytes(name, data.AsSpan(length), flush: false);
            length += encoder.GetBytes(value, data.AsSpan(length), flush: false);
        }

        length += encoder.GetBytes([], data.AsSpan(length), flush: true);
        return data;
    }

    private const int MaxMacBytes = HMACSHA256.HashSizeInBytes;

    // SHA-1 is Twilio's choice, not ours: the auth-token scheme has no other algorithm, and as an HMAC keyed with a
    // secret token it is not exposed to SHA-1's collision weakness. SHA-256 comes only with a SharedKey Setting.
    private static int HashToken(string authToken, ReadOnlySpan<byte> data, Span<byte> mac, TwilioSignatureAlgorithm algorithm)
    {
        var keyLength = Encoding.UTF8.GetMaxByteCount(authToken.Length);
        Span<byte> key = keyLength <= 256 ? stackalloc byte[256] : new byte[keyLength];
        var written = Encoding.UTF8.GetBytes(authToken, key);
        if (algorithm == TwilioSignatureAlgorithm.HmacSha256)
        {
            return HMACSHA256.HashData(key[..written], data, mac);
        }

#pragma warning disable CA5350 // Twilio's algorithm (see above).
        return HMACSHA1.HashData(key[..written], data, mac);
#pragma warning restore CA5350
    }
}

/// <summary>
/// The parameters in signing order, in a rented array: by name, then by value, both ordinally (UTF-16 code units,
/// as JavaScript's sort), so "Reason" precedes "ReasonConferenceEnded". A name repeated with the same value counts
/// once, as node's <c>Array.from(new Set(values)).sort()</c> does; a null value counts as empty. Dispose returns
/// the array.
/// </summary>
internal readonly struct SigningOrder : IDisposable
{
    private static readonly Comparison<KeyValuePair<string, string>> ByNameThenValue = static (a, b) =>
    {
        var byName = string.CompareOrdinal(a.Key, b.Key);
        return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
    };

    private readonly KeyValuePair<string, string>[] _pairs;
    private readonly int _count;

    private SigningOrder(KeyValuePair<string, string>[] pairs, int count, int chars)
    {
        _pairs = pairs;
        _count = count;
        Chars = chars;
    }

    /// <summary>Characters of all names and values kept (the signed string's length minus the URL's).</summary>
    public int Chars { get; }

    public ReadOnlySpan<KeyValuePair<string, string>> Span => _pairs.AsSpan(0, _count);

    public static SigningOrder Of(IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        var capacity = parameters is IReadOnlyCollection<KeyValuePair<string, string?>> c ? c.Count : 16;
        var pairs = ArrayPool<KeyValuePair<string, string>>.Shared.Rent(Math.Max(capacity, 1));
        var count = 0;
        foreach (var (name, value) in parameters)
        {
            if (name is null)
            {
                continue;
            }

            if (count == pairs.Length)
            {
                var bigger = ArrayPool<KeyValuePair<string, string>>.Shared.Rent(pairs.Length * 2);
                pairs.AsSpan(0, count).CopyTo(bigger);
                ArrayPool<KeyValuePair<string, string>>.Shared.Return(pairs, clearArray: true);
                pairs = bigger;
            }

            pairs[count++] = new(name, value ?? string.Empty);
        }

        var span = pairs.AsSpan(0, count);
        span.Sort(ByNameThenValue);

        // Drop exact repeats in place, counting the characters that remain.
        var kept = 0;
        var chars = 0;
        for (var i = 0; i < span.Length; i++)
        {
            if (kept > 0 && string.Equals(span[kept - 1].Key, span[i].Key, StringComparison.Ordinal)
                && string.Equals(span[kept - 1].Value, span[i].Value, StringComparison.Ordinal))
            {
                continue;
            }

            span[kept++] = span[i];
            chars += span[i].Key.Length + span[i].Value.Length;
        }

        return new SigningOrder(pairs, kept, chars);
    }

    public void Dispose()
    {
        if (_pairs is not null)
        {
            ArrayPool<KeyValuePair<string, string>>.Shared.Return(_pairs, clearArray: true);
        }
    }
}
