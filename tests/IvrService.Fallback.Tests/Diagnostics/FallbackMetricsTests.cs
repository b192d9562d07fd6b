using System.Diagnostics.Metrics;
using System.Net;
using IvrService.Fallback.Diagnostics;
using IvrService.Twilio.Errors;
using Microsoft.Extensions.DependencyInjection;

namespace IvrService.Fallback.Tests.Diagnostics;

/// <summary>Counts per error code and family, as a meter and as Prometheus text.</summary>
public class FallbackMetricsTests
{
    [Fact]
    public async Task MetricsEndpoint_AfterFallbackRequests_CountsPerCodeAndFamily()
    {
        await using var app = new FallbackAppFactory();
        await app.PostAsync("/fallback/voice", Webhooks.FailedCall("11205", null));
        await app.PostAsync("/fallback/voice", Webhooks.FailedCall("11205", null));
        await app.PostAsync("/fallback/voice", Webhooks.FailedCall("13420", null));
        await app.PostAsync("/fallback/sms", Webhooks.FailedMessage("12100", null, "hi"));

        using var response = await app.CreateClient().GetAsync(new Uri("/fallback/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Contains("ivr_fallback_requests_total{channel=\"voice\",code=\"11205\",family=\"PrimaryUnreachable\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("ivr_fallback_requests_total{channel=\"voice\",code=\"13420\",family=\"MediaProblem\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("ivr_fallback_requests_total{channel=\"sms\",code=\"12100\",family=\"PrimaryAnsweredBadly\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Count_Meter_PublishesTaggedMeasurements()
    {
        await using var app = new FallbackAppFactory();
        var metrics = app.Services.GetRequiredService<FallbackMetrics>();
        var seen = new List<(long Value, string Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == FallbackMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            seen.Add((value, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")))));
        listener.Start();

        metrics.Count("voice", TwilioErrorCatalog.Lookup(11205));

        Assert.Contains((1L, "channel=voice,code=11205,family=PrimaryUnreachable"), seen);
    }

    [Fact]
    public async Task Count_FloodOfMadeUpCodes_IsBoundedAsOther()
    {
        await using var app = new FallbackAppFactory();
        var metrics = app.Services.GetRequiredService<FallbackMetrics>();

        for (var code = 20000; code < 20500; code++)
        {
            metrics.Count("voice", TwilioErrorCatalog.Lookup(code));
        }

        var lines = metrics.ToPrometheusText().Split('\n').Where(l => l.StartsWith("ivr_fallback_requests_total{", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count <= 201, $"{lines.Count} series");
        Assert.Contains(lines, l => l.Contains("code=\"other\"", StringComparison.Ordinal) && l.EndsWith(" 300", StringComparison.Ordinal));
    }
}
