using System.Globalization;
using System.Text;

namespace IvrService.Twilio.Rest;

/// <summary>
/// Twilio's webhook connection overrides, carried in the URL fragment (<c>#ct=…&amp;rt=…&amp;tt=…&amp;rc=…&amp;rp=…&amp;e=…</c>).
/// Set on a number's Voice URL they make Twilio give up on a dead primary quickly and move to the Fallback URL.
/// The fragment never travels on the wire. Out-of-range values are rejected when built.
/// </summary>
public sealed record ConnectionOverrides
{
    /// <summary><c>ct</c>: TCP connect timeout in ms (100–10000; Twilio's default 5000).</summary>
    public int? ConnectTimeoutMs { get; init; }

    /// <summary><c>rt</c>: read timeout in ms, to the first byte and between bytes (100–15000; default 15000).</summary>
    public int? ReadTimeoutMs { get; init; }

    /// <summary><c>tt</c>: total time for all attempts in ms (100–15000; default 15000).</summary>
    public int? TotalTimeoutMs { get; init; }

    /// <summary><c>rc</c>: retries after a failure (0–5; default 1).</summary>
    public int? RetryCount { get; init; }

    /// <summary><c>rp</c>: which failures are retried: <c>ct</c>, <c>4xx</c>, <c>5xx</c>, <c>rt</c>, <c>all</c> (default <c>ct</c>).</summary>
    public IReadOnlyList<string> RetryPolicy { get; init; } = [];

    /// <summary><c>e</c>: egress edges, rotated across retries (e.g. <c>ashburn</c>, <c>umatilla</c>).</summary>
    public IReadOnlyList<string> Edges { get; init; } = [];

    /// <summary><c>sni</c>: send TLS SNI on every attempt (<c>y</c>/<c>n</c>); null leaves Twilio's default.</summary>
    public bool? Sni { get; init; }

    /// <summary>The fragment without <c>#</c>, keys in the order ct, rt, tt, rc, rp, e, sni; empty when nothing is set.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value outside Twilio's documented range (the message names the key).</exception>
    public string ToFragment()
    {
        var builder = new StringBuilder();
        AppendRange(builder, "ct", ConnectTimeoutMs, 100, 10_000);
        AppendRange(builder, "rt", ReadTimeoutMs, 100, 15_000);
        AppendRange(builder, "tt", TotalTimeoutMs, 100, 15_000);
        AppendRange(builder, "rc", RetryCount, 0, 5);
        if (RetryPolicy.Count > 0)
        {
            foreach (var policy in RetryPolicy)
            {
                if (policy is not ("ct" or "4xx" or "5xx" or "rt" or "all"))
                {
                    throw new ArgumentOutOfRangeException(nameof(RetryPolicy), policy, "rp must be ct, 4xx, 5xx, rt or all.");
                }
            }

            Append(builder, "rp", string.Join(',', RetryPolicy));
        }

        if (Edges.Count > 0)
        {
            var edges = Edges.Select(edge => TwilioHosts.NormalizeEdge(edge)
                ?? throw new ArgumentOutOfRangeException(nameof(Edges), edge, "e must name an edge."));
            Append(builder, "e", string.Join(',', edges));
        }

        if (Sni is { } sni)
        {
            Append(builder, "sni", sni ? "y" : "n");
        }

        if (TotalTimeoutMs is { } total && ConnectTimeoutMs is { } connect && connect > total)
        {
            throw new ArgumentOutOfRangeException(nameof(ConnectTimeoutMs), connect, "ct cannot exceed tt: the connect attempt would never finish in time.");
        }

        return builder.ToString();
    }

    /// <summary><paramref name="url"/> with its fragment replaced by these overrides (or removed when none are set).</summary>
    public string ApplyTo(string url)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        var withoutFragment = hash < 0 ? url : url[..hash];
        var fragment = ToFragment();
        return fragment.Length == 0 ? withoutFragment : withoutFragment + "#" + fragment;
    }

    /// <summary>
    /// Reads the overrides from a URL or a bare fragment (what a Twilio simulator needs). Unknown keys are ignored;
    /// returns false with a reason for values Twilio would not accept.
    /// </summary>
    public static bool TryParse(string? urlOrFragment, out ConnectionOverrides overrides, out string? error)
    {
        overrides = new ConnectionOverrides();
        error = null;
        if (string.IsNullOrEmpty(urlOrFragment))
        {
            return true;
        }

        var hash = urlOrFragment.IndexOf('#', StringComparison.Ordinal);
        var fragment = hash >= 0 ? urlOrFragment[(hash + 1)..] : urlOrFragment.Contains("://", StringComparison.Ordinal) ? "" : urlOrFragment;
        foreach (var pair in fragment.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? pair : pair[..eq];
            var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            switch (key)
            {
                case "ct": overrides = overrides with { ConnectTimeoutMs = ParseInt(value) }; break;
                case "rt": overrides = overrides with { ReadTimeoutMs = ParseInt(value) }; break;
                case "tt": overrides = overrides with { TotalTimeoutMs = ParseInt(value) }; break;
                case "rc": overrides = overrides with { RetryCount = ParseInt(value) }; break;
                case "rp": overrides = overrides with { RetryPolicy = value.Split(',', StringSplitOptions.RemoveEmptyEntries) }; break;
                case "e": overrides = overrides with { Edges = value.Split(',', StringSplitOptions.RemoveEmptyEntries) }; break;
                case "sni": overrides = overrides with { Sni = value == "y" ? true : value == "n" ? false : null }; break;
                default: break;
            }

            if (key is "ct" or "rt" or "tt" or "rc" && ParseInt(value) is null)
            {
                error = $"{key}={value} is not a whole number.";
                return false;
            }
        }

        try
        {
            _ = overrides.ToFragment();
            return true;
        }
        catch (ArgumentException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    /// <inheritdoc />
    public override string ToString() => ToFragment();

    private static int? ParseInt(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    private static void AppendRange(StringBuilder builder, string key, int? value, int min, int max)
    {
        if (value is not { } v)
        {
            return;
        }

        if (v < min || v > max)
        {
            throw new ArgumentOutOfRangeException(key, v, $"{key} must be between {min} and {max}.");
        }

        Append(builder, key, v.ToString(CultureInfo.InvariantCulture));
    }

    private static void Append(StringBuilder builder, string key, string value)
    {
        if (builder.Length > 0)
        {
            builder.Append('&');
        }

        builder.Append(key).Append('=').Append(value);
    }
}
