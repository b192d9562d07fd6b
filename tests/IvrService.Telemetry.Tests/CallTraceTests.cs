extern alias fallback;
extern alias primary;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using IvrService.Hosting.Logging;

namespace IvrService.Telemetry.Tests;

/// <summary>
/// One trace per call across both apps: a call of several turns on the primary, then Twilio's hand-over to the
/// fallback, recorded by the in-memory exporter of each app, lands in the trace derived from the CallSid.
/// </summary>
[Collection(TracingTests.Name)]
public sealed class CallTraceTests
{
    private const string CallSid = "CA0123456789abcdef0123456789abcdef";
    private const string Caller = "+14155550100";
    private static readonly Uri PrimaryBase = new("https://ivr.example.com");
    private static readonly Uri FallbackBase = new("https://fallback.example.net");

    [Fact]
    public async Task CallThenFailover_EverySpanOfOursSharesTheCallTrace_WithAttributesAndMaskedNumbers()
    {
        var spans = new List<Activity>();
        await using var primaryApp = new TelemetryTestApp<primary::Program>(PrimaryBase, spans);
        await using var fallbackApp = new TelemetryTestApp<fallback::Program>(FallbackBase, spans, ("Fallback:PrimaryHosts:0", PrimaryBase.Host));
        using var primaryClient = primaryApp.CreateSignedClient();
        using var fallbackClient = fallbackApp.CreateSignedClient();

        // Incoming, a key press, silence at the next menu: three webhooks on the primary. The first carries a
        // traceparent (a proxy's), which the webhook span links to without joining its trace.
        var incomingParent = ActivityTraceId.CreateRandom();
        var incomingSpan = ActivitySpanId.CreateRandom();
        var twiml = await Webhook.PostAsync(primaryClient, "/voice", Call(), $"00-{incomingParent}-{incomingSpan}-01");
        twiml = await Webhook.PostAsync(primaryClient, Webhook.Action(twiml, "Gather"), Call(("Digits", "1")));
        var failedUrl = Webhook.Action(twiml);
        // Then the primary fails on the next callback: Twilio requests the fallback with ErrorCode and ErrorUrl.
        await Webhook.PostAsync(fallbackClient, "/fallback/voice", Call(("ErrorCode", "11205"), ("ErrorUrl", failedUrl), ("Digits", "2")));

        var ours = Distinct(spans).Where(s => s.Source.Name == "IvrService").ToList();
        var expected = TraceIdOf(CallSid);
        Assert.All(ours, span => Assert.Equal(expected, span.TraceId));

        var webhooks = ours.Where(s => s.OperationName == "webhook").OrderBy(s => s.StartTimeUtc).ToList();
        Assert.Equal(["POST /voice", "POST /voice/continue", "POST /fallback/voice"], webhooks.Select(w => w.DisplayName));
        Assert.All(webhooks, w =>
        {
            Assert.Equal(ActivityKind.Server, w.Kind);
            Assert.Equal(CallSid, w.GetTagItem("twilio.call_sid"));
            Assert.Equal(PhoneNumberMask.Mask(Caller), w.GetTagItem("twilio.from"));
            Assert.Equal(200, w.GetTagItem("http.response.status_code"));
        });
        // The virtual root is the parent of every webhook; it is never exported.
        Assert.Single(webhooks.Select(w => w.ParentSpanId).Distinct());
        Assert.DoesNotContain(ours, s => s.SpanId == webhooks[0].ParentSpanId);
        // Linked to the caller named by traceparent; the other webhooks came without one.
        Assert.Equal(incomingParent, webhooks[0].Links.Single().Context.TraceId);
        Assert.Equal(incomingSpan, webhooks[0].Links.Single().Context.SpanId);
        Assert.All(webhooks.Skip(1), w => Assert.Empty(w.Links));
        // ASP.NET Core's own span of an accepted webhook is not exported: the webhook span is the server span.
        Assert.DoesNotContain(Distinct(spans), s => s.Source.Name == "Microsoft.AspNetCore" && s.TraceId == incomingParent);
        Assert.Equal("main", webhooks[0].GetTagItem("ivr.node"));
        Assert.Equal("11205", webhooks[2].GetTagItem("twilio.error_code")?.ToString());
        Assert.Equal("PrimaryUnreachable", webhooks[2].GetTagItem("twilio.error_family"));
        Assert.Equal("resumed", webhooks[2].GetTagItem("ivr.decision"));

        // Each primary webhook has its signature check, flow turn and render as children.
        foreach (var webhook in webhooks.Take(2))
        {
            var children = ours.Where(s => s.ParentSpanId == webhook.SpanId).Select(s => s.OperationName).Order().ToList();
            Assert.Equal(["ivr.flow.turn", "ivr.twiml.render", "twilio.signature"], children);
        }

        Assert.Contains(ours, s => s.ParentSpanId == webhooks[2].SpanId && s.OperationName == "twilio.signature");
        // No attribute of ours carries a caller's number in clear.
        Assert.DoesNotContain(ours.SelectMany(s => s.TagObjects), tag => tag.Value?.ToString()?.Contains(Caller, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task SmsWebhook_LandsInTheTraceOfItsMessageSid()
    {
        var spans = new List<Activity>();
        await using var fallbackApp = new TelemetryTestApp<fallback::Program>(FallbackBase, spans);
        using var client = fallbackApp.CreateSignedClient();
        const string messageSid = "SM0123456789abcdef0123456789abcdef";
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["MessageSid"] = messageSid, ["From"] = Caller, ["To"] = "+15005550006", ["Body"] = "HOURS", ["ErrorCode"] = "11200",
        });
        using var response = await client.PostAsync(new Uri("/fallback/sms", UriKind.Relative), content);
        response.EnsureSuccessStatusCode();

        var webhook = Assert.Single(Distinct(spans), s => s.OperationName == "webhook" && (string?)s.GetTagItem("twilio.message_sid") == messageSid);
        Assert.Equal(TraceIdOf(messageSid), webhook.TraceId);
    }

    // Independent of the code under test: the documented derivation, by hand.
    private static ActivityTraceId TraceIdOf(string sid)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("ivrservice/call-trace/v1:" + sid));
        return ActivityTraceId.CreateFromString(Convert.ToHexStringLower(hash, 0, 16));
    }

    // Both apps share the process, so each provider sees every span: keep one of each.
    private static List<Activity> Distinct(List<Activity> spans)
    {
        lock (spans)
        {
            return spans.DistinctBy(s => s.SpanId).ToList();
        }
    }

    private static Dictionary<string, string> Call(params (string Key, string Value)[] extra) => Webhook.Call(CallSid, extra);
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TracingTests
{
    public const string Name = "tracing";
}
