using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using IvrService.Cli.Phone;
using IvrService.Cli.Tests.Simulator;
using IvrService.Testing;

namespace IvrService.Cli.Tests.Phone;

/// <summary>The phone's server in-process, calling a stand-in primary over real sockets.</summary>
public sealed class PhoneServerTests : IAsyncLifetime, IDisposable
{
    private readonly string _tests = Path.Combine(Directory.CreateTempSubdirectory("ivr-phone-").FullName, "flow.tests.yaml");
    private TwimlStandIn _primary = null!;
    private PhoneHub _hub = null!;
    private PhoneServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _primary = await TwimlStandIn.StartAsync();
        var prompt = await File.ReadAllBytesAsync(Path.Combine(RepoPaths.Content, "audio", "en-US", "welcome.wav"));
        _primary.Route("/audio/en-US/welcome.wav", async context =>
        {
            context.Response.ContentType = "audio/wav";
            context.Response.Headers.CacheControl = "public, max-age=600";
            await context.Response.Body.WriteAsync(prompt);
        });
        _primary.Twiml("/voice", "<Gather numDigits=\"1\" action=\"/voice/continue?n=main&amp;l=en-US\"><Play>/audio/en-US/welcome.wav</Play></Gather>");
        _primary.Twiml("/voice/continue", "<Say>Goodbye.</Say><Hangup/>");
        _hub = new PhoneHub(
            new PhoneSettings { VoiceUrl = _primary.Url("/voice"), AuthToken = SimulatorTestHelpers.Token, Connection = SimulatorTestHelpers.FastTimers, TestsPath = _tests },
            PhoneFlow.Load(RepoPaths.SampleFlow),
            new PhoneMediaStore());
        _server = await PhoneServer.StartAsync(_hub, 0, CancellationToken.None);
        _client = new HttpClient { BaseAddress = _server.Address, Timeout = TimeSpan.FromSeconds(20) };
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _primary.DisposeAsync();
    }

    // xunit calls this after DisposeAsync: the server no longer uses the hub by then.
    public void Dispose()
    {
        _client.Dispose();
        _hub.Dispose();
        Directory.Delete(Path.GetDirectoryName(_tests)!, recursive: true);
    }

    private Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        _client.PostAsync(new Uri(path, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Reads the event stream until <paramref name="until"/> matches an event; returns every event read.</summary>
    private async Task<List<JsonElement>> ReadEventsAsync(Func<JsonElement, bool> until, long after = 0)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var stream = await _client.GetStreamAsync(new Uri($"/api/events?after={after}", UriKind.Relative), cancel.Token);
        using var reader = new StreamReader(stream);
        var events = new List<JsonElement>();
        while (await reader.ReadLineAsync(cancel.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var e = JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
                events.Add(e);
                if (until(e))
                {
                    return events;
                }
            }
        }

        throw new InvalidOperationException("the event stream ended");
    }

    private static bool Is(JsonElement e, string type) => e.GetProperty("type").GetString() == type;

    [Fact]
    public async Task Call_KeyAndEnd_StreamsTheCallAndServesItsAudio()
    {
        var placed = await PostJsonAsync("/api/call", "{}");
        Assert.Equal(HttpStatusCode.Accepted, placed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await PostJsonAsync("/api/call", "{}")).StatusCode);

        var untilListening = await ReadEventsAsync(e => Is(e, "listening"));
        var listening = untilListening[^1].GetProperty("listening");
        Assert.Equal(1, listening.GetProperty("numDigits").GetInt32());
        Assert.Equal(5, listening.GetProperty("timeoutSeconds").GetDouble());
        var request = untilListening.First(e => Is(e, "event") && e.GetProperty("event").GetProperty("kind").GetString() == "request");
        Assert.Equal("primary", request.GetProperty("answered").GetString());
        Assert.Equal("welcome", request.GetProperty("node").GetString());
        var gather = untilListening.Last(e => Is(e, "event") && e.GetProperty("event").GetProperty("kind").GetString() == "gather");
        Assert.Equal("main", gather.GetProperty("node").GetString());
        Assert.Equal("n_main", gather.GetProperty("diagramId").GetString());
        var play = untilListening.First(e => Is(e, "event") && e.GetProperty("event").GetProperty("kind").GetString() == "play");
        Assert.Contains("Thank you for calling Example Company.", play.GetProperty("text").GetString(), StringComparison.Ordinal);

        var audio = await _client.GetAsync(new Uri(play.GetProperty("audio").GetString()!, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, audio.StatusCode);
        Assert.Equal("audio/wav", audio.Content.Headers.ContentType?.MediaType);
        var bytes = await audio.Content.ReadAsByteArrayAsync();
        Assert.Equal("RIFF", Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.Equal(1, BitConverter.ToUInt16(bytes, 20)); // served as PCM for every browser

        Assert.Equal(HttpStatusCode.BadRequest, (await PostJsonAsync("/api/input", "{\"digits\":\"1x\"}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PostJsonAsync("/api/input", "{\"digits\":\"1\"}")).StatusCode);
        var untilEnded = await ReadEventsAsync(e => Is(e, "ended"), untilListening[^1].GetProperty("seq").GetInt64());

        Assert.Contains(untilEnded, e => Is(e, "event") && e.GetProperty("text").GetString() == "Caller presses 1.");
        Assert.Equal("hangup", untilEnded[^1].GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await PostJsonAsync("/api/input", "{\"digits\":\"1\"}")).StatusCode);
        Assert.Equal("1", Assert.Single(_primary.To("/voice/continue"))["Digits"]);
    }

    [Fact]
    public async Task SaveScenario_AfterACall_AppendsAScenarioThatStatesIt()
    {
        Assert.Equal(HttpStatusCode.Conflict, (await PostJsonAsync("/api/scenario", "{\"name\":\"too early\"}")).StatusCode);
        await PostJsonAsync("/api/call", "{}");
        var untilListening = await ReadEventsAsync(e => Is(e, "listening"));
        await PostJsonAsync("/api/input", "{\"digits\":\"1\"}");
        await ReadEventsAsync(e => Is(e, "ended"), untilListening[^1].GetProperty("seq").GetInt64());

        Assert.Equal(HttpStatusCode.BadRequest, (await PostJsonAsync("/api/scenario", "{\"name\":\"\"}")).StatusCode);
        var saved = await PostJsonAsync("/api/scenario", "{\"name\":\"welcome then 1\"}");

        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        using (var body = JsonDocument.Parse(await saved.Content.ReadAsStringAsync()))
        {
            Assert.Equal(_tests, body.RootElement.GetProperty("path").GetString());
        }

        var file = Scenarios.ScenarioFileTestsAccess.Load(_tests);
        var scenario = Assert.Single(file.Scenarios);
        Assert.Equal("welcome then 1", scenario.Name);
        Assert.Equal(
            "  - name: \"welcome then 1\"\n    steps:\n      - expect: {hears: [welcome], at: main}\n      - press: \"1\"\n    expect: {ends: hangup}\n",
            (await File.ReadAllTextAsync(_tests)).Split("\n\n")[1]);
        // A second save of the same call is refused: names are unique in a file.
        Assert.Equal(HttpStatusCode.Conflict, (await PostJsonAsync("/api/scenario", "{\"name\":\"welcome then 1\"}")).StatusCode);
    }

    [Fact]
    public async Task HangUp_AtAGather_EndsTheCallAsCallerHangup()
    {
        await PostJsonAsync("/api/call", "{}");
        var listening = await ReadEventsAsync(e => Is(e, "listening"));

        Assert.Equal(HttpStatusCode.NoContent, (await PostJsonAsync("/api/hangup", "{}")).StatusCode);
        var ended = await ReadEventsAsync(e => Is(e, "ended"), listening[^1].GetProperty("seq").GetInt64());

        Assert.Equal("caller-hangup", ended[^1].GetProperty("outcome").GetString());
        Assert.Empty(_primary.To("/voice/continue"));
    }

    [Fact]
    public async Task State_SampleFlow_HasTheDiagramAndTheNodeIds()
    {
        using var state = JsonDocument.Parse(await _client.GetStringAsync(new Uri("/api/state", UriKind.Relative)));

        Assert.StartsWith("flowchart TD\n", state.RootElement.GetProperty("mermaid").GetString(), StringComparison.Ordinal);
        Assert.Equal("n_support_hours", state.RootElement.GetProperty("nodeIds").GetProperty("support-hours").GetString());
        Assert.Equal("none", state.RootElement.GetProperty("failure").GetString());
        Assert.Equal(PhoneAssets.HasMermaid, state.RootElement.GetProperty("mermaidAvailable").GetBoolean());
    }

    [Fact]
    public async Task Page_IsServedWithACspThatAllowsOnlyThisServer()
    {
        var page = await _client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(new Uri("/phone.js", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Guard_ForeignHostOrCrossSitePost_IsRefused()
    {
        using var rebound = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/state", UriKind.Relative));
        rebound.Headers.Host = "attacker.example";
        Assert.Equal(HttpStatusCode.MisdirectedRequest, (await _client.SendAsync(rebound)).StatusCode);

        using var form = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/call", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([]),
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await _client.SendAsync(form)).StatusCode);

        using var crossOrigin = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/failure", UriKind.Relative))
        {
            Content = new StringContent("{\"mode\":\"unreachable\"}", new MediaTypeHeaderValue("application/json")),
        };
        crossOrigin.Headers.Add("Origin", "http://attacker.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await _client.SendAsync(crossOrigin)).StatusCode);
        Assert.Equal(PrimaryFailureMode.None, _hub.Failure);
    }

    [Fact]
    public async Task Media_UrlTheSimulatorDidNotFetch_Is404()
    {
        var response = await _client.GetAsync(new Uri("/media?url=" + Uri.EscapeDataString("http://example.com/secret"), UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Failure_Switch_IsAppliedAndAnnounced()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await PostJsonAsync("/api/failure", "{\"mode\":\"http-500\"}")).StatusCode);

        var events = await ReadEventsAsync(e => Is(e, "failure"));

        Assert.Equal("http-500", events[^1].GetProperty("failure").GetString());
        Assert.Equal(PrimaryFailureMode.ServerError, _hub.Failure);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostJsonAsync("/api/failure", "{\"mode\":\"explode\"}")).StatusCode);
    }
}
