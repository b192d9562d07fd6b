using System.Globalization;

namespace IvrService.Cli.Simulator;

/// <summary>Which failures Twilio retries (the <c>rp</c> connection override).</summary>
[Flags]
public enum RetryOn
{
    None = 0,
    /// <summary>TCP connect failures: refused or timed out (<c>ct</c>, Twilio's default).</summary>
    Connect = 1,
    Status4xx = 2,
    Status5xx = 4,
    /// <summary>Read timeouts (<c>rt</c>).</summary>
    ReadTimeout = 8,
    All = Connect | Status4xx | Status5xx | ReadTimeout,
}

/// <summary>
/// Twilio's timers for one webhook request (twilio-protocol.md §3–§4). The defaults are Twilio's: a 5 s TCP connect
/// timeout tried twice (10 s), a 15 s read timeout and 15 s in total. A URL's <c>#ct=…&amp;rt=…&amp;tt=…&amp;rc=…</c>
/// fragment overrides them per URL, as on Twilio.
/// </summary>
public sealed record ConnectionSettings
{
    /// <summary>Twilio's defaults.</summary>
    public static ConnectionSettings TwilioDefaults { get; } = new();

    /// <summary>Edges Twilio accepts in <c>#e=</c> (§7).</summary>
    public static IReadOnlyList<string> KnownEdges { get; } =
        ["sydney", "sao-paulo", "dublin", "frankfurt", "tokyo", "singapore", "ashburn", "umatilla", "roaming"];

    /// <summary>TCP connect timeout per attempt (<c>ct</c>, 100–10000 ms).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Wait for the first byte and between bytes (<c>rt</c>, 100–15000 ms).</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>All attempts together, connect time included (<c>tt</c>, 100–15000 ms).</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Retries after the first attempt (<c>rc</c>, 0–5).</summary>
    public int Retries { get; init; } = 1;

    /// <summary>Which failures are retried (<c>rp</c>).</summary>
    public RetryOn RetryOn { get; init; } = RetryOn.Connect;

    /// <summary>Egress edges (<c>e</c>); informational in the simulator.</summary>
    public IReadOnlyList<string> Edges { get; init; } = [];

    /// <summary>
    /// Applies a URL's connection-override <paramref name="fragment"/> (with or without the leading <c>#</c>).
    /// Values outside Twilio's ranges are clamped and reported in <paramref name="notes"/>; an edge Twilio would refuse
    /// yields <paramref name="errorCode"/> 11241 (unknown edge) or 11242 (Interconnect edge not enabled).
    /// </summary>
    public ConnectionSettings WithFragment(string? fragment, List<string> notes, out int? errorCode)
    {
        ArgumentNullException.ThrowIfNull(notes);
        errorCode = null;
        if (string.IsNullOrEmpty(fragment))
        {
            return this;
        }

        var result = this;
        foreach (var pair in fragment.TrimStart('#').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? pair : pair[..eq];
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
            switch (key)
            {
                case "ct":
                    result = result with { ConnectTimeout = Millis(key, value, 100, 10_000, result.ConnectTimeout, notes) };
                    break;
                case "rt":
                    result = result with { ReadTimeout = Millis(key, value, 100, 15_000, result.ReadTimeout, notes) };
                    break;
                case "tt":
                    result = result with { TotalTimeout = Millis(key, value, 100, 15_000, result.TotalTimeout, notes) };
                    break;
                case "rc":
                    result = result with { Retries = (int)Number(key, value, 0, 5, result.Retries, notes) };
                    break;
                case "rp":
                    result = result with { RetryOn = ParseRetryOn(value, result.RetryOn, notes) };
                    break;
                case "e":
                case "r":
                    var edges = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    foreach (var edge in edges)
                    {
                        if (edge.EndsWith("-ix", StringComparison.Ordinal))
                        {
                            // Interconnect edges need an enabled account; a simulated account never has one.
                            errorCode = 11242;
                            notes.Add($"edge '{edge}' needs Twilio Interconnect (11242)");
                        }
                        else if (!KnownEdges.Contains(edge))
                        {
                            errorCode ??= 11241;
                            notes.Add($"unknown edge '{edge}' (11241)");
                        }
                    }

                    result = result with { Edges = edges };
                    break;
                case "sni":
                    break;
                default:
                    notes.Add($"unknown connection override '{key}' ignored");
                    break;
            }
        }

        return result;
    }

    private static TimeSpan Millis(string key, string value, int min, int max, TimeSpan current, List<string> notes) =>
        TimeSpan.FromMilliseconds(Number(key, value, min, max, (long)current.TotalMilliseconds, notes));

    private static long Number(string key, string value, long min, long max, long current, List<string> notes)
    {
        if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            notes.Add($"connection override {key}='{value}' is not a number; kept {current}");
            return current;
        }

        var clamped = Math.Clamp(parsed, min, max);
        if (clamped != parsed)
        {
            notes.Add($"connection override {key}={parsed} outside {min}–{max}; used {clamped}");
        }

        return clamped;
    }

    private static RetryOn ParseRetryOn(string value, RetryOn current, List<string> notes)
    {
        var result = RetryOn.None;
        foreach (var item in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (item)
            {
                case "ct": result |= RetryOn.Connect; break;
                case "4xx": result |= RetryOn.Status4xx; break;
                case "5xx": result |= RetryOn.Status5xx; break;
                case "rt": result |= RetryOn.ReadTimeout; break;
                case "all": result |= RetryOn.All; break;
                default:
                    notes.Add($"connection override rp='{item}' unknown; ignored");
                    break;
            }
        }

        return result == RetryOn.None ? current : result;
    }
}
