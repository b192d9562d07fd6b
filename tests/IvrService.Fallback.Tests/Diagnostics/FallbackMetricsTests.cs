using System.Net;
using IvrService.Fallback.Diagnostics;
using IvrService.Testing.Telemetry;
using IvrService.Twilio.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace IvrService.Fallback.Tests.Diagnostics;

/// <summary>Fallback requests by channel, error code, family and decision, as scraped at /metrics.</summary>
/// <remarks>
/// OpenTelemetry listens to every meter of a name in the process, so the other test hosts' webhooks would be counted
/// here too: these exact counts run alone, after the parallel tests.
/// </remarks>
[Collection(ExactMetricsTests.Name)]
public class FallbackMetricsTests
{
    private const string Requests = "ivr_fallback_requests_total";

    [Fact]
    public async Task Metrics_AfterKnownSequence_CountsExactlyPerFamilyAndDecision()
    {
        await using var app = new FallbackAppFactory();
        await app.PostAsync("/fallback/voice", Webhooks.FailedCall("11205", "https://primary.example.com/voice"));
        await app.PostAsync("/fallback/voice", Webhooks.FailedCall("11205", "https://primary.example.com/voice"));
        await app.PostAsync("/fallback/voice", Webhooks.FailedCall("13420", null));
        await app.PostAsync("/fallback/sms", Webhooks.FailedMessage("12100", null, "hi"));
        // Forged: refused before the handler, so not a fallback request, but a signature rejection.
        using (var forged = app.CreateClient())
        using (var body = new FormUrlEncodedContent(Webhooks.FailedCall("11200", null)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await forged.PostAsync(new Uri("/fallback/voice", UriKind.Relative), body)).StatusCode);
        }

        // A webhook's duration is recorded once its answer is complete, which the client may see first.
        var samples = await ScrapeAsync(app, "/metrics");
        for (var wait = 0; wait < 40 && samples.Sum("ivr_webhook_duration_seconds_count") < 5; wait++)
        {
            await Task.Delay(50);
            samples = await ScrapeAsync(app, "/metrics");
        }

        Assert.Equal(2, samples.Sum(Requests, ("ivr_channel", "voice"), ("twilio_error_code", "11205"), ("twilio_error_family", "PrimaryUnreachable"), ("ivr_decision", "resumed")));
        Assert.Equal(1, samples.Sum(Requests, ("ivr_channel", "voice"), ("twilio_error_code", "13420"), ("twilio_error_family", "MediaProblem"), ("ivr_decision", "apology+voicemail")));
        Assert.Equal(1, samples.Sum(Requests, ("ivr_channel", "sms"), ("twilio_error_code", "12100"), ("twilio_error_family", "PrimaryAnsweredBadly")));
        Assert.Equal(4, samples.Sum(Requests));
        Assert.Equal(1, samples.Sum("ivr_signature_rejections_total", ("ivr_signature_failure", "NoHeader")));
        Assert.Equal(4, samples.Sum("ivr_webhook_duration_seconds_count", ("http_response_status_code", "200")));
        Assert.Equal(1, samples.Sum("ivr_webhook_duration_seconds_count", ("ivr_outcome", "rejected")));
    }

    [Fact]
    public async Task Metrics_UnderTheFallbackPrefix_AreTheSameScrape()
    {
        await using var app = new FallbackAppFactory();
        await app.PostAsync("/fallback/voice", Webhooks.FailedCall("11205", null));

        using var client = app.CreateClient();
        using var response = await client.GetAsync(new Uri(FallbackExtensions.MetricsPath, UriKind.Relative));
        var samples = PrometheusText.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Equal(1, samples.Sum(Requests, ("twilio_error_code", "11205")));
    }

    [Fact]
    public async Task Count_FloodOfMadeUpCodes_IsBoundedAsOther()
    {
        await using var app = new FallbackAppFactory();
        var metrics = app.Services.GetRequiredService<FallbackMetrics>();

        for (var code = 20000; code < 20500; code++)
        {
            metrics.Count("voice", TwilioErrorCatalog.Lookup(code), "resumed");
        }

        var samples = (await ScrapeAsync(app, "/metrics")).Where(s => s.Name == Requests).ToList();
        Assert.Equal(FallbackMetrics.MaxCodes + 1, samples.Count);
        Assert.Equal(300, samples.Sum(Requests, ("twilio_error_code", "other")));
    }

    private static async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync(FallbackAppFactory app, string path)
    {
        using var client = app.CreateClient();
        var text = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        return PrometheusText.Parse(text);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ExactMetricsTests
{
    public const string Name = "exact metrics";
}
