using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IvrService.Audio.S3;

/// <summary>
/// AWS Signature Version 4 query-string signing (a presigned GET) with an explicit signing time.
/// The SDK's presigner always signs with the current clock, so two requests in the same window would get different
/// URLs and defeat Twilio's per-URL media cache; this signs with the window start instead.
/// </summary>
public static class SigV4QueryPresigner
{
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private const string Service = "s3";

    /// <summary>The longest validity SigV4 accepts.</summary>
    public static readonly TimeSpan MaxExpiry = TimeSpan.FromDays(7);

    /// <summary>Presigns a GET of <paramref name="address"/>, valid from <paramref name="signingTime"/> for <paramref name="expires"/>.</summary>
    public static Uri PresignGet(
        S3ObjectAddress address, string region, S3SigningCredentials credentials, DateTimeOffset signingTime, TimeSpan expires)
    {
        ArgumentException.ThrowIfNullOrEmpty(region);
        ArgumentNullException.ThrowIfNull(credentials);
        if (expires <= TimeSpan.Zero || expires > MaxExpiry)
        {
            throw new ArgumentOutOfRangeException(nameof(expires), expires, "SigV4 presigned URLs last between 1 second and 7 days.");
        }

        var utc = signingTime.ToUniversalTime();
        var amzDate = utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var dateStamp = utc.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var scope = $"{dateStamp}/{region}/{Service}/aws4_request";

        var query = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["X-Amz-Algorithm"] = Algorithm,
            ["X-Amz-Credential"] = $"{credentials.AccessKeyId}/{scope}",
            ["X-Amz-Date"] = amzDate,
            ["X-Amz-Expires"] = ((long)expires.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            ["X-Amz-SignedHeaders"] = "host",
        };
        if (!string.IsNullOrEmpty(credentials.SessionToken))
        {
            query["X-Amz-Security-Token"] = credentials.SessionToken;
        }

        var canonicalQuery = string.Join('&', query.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        var canonicalRequest = string.Join('\n',
            "GET",
            address.EscapedPath,
            canonicalQuery,
            $"host:{address.Host}",
            "",
            "host",
            "UNSIGNED-PAYLOAD");

        var stringToSign = string.Join('\n', Algorithm, amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + credentials.SecretAccessKey), dateStamp);
        key = Hmac(key, region);
        key = Hmac(key, Service);
        key = Hmac(key, "aws4_request");
        var signature = Hex(Hmac(key, stringToSign));

        return new Uri($"{address.Scheme}://{address.Host}{address.EscapedPath}?{canonicalQuery}&X-Amz-Signature={signature}");
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
