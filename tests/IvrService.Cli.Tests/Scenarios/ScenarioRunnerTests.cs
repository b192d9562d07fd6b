using System.Text.Json.Nodes;
using IvrService.Cli.Scenarios;
using IvrService.Flow;
using IvrService.Testing;

namespace IvrService.Cli.Tests.Scenarios;

public sealed class ScenarioRunnerTests
{
    private static readonly string SampleTests = Path.Combine(RepoPaths.Content, "flow.tests.yaml");

    private static async Task<(List<ScenarioResult> Results, FlowCoverage Coverage)> RunAsync(FlowDefinition flow, string testsPath = "")
    {
        var file = ScenarioFile.Load(testsPath.Length > 0 ? testsPath : SampleTests, flow);
        Assert.Empty(file.Problems);
        var runner = new ScenarioRunner(new ScenarioLine.InProcess { Flow = flow });
        var results = new List<ScenarioResult>();
        foreach (var scenario in file.Scenarios)
        {
            results.Add(await runner.RunAsync(scenario));
        }

        var coverage = new FlowCoverage(flow);
        foreach (var turn in results.SelectMany(r => r.Turns!))
        {
            coverage.Record(turn);
        }

        return (results, coverage);
    }

    [Fact]
    public async Task Run_SampleScenarios_AllPassWithFullCoverage()
    {
        var (results, coverage) = await RunAsync(FlowLoader.Load(RepoPaths.SampleFlow).Flow!);

        Assert.All(results, r => Assert.True(r.Passed, $"{r.Scenario.Name}: {r.Divergence}"));
        Assert.Equal(100, coverage.Percent);
        Assert.Empty(coverage.Missing);
        Assert.Equal(38, coverage.Items.Count);
    }

    [Fact]
    public async Task Run_OptionRetargeted_FailsExactlyTheScenariosThatPressIt()
    {
        var json = JsonNode.Parse(await File.ReadAllTextAsync(RepoPaths.SampleFlow), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        json["nodes"]!["main"]!["options"]!["1"]!["next"] = "hours-info";
        var broken = FlowLoader.Parse(json.ToJsonString()).Flow!;

        var (results, _) = await RunAsync(broken);

        var failed = results.Where(r => !r.Passed).Select(r => r.Scenario.Name).Order().ToList();
        var pressOne = results.Where(r => r.Scenario.Actions.Any(a => a.Value == "1") || r.Scenario.Name == "saying what the caller wants")
            .Select(r => r.Scenario.Name).Order().ToList();
        Assert.Equal(pressOne, failed);
        var first = results.Single(r => r.Scenario.Name == "sales answers").Divergence!;
        Assert.Equal(12, first.Line);
        Assert.Equal("expect hears connecting-sales", first.Step);
        Assert.Equal("heard hours-info, main-long", first.Actual);
    }

    [Fact]
    public async Task Run_StepThatDoesNotFit_DivergesAtThatStep()
    {
        var dir = Directory.CreateTempSubdirectory("ivr-scen-").FullName;
        try
        {
            var path = Path.Combine(dir, "t.yaml");
            await File.WriteAllTextAsync(path, """
                scenarios:
                  - name: keys at a transfer
                    steps:
                      - press: "1"
                      - press: "2"
                  - name: more steps than the call
                    steps:
                      - press: "1"
                      - transfer: answered
                      - press: "2"
                  - name: wrong ending
                    steps:
                      - press: "4"
                      - record: 5
                    expect: { ends: hangup }
                """);
            var (results, _) = await RunAsync(FlowLoader.Load(RepoPaths.SampleFlow).Flow!, path);

            Assert.Equal(new Divergence(5, "press 2", "a menu or an agent listening", "the call is at a transfer (sales, dialling Number +15005550006)"), results[0].Divergence);
            Assert.Equal(10, results[1].Divergence!.Line);
            Assert.StartsWith("the call had ended: transfer", results[1].Divergence!.Actual, StringComparison.Ordinal);
            Assert.Equal(("expect ends hangup", "voicemail"), (results[2].Divergence!.Step, results[2].Divergence!.Actual.Split(' ')[0]));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Run_FallbackScenario_IsServedByTheFallbackWithTheInjectedError()
    {
        var (results, _) = await RunAsync(FlowLoader.Load(RepoPaths.SampleFlow).Flow!);

        var result = results.Single(r => r.Scenario.Name == "the primary fails at a key press and the fallback carries on");
        Assert.True(result.Transcript.FallbackUsed);
        var handOver = Assert.Single(result.Transcript.Events, e => e.Kind == IvrService.Cli.Simulator.CallEventKind.Fallback);
        Assert.Equal(11200, handOver.ErrorCode);
        Assert.Contains("/voice/continue?n=main", handOver.ErrorUrl, StringComparison.Ordinal);
        Assert.All(result.Turns!.Skip(1), t => Assert.True(t.Fallback));
    }
}
