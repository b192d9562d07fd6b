using System.Globalization;
using System.Text;

namespace IvrService.Twilio.Security;

/// <summary>
/// The URL strings a received request may have been signed as. Twilio signs the URL it was configured with, minus
/// userinfo, and drops the port for Voice over HTTPS; libraries and proxies encode queries differently. The list is
/// ordered from the most to the least likely; the host's case changes only in the last, WHATWG-normalised candidates
/// (what node's validator accepts).
/// </summary>
public static class TwilioUrlCandidates
{
    /// <summary>
    /// Returns the candidates for <paramref name="url"/>, without duplicates:
    /// <list type="number">
    /// <item>the URL as received, minus userinfo and <c>#fragment</c>;</item>
    /// <item>the same with the port toggled (an explicit port removed, or the scheme's default added);</item>
    /// <item>both again with the query re-encoded the way WHATWG <c>new URL()</c> does, then after node's legacy
    /// <c>querystring</c> parse/stringify round trip (the fallbacks of the official node library);</item>
    /// <item>only when the URL carries userinfo: the first two with the userinfo kept, because the SDKs' own signing
    /// helpers keep it;</item>
    /// <item>the URL as WHATWG <c>new URL()</c> serialises it (host lowercased, path escaped, dot segments removed,
    /// default port dropped), then with the port added, then both after the legacy querystring round trip.</item>
    /// </list>
    /// A string that is not an absolute <c>scheme://</c> URL yields itself as the only candidate.
    /// </summary>
    /// <param name="url">The public URL of the request.</param>
    /// <returns>The ordered candidates.</returns>
    public static IReadOnlyList<string> For(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return Enumerate(url).ToList();
    }

    /// <summary>
    /// The candidates of <see cref="For"/>, in the same order, built only as far as they are consumed: almost every
    /// genuine request matches the URL as received, so the validator never pays for the variants.
    /// </summary>
    internal static IEnumerable<string> Enumerate(string url)
    {
        // Without userinfo or a fragment the first candidate is the URL itself: offer it before splitting anything.
        var asReceived = url.AsSpan().IndexOfAny('@', '#') < 0 && UrlParts.IsAbsolute(url);
        if (asReceived)
        {
            yield return url;
        }

        if (!UrlParts.TryParse(url, out var parts))
        {
            // Not an absolute URL (so not offered above): it is its own only candidate.
            yield return url;
            yield break;
        }

        var seen = new List<string>(8);
        if (asReceived)
        {
            seen.Add(url);
        }

        var bare = parts with { UserInfo = string.Empty };
        foreach (var candidate in Variants(parts, bare))
        {
            if (!seen.Contains(candidate, StringComparer.Ordinal))
            {
                seen.Add(candidate);
                yield return candidate;
            }
        }
    }

    private static IEnumerable<string> Variants(UrlParts parts, UrlParts bare)
    {
        yield return bare.ToString();
        yield return bare.WithPortToggled().ToString();

        var whatwg = WhatwgQuery(bare.Query);
        yield return WithQuery(bare, whatwg);
        yield return WithQuery(bare.WithPortToggled(), whatwg);
        if (LegacyQueryString(whatwg) is { } legacy)
        {
            yield return WithQuery(bare, legacy);
            yield return WithQuery(bare.WithPortToggled(), legacy);
        }

        if (parts.UserInfo.Length > 0)
        {
            yield return parts.ToString();
            yield return parts.WithPortToggled().ToString();
        }

        // Last, what node's validateRequest also tries: the URL as WHATWG new URL() serialises it (host lowercased,
        // path escaped and dot segments removed, default port dropped), then with the port added, then both after
        // the legacy querystring round trip. Built only here, after every earlier candidate failed.
        if (Whatwg(bare) is { } normalised)
        {
            var withPort = normalised.Port.Length > 0 ? normalised : normalised.WithPortToggled();
            var withoutPort = normalised with { Port = string.Empty };
            yield return withoutPort.ToString();
            yield return withPort.ToString();
            if (LegacyQueryString(normalised.Query) is { } normalisedLegacy)
            {
                yield return WithQuery(withoutPort, normalisedLegacy);
                yield return WithQuery(withPort, normalisedLegacy);
            }
        }
    }

