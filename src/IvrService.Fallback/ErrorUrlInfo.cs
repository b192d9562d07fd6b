using System.Text;
using IvrService.Voice;
using Microsoft.AspNetCore.WebUtilities;

namespace IvrService.Fallback;

/// <summary>Where the failed primary request was, as far as the fallback can tell.</summary>
public enum ResumePoint
{
    /// <summary>Nothing to resume: no, garbled or foreign ErrorUrl, or a primary route that is not part of a call's flow.</summary>
    None,

    /// <summary>The incoming-call webhook (<c>/voice</c>) failed: the caller was at the start of the flow.</summary>
    Start,

    /// <summary>A flow callback (<c>/voice/continue?n=…</c>) failed: the caller was at the node in the query.</summary>
    Continue,
}

/// <summary>
/// <c>ErrorUrl</c> read defensively. It is attacker-controlled text: it is parsed, never fetched, never redirected
/// to and never written into TwiML; only the call-state parameters of an allow-listed primary host are used, and the
/// log form keeps only scheme, host, path and those parameters, capped in length.
/// </summary>
public sealed record ErrorUrlInfo
{
    /// <summary>Longest ErrorUrl parsed at all (Twilio's own URLs are far shorter).</summary>
    public const int MaxLength = 2048;

    /// <summary>Longest log form.</summary>
    public const int MaxLogLength = 256;

    private static readonly string[] StateKeys = ["n", "l", "f", "t", "b", "x"];

    private ErrorUrlInfo(string forLog)
    {
        ForLog = forLog;
    }

    /// <summary>Safe to log: no user info, fragment or unknown query values (secrets), at most <see cref="MaxLogLength"/> characters.</summary>
    public string ForLog { get; }

    /// <summary>True when the URL's host is one of <c>Fallback:PrimaryHosts</c>.</summary>
    public bool IsAllowListed { get; private init; }

    /// <summary>Where the caller was (only for an allow-listed host).</summary>
    public ResumePoint Resume { get; private init; }

    /// <summary>
    /// The call-state query parameters (<c>n</c>, <c>l</c>, <c>f</c>, <c>t</c>, <c>b</c>, <c>x</c>) for
    /// <see cref="ResumePoint.Continue"/>, and for <see cref="ResumePoint.Start"/> the locale a voice URL may name.
    /// </summary>
    public IReadOnlyDictionary<string, string?> State { get; private init; } = new Dictionary<string, string?>();

    /// <summary>Parses <paramref name="raw"/> against the allow-list <paramref name="primaryHosts"/>. Never throws.</summary>
    public static ErrorUrlInfo Parse(string? raw, IEnumerable<string> primaryHosts)
    {
        ArgumentNullException.ThrowIfNull(primaryHosts);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return new ErrorUrlInfo("(none)");
        }

        if (raw.Length > MaxLength)
        {
            return new ErrorUrlInfo($"(too long: {raw.Length} characters)");
        }

        if (!Uri.TryCreate(raw.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.HostNameType is UriHostNameType.Unknown or UriHostNameType.Basic)
        {
            return new ErrorUrlInfo("(not an http(s) URL)");
        }

        Dictionary<string, string?> state = new(StringComparer.Ordinal);
        var logQuery = new StringBuilder();
        try
        {
            foreach (var (key, values) in QueryHelpers.ParseQuery(uri.Query))
            {
                var known = StateKeys.Contains(key, StringComparer.Ordinal);
                if (known && values.Count == 1)
                {
                    state[key] = values[0];
                }

                logQuery.Append(logQuery.Length == 0 ? '?' : '&')
                    .Append(Printable(key, 24)).Append('=').Append(known ? Printable(values.ToString(), 40) : "***");
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            state.Clear();
            logQuery.Clear().Append("?(unreadable query)");
        }

        var authority = uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}";
        var forLog = $"{uri.Scheme}://{authority}{Printable(uri.AbsolutePath, 120)}{logQuery}";
        if (forLog.Length > MaxLogLength)
        {
            forLog = forLog[..(MaxLogLength - 1)] + "…";
        }

        var allowListed = primaryHosts.Any(h => Matches(h, uri));
        var path = uri.AbsolutePath.TrimEnd('/');
        var resume = !allowListed ? ResumePoint.None
            : VoiceRoutes.IsContinue(path) && state.ContainsKey("n") ? ResumePoint.Continue
            : VoiceRoutes.IsIncoming(path) ? ResumePoint.Start
            : ResumePoint.None;
        return new ErrorUrlInfo(forLog)
        {
            IsAllowListed = allowListed,
            Resume = resume,
            State = resume != ResumePoint.None ? state : new Dictionary<string, string?>(),
        };
    }

    /// <summary>True for a host name or address, with an optional <c>:port</c> (no scheme, path or wildcard).</summary>
    public static bool IsValidHostEntry(string? entry)
    {
        if (string.IsNullOrWhiteSpace(entry))
        {
            return false;
        }

        var trimmed = entry.Trim();
        return trimmed.IndexOfAny(['/', '?', '#', '@', '*', ' ', '\\']) < 0
            && Uri.TryCreate("https://" + trimmed, UriKind.Absolute, out var uri)
            && uri.HostNameType is not (UriHostNameType.Unknown or UriHostNameType.Basic);
    }

    // An entry without a port matches the host on any port; with a port, only that port.
    private static bool Matches(string entry, Uri uri)
    {
        var trimmed = entry.Trim();
        if (!Uri.TryCreate("https://" + trimmed, UriKind.Absolute, out var allowed))
        {
            return false;
        }

        var hasPort = trimmed.LastIndexOf(':') > trimmed.LastIndexOf(']');
        return string.Equals(allowed.IdnHost, uri.IdnHost, StringComparison.OrdinalIgnoreCase)
            && (!hasPort || allowed.Port == uri.Port);
    }

    private static string Printable(string value, int max)
    {
        var builder = new StringBuilder(Math.Min(value.Length, max) + 1);
        foreach (var c in value)
        {
            if (builder.Length >= max)
            {
                builder.Append('…');
                break;
            }

            builder.Append(char.IsControl(c) ? '?' : c);
        }

        return builder.ToString();
    }
}
