using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using IvrService.Twilio.Diagnostics;
using IvrService.Twilio.Errors;

namespace IvrService.Fallback.Diagnostics;

/// <summary>
/// Fallback requests by channel, Twilio error code and family, and the fallback's decision: the counter
/// <c>ivr.fallback.requests</c> of the <c>IvrService</c> meter, scraped at <c>/metrics</c> (Prometheus
/// <c>ivr_fallback_requests_total</c>) and exported by OTLP like every other instrument.
/// </summary>
public sealed class FallbackMetrics
{
    /// <summary>The counter's name.</summary>
    public const string CounterName = "ivr.fallback.requests";

    /// <summary>
    /// ErrorCode is attacker-controlled only up to the signature, but even signed a code is a series: distinct codes
    /// beyond this many are counted as <c>other</c>, so the series stay bounded.
    /// </summary>
    public const int MaxCodes = 200;

    private readonly Counter<long> _requests;
    private readonly ConcurrentDictionary<int, string> _codes = new();

    /// <summary>Creates the counter through <paramref name="meters"/>.</summary>
    public FallbackMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _requests = meters.Create(IvrTelemetry.Name).CreateCounter<long>(CounterName, unit: "{request}",
            description: "Fallback requests by channel, Twilio error code and family, and decision.");
    }

    /// <summary>Counts one fallback request on <paramref name="channel"/> (<c>voice</c> or <c>sms</c>) and what was done with it.</summary>
    public void Count(string channel, TwilioError error, string decision)
    {
        ArgumentNullException.ThrowIfNull(error);
        _requests.Add(1,
            new KeyValuePair<string, object?>(IvrTelemetry.Channel, channel),
            new KeyValuePair<string, object?>(IvrTelemetry.ErrorCode, CodeLabel(error.Code)),
            new KeyValuePair<string, object?>(IvrTelemetry.ErrorFamily, error.Family.ToString()),
            new KeyValuePair<string, object?>(IvrTelemetry.Decision, decision));
    }

    /// <summary>The code as a label: its digits, <c>none</c>, or <c>other</c> once <see cref="MaxCodes"/> are in use.</summary>
    internal string CodeLabel(int code)
    {
        if (code == 0)
        {
            return "none";
        }

        if (_codes.TryGetValue(code, out var label))
        {
            return label;
        }

        return _codes.Count >= MaxCodes ? "other" : _codes.GetOrAdd(code, static c => c.ToString(CultureInfo.InvariantCulture));
    }
}