    /// <summary>
    /// <paramref name="url"/> as WHATWG <c>new URL(url).href</c> serialises an http(s) or ws(s) URL without userinfo or
    /// fragment: scheme and ASCII host lowercased, the scheme's default port dropped, <c>.</c>/<c>..</c> segments
    /// (also spelt <c>%2e</c>) resolved, the path percent-encoded per the path percent-encode set and the query per
    /// the special-query set, existing escapes kept. Null when node would fail or differ in ways not modelled here: a
    /// non-ASCII or escaped host (IDNA), a numeric host that is not a dotted quad, a bad port, a lone surrogate.
    /// </summary>
    internal static UrlParts? Whatwg(UrlParts url)
    {
        var scheme = url.Scheme.ToLowerInvariant();
        var defaultPort = scheme switch
        {
            "http://" or "ws://" => "80",
            "https://" or "wss://" => "443",
            _ => null,
        };
        if (defaultPort is null || HasLoneSurrogate(url.PathAndQuery) || !TryWhatwgHost(url.Host, out var host))
        {
            return null;
        }

        var port = string.Empty;
        if (url.Port.Length > 1)
        {
            if (!int.TryParse(url.Port.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                || number > 65535)
            {
                return null;
            }

            var digits = number.ToString(CultureInfo.InvariantCulture);
            port = digits == defaultPort ? string.Empty : ":" + digits;
        }

        // The parser deletes tab and newline anywhere, and trims C0 controls and spaces from the ends.
        var rest = new string(url.PathAndQuery.Where(c => c is not ('\t' or '\n' or '\r')).ToArray()).TrimEnd(TrimmedChars);
        var q = rest.IndexOf('?', StringComparison.Ordinal);
        var path = WhatwgPath(q < 0 ? rest : rest[..q]);
        var query = q < 0 ? null : WhatwgQuery(rest[(q + 1)..]);
        return new UrlParts(scheme, string.Empty, host, port, query is null ? path : path + "?" + query);
    }

    private static readonly System.Buffers.SearchValues<char> Ipv6Chars = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF:");

    private static readonly char[] TrimmedChars = [.. Enumerable.Range(0, 33).Select(i => (char)i)];

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryWhatwgHost(string host, out string normalised)
    {
        normalised = host.ToLowerInvariant();
        if (host.Length == 0)
        {
            return false;
        }

        if (host[0] == '[')
        {
            // An IPv6 literal: WHATWG also compresses it; only a canonical one is left as lowercased.
            return host[^1] == ']' && host.AsSpan(1, host.Length - 2).IndexOfAnyExcept(Ipv6Chars) < 0;
        }

        foreach (var c in host)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '.' or '_'))
            {
                return false;
            }
        }

        // A last label that looks numeric makes the host an IPv4 address, which WHATWG rewrites (127.1 -> 127.0.0.1).
        var last = normalised.TrimEnd('.');
        last = last[(last.LastIndexOf('.') + 1)..];
        if (last.Length > 0 && (last.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0 || last.StartsWith("0x", StringComparison.Ordinal)))
        {
            var labels = normalised.Split('.');
            return labels.Length == 4 && labels.All(l => l.Length is > 0 and <= 3 && l.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0
                && (l == "0" || l[0] != '0') && int.Parse(l, CultureInfo.InvariantCulture) <= 255);
        }

        return true;
    }

    /// <summary>The path state of the WHATWG URL parser for a special URL, serialised.</summary>
    internal static string WhatwgPath(string path)
    {
        var segments = new List<string>();
        var start = path.Length > 0 && path[0] is '/' or '\\' ? 1 : 0;
        var buffer = new StringBuilder();
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = start; ; i++)
        {
            var end = i == path.Length;
            if (end || path[i] is '/' or '\\')
            {
                var segment = buffer.ToString();
                buffer.Clear();
                if (IsDoubleDot(segment))
                {
                    if (segments.Count > 0)
                    {
                        segments.RemoveAt(segments.Count - 1);
                    }

                    if (end)
                    {
                        segments.Add(string.Empty);
                    }
                }
                else if (IsSingleDot(segment))
                {
                    if (end)
                    {
                        segments.Add(string.Empty);
                    }
                }
                else
                {
                    segments.Add(segment);
                }

                if (end)
                {
                    break;
                }

                continue;
            }

            var c = path[i];
            if (c is > ' ' and < '\u007f' and not ('"' or '#' or '<' or '>' or '?' or '`' or '{' or '}'))
            {
                buffer.Append(c);
                continue;
            }

            var rune = Rune.GetRuneAt(path, i);
            if (rune.Utf16SequenceLength == 2)
            {
                i++;
            }

            var length = rune.EncodeToUtf8(utf8);
            AppendPercentEncoded(buffer, utf8[..length]);
        }

        var result = new StringBuilder(path.Length + 16);
        foreach (var segment in segments)
        {
            result.Append('/').Append(segment);
        }

        return result.ToString();
    }

    private static bool IsSingleDot(string s) => s == "." || s.Equals("%2e", StringComparison.OrdinalIgnoreCase);

    private static bool IsDoubleDot(string s) =>
        s == ".." || s.Equals(".%2e", StringComparison.OrdinalIgnoreCase) || s.Equals("%2e.", StringComparison.OrdinalIgnoreCase)
        || s.Equals("%2e%2e", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The WebSocket form of an http(s) URL: <c>wss://</c> for <c>https://</c>, <c>ws://</c> for <c>http://</c>, the rest
    /// unchanged. Twilio signs a WebSocket upgrade (ConversationRelay, Media Streams) over the URL it connected to, so
    /// that is what the validator checks; a URL of any other scheme is returned as it is.
    /// </summary>
    public static string ToWebSocket(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "wss://" + url[8..]
            : url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? "ws://" + url[7..]
            : url;
    }

    public static string StripUserInfoAndFragment(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return UrlParts.TryParse(url, out var parts) ? (parts with { UserInfo = string.Empty }).ToString() : url;
    }

    /// <summary>Replaces the password in userinfo so a candidate can be logged.</summary>
    internal static string Redact(string url)
    {
        if (!url.Contains('@', StringComparison.Ordinal) || !UrlParts.TryParse(url, out var parts) || parts.UserInfo.Length == 0)
        {
            return url;
        }

        var colon = parts.UserInfo.IndexOf(':', StringComparison.Ordinal);
        var user = colon < 0 ? parts.UserInfo[..^1] : parts.UserInfo[..colon];
        return (parts with { UserInfo = user + ":***@" }).ToString();
    }

    private static string WithQuery(UrlParts parts, string? query) => (parts with { Query = query }).ToString();

    /// <summary>
    /// The query as WHATWG URL serialises it for http(s): C0 controls, space, <c>"</c>, <c>#</c>, <c>&lt;</c>,
    /// <c>&gt;</c>, <c>'</c> and every non-ASCII character are percent-encoded as UTF-8; all else, including
    /// existing escapes, is kept.
    /// </summary>
    internal static string? WhatwgQuery(string? query)
    {
        if (query is null)
        {
            return null;
        }

        var builder = new StringBuilder(query.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < query.Length; i++)
        {
            var c = query[i];
            if (c is '\t' or '\n' or '\r')
            {
                // The URL parser deletes ASCII tab and newline anywhere in the input.
                continue;
            }

            if (c is > ' ' and < '\u007f' and not ('"' or '#' or '<' or '>' or '\''))
            {
                builder.Append(c);
                continue;
            }

            // A lone surrogate encodes as U+FFFD, as in the URL standard's UTF-8 encode.
            var rune = Rune.TryGetRuneAt(query, i, out var r) ? r : Rune.ReplacementChar;
            if (rune.Utf16SequenceLength == 2)
            {
                i++;
            }

            var length = rune.EncodeToUtf8(utf8);
            AppendPercentEncoded(builder, utf8[..length]);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Node's <c>querystring.stringify(querystring.parse(q))</c>: '+' becomes a space, escapes are decoded, repeated
    /// names are grouped in first-seen order (array-index names first, numerically, as JavaScript orders object
    /// keys) and everything but <c>A-Za-z0-9-_.!~*'()</c> is re-encoded. Null when the query is absent or empty.
    /// </summary>
    internal static string? LegacyQueryString(string? query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return null;
        }

        var groups = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        var pairs = 0;
        foreach (var segment in query.Split('&'))
        {
            // querystring.parse stops at maxKeys (1000) pairs.
            if (segment.Length == 0 || pairs++ >= 1000)
            {
                continue;
            }

            var eq = segment.IndexOf('=', StringComparison.Ordinal);
            var name = LegacyUnescape(eq < 0 ? segment : segment[..eq]);
            var value = eq < 0 ? string.Empty : LegacyUnescape(segment[(eq + 1)..]);
            if (!groups.TryGetValue(name, out var values))
            {
                values = [];
                groups.Add(name, values);
                order.Add(name);
            }

            values.Add(value);
        }

        var keys = order.Where(IsArrayIndex).OrderBy(k => uint.Parse(k, CultureInfo.InvariantCulture))
            .Concat(order.Where(k => !IsArrayIndex(k)));
        var builder = new StringBuilder(query.Length + 16);
        foreach (var key in keys)
        {
            foreach (var value in groups[key])
            {
                if (builder.Length > 0)
                {
                    builder.Append('&');
                }

                if (!LegacyEscape(builder, key))
                {
                    return null;
                }

                builder.Append('=');
                if (!LegacyEscape(builder, value))
                {
                    return null;
                }
            }
        }

        return builder.ToString();
    }

    private static bool IsArrayIndex(string key) =>
        key.Length > 0 && (key == "0" || key[0] != '0') && key.All(char.IsAsciiDigit)
        && uint.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n != uint.MaxValue;

    private static string LegacyUnescape(string text)
    {
        // decodeURIComponent, falling back to byte-wise decoding that keeps bad escapes: both equal this.
        var bytes = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else if (c == '%' && i + 2 < text.Length
                     && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]))
            {
                bytes.Add(byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                var rune = Rune.TryGetRuneAt(text, i, out var r) ? r : Rune.ReplacementChar;
                if (rune.Utf16SequenceLength == 2)
                {
                    i++;
                }

                var length = rune.EncodeToUtf8(utf8);
                for (var b = 0; b < length; b++)
                {
                    bytes.Add(utf8[b]);
                }
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool LegacyEscape(StringBuilder builder, string text)
    {
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '!' or '~' or '*' or '\'' or '(' or ')')
            {
                builder.Append(c);
                continue;
            }

            if (!Rune.TryGetRuneAt(text, i, out var rune))
            {
                // querystring.escape throws URIError on a lone surrogate: that candidate does not exist.
                return false;
            }

            if (rune.Utf16SequenceLength == 2)
            {
                i++;
            }

            var length = rune.EncodeToUtf8(utf8);
            AppendPercentEncoded(builder, utf8[..length]);
        }

        return true;
    }

    private static void AppendPercentEncoded(StringBuilder builder, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// A URL split without normalisation (System.Uri would lowercase the host and re-escape the path, changing
    /// the very string that was signed).
    /// </summary>
    internal sealed record UrlParts(string Scheme, string UserInfo, string Host, string Port, string PathAndQuery)
    {
        /// <summary>The query without '?', or null when there is no '?'.</summary>
        public string? Query
        {
            get
            {
                var q = PathAndQuery.IndexOf('?', StringComparison.Ordinal);
                return q < 0 ? null : PathAndQuery[(q + 1)..];
            }

            init
            {
                var q = PathAndQuery.IndexOf('?', StringComparison.Ordinal);
                var path = q < 0 ? PathAndQuery : PathAndQuery[..q];
                PathAndQuery = value is null ? path : path + "?" + value;
            }
        }

        /// <summary>True when <paramref name="url"/> starts with a valid <c>scheme://</c> (what <see cref="TryParse"/> needs).</summary>
        public static bool IsAbsolute(string url)
        {
            var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
            return schemeEnd > 0 && char.IsAsciiLetter(url[0]) && url.AsSpan(0, schemeEnd).ContainsOnlyValidSchemeChars();
        }

        /// <summary>Splits <c>scheme://[userinfo@]host[:port][/path][?query][#fragment]</c>; the fragment is dropped.</summary>
        public static bool TryParse(string url, out UrlParts parts)
        {
            parts = null!;
            if (!IsAbsolute(url))
            {
                return false;
            }

            var authorityStart = url.IndexOf("://", StringComparison.Ordinal) + 3;
            var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
            if (authorityEnd < 0)
            {
                authorityEnd = url.Length;
            }

            var authority = url[authorityStart..authorityEnd];
            var at = authority.LastIndexOf('@');
            var hostAndPort = authority[(at + 1)..];

            // A colon starts the port only after the closing bracket of an IPv6 literal.
            var portStart = hostAndPort.IndexOf(':', hostAndPort.LastIndexOf(']') + 1);
            var rest = url[authorityEnd..];
            var hash = rest.IndexOf('#', StringComparison.Ordinal);
            parts = new UrlParts(
                url[..authorityStart],
                authority[..(at + 1)],
                portStart < 0 ? hostAndPort : hostAndPort[..portStart],
                portStart < 0 ? string.Empty : hostAndPort[portStart..],
                hash < 0 ? rest : rest[..hash]);
            return true;
        }

        /// <summary>Removes an explicit port, or adds the scheme's default port when there is none.</summary>
        public UrlParts WithPortToggled()
        {
            if (Port.Length > 0)
            {
                return this with { Port = string.Empty };
            }

            var secure = Scheme.StartsWith("https", StringComparison.OrdinalIgnoreCase)
                         || Scheme.StartsWith("wss", StringComparison.OrdinalIgnoreCase);
            return this with { Port = secure ? ":443" : ":80" };
        }

        public override string ToString() => Scheme + UserInfo + Host + Port + PathAndQuery;
    }
}

file static class SchemeChars
{
    public static bool ContainsOnlyValidSchemeChars(this ReadOnlySpan<char> scheme)
    {
        foreach (var c in scheme)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
