using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using IvrService.Twilio.Errors;

namespace IvrService.Fallback.Diagnostics;

/// <summary>
/// Fallback requests per error code, family and channel: a <see cref="Meter"/> named <c>IvrService.Fallback</c>
/// (counter <c>ivr.fallback.requests</c>, for OpenTelemetry or dotnet-counters) and the same counts as Prometheus text.
/// </summary>
public sealed class FallbackMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "IvrService.Fallback";

    /// <summary>The counter's name.</summary>
    public const string CounterName = "ivr.fallback.requests";

    // ErrorCode is attacker-controlled: distinct numeric codes beyond this many are counted as "other" so a flood of
    // made-up codes cannot grow memory or the metrics page without bound.
    private const int MaxSeries = 200;

    private readonly Counter<long> _requests;
    private readonly ConcurrentDictionary<(string Channel, string Code, ErrorFamily Family), long> _counts = new();

    /// <summary>Creates the meter through <paramref name="meters"/>.</summary>
    public FallbackMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>(CounterName, unit: "{request}", description: "Fallback requests by Twilio error code and family.");
    }

    /// <summary>Counts one fallback request on <paramref name="channel"/> (<c>voice</c> or <c>sms</c>).</summary>
    public void Count(string channel, TwilioError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var code = error.Code == 0 ? "none" : error.Code.ToString(CultureInfo.InvariantCulture);
        var key = (channel, code, error.Family);
        if (!_counts.ContainsKey(key) && _counts.Count >= MaxSeries)
        {
            key = (channel, "other", error.Family);
        }

        _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
        _requests.Add(1,
            new KeyValuePair<string, object?>("channel", key.Item1),
            new KeyValuePair<string, object?>("code", key.Item2),
            new KeyValuePair<string, object?>("family", key.Item3.ToString()));
    }

    /// <summary>The counts in Prometheus text exposition format 0.0.4.</summary>
    public string ToPrometheusText()
    {
        var text = new StringBuilder()
            .Append("# HELP ivr_fallback_requests_total Fallback requests by Twilio error code and family.\n")
            .Append("# TYPE ivr_fallback_requests_total counter\n");
        foreach (var ((channel, code, family), count) in _counts.OrderBy(c => c.Key.Channel, StringComparer.Ordinal).ThenBy(c => c.Key.Code, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"ivr_fallback_requests_total{{channel=\"{channel}\",code=\"{code}\",family=\"{family}\"}} {count}\n");
        }

        return text.ToString();
    }
}
