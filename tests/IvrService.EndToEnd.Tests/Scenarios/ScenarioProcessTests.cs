using IvrService.Cli.Scenarios;
using IvrService.Flow;
using IvrService.Testing;

namespace IvrService.EndToEnd.Tests.Scenarios;

/// <summary>
/// The sample's scenario file against a real primary and a real fallback process, over HTTP with signed requests: the
/// same scenarios that pass in process (ScenarioRunnerTests), fallback injection included. The apps run in Development
/// (texts are logged, not sent, and the caller hears "sent") with Hosting:SimulatedClockHeader on, so the scenarios
/// that state a time are evaluated at it.
/// </summary>
public sealed class ScenarioProcessTests : IAsyncLifetime
{
    private const string Token = "e2e-scenarios-token-0123456789ab";
    private AppProcess _primary = null!;
    private AppProcess _fallback = null!;

    public async Task InitializeAsync()
    {
        var (primaryPort, fallbackPort) = (AppProcess.FreePort(), AppProcess.FreePort());
        _fallback = AppProcess.Start("IvrService.Fallback", new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Twilio__AuthToken"] = Token,
            ["Twilio__RequestValidation__BaseUrlOverride"] = $"http://127.0.0.1:{fallbackPort}",
            ["Fallback__PrimaryHosts__0"] = "127.0.0.1",
            ["Hosting__SimulatedClockHeader"] = "true",
        }, fallbackPort);
        _primary = AppProcess.Start("IvrService.Primary", new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Twilio__AuthToken"] = Token,
            ["Twilio__RequestValidation__BaseUrlOverride"] = $"http://127.0.0.1:{primaryPort}",
            ["Hosting__SimulatedClockHeader"] = "true",
        }, primaryPort);
        foreach (var app in new[] { _fallback, _primary })
        {
            if (!await app.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90)))
            {
                throw new InvalidOperationException("an app did not become healthy:\n" + app.Output);
            }
        }
    }

    public async Task DisposeAsync()
    {
        await _primary.DisposeAsync();
        await _fallback.DisposeAsync();
    }

    [Fact]
    public async Task SampleScenarios_AgainstRealPrimaryAndFallback_AllPass()
    {
        var flow = FlowLoader.Load(RepoPaths.SampleFlow).Flow!;
        var file = ScenarioFile.Load(Path.Combine(RepoPaths.Content, "flow.tests.yaml"), flow);
        Assert.Empty(file.Problems);
        var runner = new ScenarioRunner(new ScenarioLine.Remote
        {
            Flow = flow,
            VoiceUrl = new Uri(_primary.BaseUri, "/voice"),
            FallbackUrl = new Uri(_fallback.BaseUri, "/fallback/voice"),
            Token = Token,
        });

        var results = new List<ScenarioResult>();
        foreach (var scenario in file.Scenarios)
        {
            results.Add(await runner.RunAsync(scenario));
        }

        Assert.All(results, r => Assert.True(r.Passed, $"{r.Scenario.Name}: {r.Divergence}\n{string.Join("\n", r.Transcript.Events.Select(IvrService.Cli.Simulator.TranscriptRenderer.Line))}"));
        Assert.Empty(results.SelectMany(r => r.Notes));
        // Texts leave a real primary through Twilio's REST API: those expectations are listed, never silently passed.
        Assert.All(results.SelectMany(r => r.NotChecked), n => Assert.Matches("(textSent|noText)", n));
        var fallback = results.Single(r => r.Scenario.Name == "the primary is down when the call comes in");
        Assert.True(fallback.Transcript.FallbackUsed);
        Assert.StartsWith(_fallback.BaseUri.GetLeftPart(UriPartial.Authority), fallback.Transcript.RequestEvents.Last().Url, StringComparison.Ordinal);

        // The assistant really talked over the primary's signed WebSocket: its session URL is the primary's, its
        // answers came from the flow, and its handoff took the caller on to sales.
        var agent = results.Single(r => r.Scenario.Name == "the assistant answers from the flow, then hands over to sales").Transcript.Events;
        var connect = Assert.Single(agent, e => e.Kind == IvrService.Cli.Simulator.CallEventKind.AgentConnect);
        Assert.StartsWith($"ws://{_primary.BaseUri.Authority}/voice/agent?n=assistant", connect.Url, StringComparison.Ordinal);
        Assert.Contains(agent, e => e.Kind == IvrService.Cli.Simulator.CallEventKind.AgentSays && e.Text!.Contains("Monday to Friday", StringComparison.Ordinal));
        Assert.Contains(agent, e => e.Kind == IvrService.Cli.Simulator.CallEventKind.AgentEnd && e.Detail!.Contains("\"reason\":\"transfer\"", StringComparison.Ordinal));
    }
}
