extern alias primary;
using System.Net;
using System.Xml.Linq;
using IvrService.Testing;
using IvrService.Testing.Logging;
using IvrService.Testing.Telemetry;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;

namespace IvrService.Telemetry.Tests;

/// <summary>
/// The primary's metrics after a known sequence of webhooks, forged ones included, are exactly the expected counts.
/// In the tracing collection: OpenTelemetry listens to every meter of a name in the process, so no other host may
/// run meanwhile.
/// </summary>
[Collection(TracingTests.Name)]
public sealed class PrimaryMetricsTests
{
    private const string Token = "telemetry-test-auth-token";
    private static readonly Uri PublicBase = new("https://ivr.example.com");

    [Fact]
    public async Task KnownSequence_CountsCallsEndingsStatusesTextsRejectionsAndPromptCache()
    {
        await using var app = new App();
        using var client = app.CreateTwilioClient(Token, PublicBase);
        using var unsigned = app.CreateClient();

        // Two callers: one leaves a voicemail (the flow hangs up after it), one presses 5 (a text; messaging is off here).
        var first = await PostAsync(client, "/voice", Call("CA1"));
        first = await PostAsync(client, Action(first, "Gather"), Call("CA1", ("Digits", "4")));
        await PostAsync(client, Action(first, "Record"), Call("CA1", ("RecordingUrl", "https://api.twilio.com/r/RE1"), ("RecordingDuration", "7"), ("RecordingSid", "RE" + new string('1', 32))));
        var second = await PostAsync(client, "/voice", Call("CA2"));
        await PostAsync(client, Action(second, "Gather"), Call("CA2", ("Digits", "5")));
        await PostAsync(client, "/voice/status", Call("CA1", ("CallStatus", "completed"), ("CallDuration", "42")));
        await PostAsync(client, "/voice/status", Call("CA2", ("CallStatus", "busy")));
        await PostAsync(client, "/voice/status", Call("CA2", ("CallStatus", "made-up")));
        // Forged: no signature, then a wrong one.
        using (var content = new FormUrlEncodedContent(Call("CA3")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await unsigned.PostAsync(new Uri("/voice", UriKind.Relative), content)).StatusCode);
        }

        using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/voice", UriKind.Relative)) { Content = new FormUrlEncodedContent(Call("CA3")) })
        {
            request.Headers.Add("X-Twilio-Signature", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
            Assert.Equal(HttpStatusCode.Forbidden, (await unsigned.SendAsync(request)).StatusCode);
        }

        var samples = await ScrapeAsync(unsigned, expectedWebhooks: 10);

        Assert.Equal(1, samples.Sum("ivr_signature_rejections_total", ("ivr_signature_failure", "NoHeader")));
        Assert.Equal(1, samples.Sum("ivr_signature_rejections_total", ("ivr_signature_failure", "NoMatch")));
        Assert.Equal(2, samples.Sum("ivr_signature_rejections_total"));
        Assert.Equal(2, samples.Sum("ivr_webhook_duration_seconds_count", ("http_route", "/voice"), ("ivr_outcome", "rejected")));
        Assert.Equal(2, samples.Sum("ivr_webhook_duration_seconds_count", ("http_route", "/voice"), ("http_response_status_code", "200")));
        Assert.Equal(3, samples.Sum("ivr_webhook_duration_seconds_count", ("http_route", "/voice/continue")));
        Assert.Equal(3, samples.Sum("ivr_webhook_duration_seconds_count", ("http_route", "/voice/status")));
        Assert.Equal(1, samples.Sum("ivr_calls_ended_total"));
        Assert.Equal(1, samples.Sum("ivr_calls_ended_total", ("ivr_node", "voicemail"), ("ivr_outcome", "recorded")));
        Assert.Equal(1, samples.Sum("ivr_calls_status_total", ("twilio_call_status", "completed")));
        Assert.Equal(1, samples.Sum("ivr_calls_status_total", ("twilio_call_status", "busy")));
        Assert.Equal(1, samples.Sum("ivr_calls_status_total", ("twilio_call_status", "other")));
        Assert.Equal(1, samples.Sum("ivr_texts_total", ("ivr_stage", "submit"), ("ivr_outcome", "disabled")));
        Assert.Equal(0, samples.Sum("ivr_texts_queue_depth"));
        Assert.Contains(samples, s => s.Name == "ivr_texts_queue_depth");
        // Each <Play> is one lookup: the first of each URL builds it (a miss), every later one is a hit.
        var plays = Answers.SelectMany(a => a.Descendants("Play")).Select(p => p.Value).ToList();
        Assert.Equal(plays.Distinct().Count(), samples.Sum("ivr_prompt_url_cache_lookups_total", ("ivr_cache_result", "miss")));
        Assert.Equal(plays.Count - plays.Distinct().Count(), samples.Sum("ivr_prompt_url_cache_lookups_total", ("ivr_cache_result", "hit")));
    }

    private static async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync(HttpClient client, int expectedWebhooks)
    {
        // A webhook's duration is recorded once its answer is complete, which the client may see first.
        for (var attempt = 0; ; attempt++)
        {
            var samples = PrometheusText.Parse(await client.GetStringAsync(new Uri("/metrics", UriKind.Relative)));
            if (samples.Sum("ivr_webhook_duration_seconds_count") >= expectedWebhooks || attempt == 40)
            {
                return samples;
            }

            await Task.Delay(50);
        }
    }

    private static Dictionary<string, string> Call(string sid, params (string Key, string Value)[] extra)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CallSid"] = sid + new string('0', 34 - sid.Length), ["AccountSid"] = "AC00000000000000000000000000000001",
            ["From"] = "+14155550100", ["To"] = "+15005550006", ["CallStatus"] = "in-progress", ["Direction"] = "inbound",
        };
        foreach (var (key, value) in extra)
        {
            form[key] = value;
        }

        return form;
    }

    private static string Action(XElement twiml, string verb) => twiml.Descendants(verb).First().Attribute("action")!.Value;

    private List<XElement> Answers { get; } = [];

    private async Task<XElement> PostAsync(HttpClient client, string url, Dictionary<string, string> form)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await client.PostAsync(new Uri(url.StartsWith("http", StringComparison.Ordinal) ? new Uri(url).PathAndQuery : url, UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}: {body}");
        var answer = XDocument.Parse(body).Root!;
        Answers.Add(answer);
        return answer;
    }

    private sealed class App : WebApplicationFactory<primary::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Twilio:AuthToken", Token);
            builder.UseSetting("Twilio:RequestValidation:BaseUrlOverride", PublicBase.AbsoluteUri);
            builder.UseSetting("Hosting:JsonLogs", "true");
            builder.UseSetting("Messaging:Enabled", "false");
            builder.ConfigureTestServices(services =>
                services.AddIvrTestHost(new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero)), new InMemoryLogSink()));
        }
    }
}
