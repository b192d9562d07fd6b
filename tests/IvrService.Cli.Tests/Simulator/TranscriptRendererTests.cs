using System.Text.Json;
using IvrService.Cli.Simulator;
using static IvrService.Cli.Tests.Simulator.SimulatorTestHelpers;

namespace IvrService.Cli.Tests.Simulator;

public sealed class TranscriptRendererTests : IAsyncLifetime
{
    private TwimlStandIn _app = null!;

    public async Task InitializeAsync() => _app = await TwimlStandIn.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<CallTranscript> FailoverCallAsync()
    {
        _app.Twiml("/fallback/voice", "<Gather numDigits=\"1\" action=\"/fallback/menu\"><Say>Press 1.</Say></Gather>");
        _app.Twiml("/fallback/menu", "<Say>Goodbye.</Say><Hangup/>");
        return await CallAsync(DeadUrl(), "1", _app.Url("/fallback/voice"));
    }

    [Fact]
    public async Task ToJson_FailoverCall_HasTheDocumentedShape()
    {
        var transcript = await FailoverCallAsync();

        using var json = JsonDocument.Parse(TranscriptRenderer.ToJson(transcript));
        var root = json.RootElement;

        Assert.Equal("voice", root.GetProperty("channel").GetString());
        Assert.Equal(transcript.CallSid, root.GetProperty("callSid").GetString());
        Assert.Equal("hangup", root.GetProperty("outcome").GetString());
        Assert.True(root.GetProperty("fallbackUsed").GetBoolean());
        Assert.False(root.TryGetProperty("messageSid", out _));
        var events = root.GetProperty("events").EnumerateArray().ToArray();
        Assert.Equal(
            ["call", "request", "fallback", "request", "say", "gather", "input", "request", "say", "end"],
            events.Select(e => e.GetProperty("kind").GetString()));
        var fallback = events[2];
        Assert.Equal(11205, fallback.GetProperty("errorCode").GetInt32());
        Assert.StartsWith("http://127.0.0.1:", fallback.GetProperty("errorUrl").GetString(), StringComparison.Ordinal);
        var answered = events[3];
        Assert.Equal(_app.Authority, answered.GetProperty("app").GetString());
        Assert.Equal(200, answered.GetProperty("status").GetInt32());
        Assert.True(answered.GetProperty("latencyMs").GetDouble() >= 0);
        Assert.Equal("11205", answered.GetProperty("parameters").GetProperty("ErrorCode").GetString());
        Assert.Equal("1", events[6].GetProperty("digits").GetString());
    }

    [Fact]
    public async Task FromJson_RoundTrip_KeepsOutcomeAndEvents()
    {
        var transcript = await FailoverCallAsync();

        var copy = TranscriptRenderer.FromJson(TranscriptRenderer.ToJson(transcript));

        Assert.NotNull(copy);
        Assert.Equal(transcript.Outcome, copy.Outcome);
        Assert.Equal(transcript.Events, copy.Events, (a, b) => a.Kind == b.Kind && a.Url == b.Url && a.ErrorCode == b.ErrorCode);
    }

    [Fact]
    public async Task ToText_FailoverCall_ShowsCodeAppHeardAndPressed()
    {
        var transcript = await FailoverCallAsync();

        var text = TranscriptRenderer.ToText(transcript);

        Assert.Contains("FAILED 11205 HTTP connection failure (Connection refused", text, StringComparison.Ordinal);
        Assert.Contains("FALLBACK  11205 HTTP connection failure:", text, StringComparison.Ordinal);
        Assert.Contains($"by {_app.Authority}", text, StringComparison.Ordinal);
        Assert.Contains("caller hears: \"Press 1.\"", text, StringComparison.Ordinal);
        Assert.Contains("caller presses: 1", text, StringComparison.Ordinal);
        Assert.Contains("[Digits=1]", text, StringComparison.Ordinal);
        Assert.EndsWith($"call hangup, fallback used: 3 request(s), {transcript.DurationSeconds:0.0} s{Environment.NewLine}", text, StringComparison.Ordinal);
    }
}
