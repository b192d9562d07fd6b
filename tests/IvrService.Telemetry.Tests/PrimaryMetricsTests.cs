extern alias primary;
using System.Net;
using System.Xml.Linq;
using IvrService.Testing.Telemetry;

namespace IvrService.Telemetry.Tests;

/// <summary>
/// The primary's metrics after a known sequence of webhooks, forged ones included, are exactly the expected counts.
/// In the tracing collection: OpenTelemetry listens to every meter of a name in the process, so no other host may
/// run meanwhile.
/// </summary>
[Collection(TracingTests.Name)]
public sealed class PrimaryMetricsTests
{
    private static readonly Uri PublicBase = new("https://ivr.example.com");
    private readonly List<XElement> _answers = [];

    [Fact]
    public async Task KnownSequence_CountsCallsEndingsStatusesTextsRejectionsAndPromptCache()
    {
        await using var app = new TelemetryTestApp<primary::Program>(PublicBase, spans: null);
        using var client = app.CreateSignedClient();
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
        var plays = _answers.SelectMany(a => a.Descendants("Play")).Select(p => p.Value).ToList();
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

    private static Dictionary<string, string> Call(string sid, params (string Key, string Value)[] extra) => Webhook.Call(sid, extra);

    private static string Action(XElement twiml, string verb) => Webhook.Action(twiml, verb);

    private async Task<XElement> PostAsync(HttpClient client, string url, Dictionary<string, string> form)
    {
        var answer = await Webhook.PostAsync(client, url, form);
        _answers.Add(answer);
        return answer;
    }
}
