using IvrService.Cli.Scenarios;
using IvrService.Flow;
using IvrService.Testing;

namespace IvrService.Cli.Tests.Scenarios;

internal static class ScenarioFileTestsAccess
{
    public static ScenarioFileResult Load(string path) => ScenarioFile.Load(path, FlowLoader.Load(RepoPaths.SampleFlow).Flow!);
}

public sealed class ScenarioRecorderTests
{
    private static readonly FlowDefinition Flow = FlowLoader.Load(RepoPaths.SampleFlow).Flow!;

    [Theory]
    [InlineData("sales busy, the caller leaves a message")]
    [InlineData("three invalid keys lead to voicemail")]
    [InlineData("the primary fails at a key press and the fallback carries on")]
    [InlineData("no text to a withheld number")]
    [InlineData("the assistant answers from the flow, then hands over to sales")]
    [InlineData("the assistant's connection drops and the caller is back in the menu")]
    [InlineData("the assistant does not understand and the caller is back in the menu")]
    public async Task ToYaml_CallOfASampleScenario_RecordsAScenarioThatPassesAndTakesTheSamePath(string name)
    {
        var sample = ScenarioFile.Load(Path.Combine(RepoPaths.Content, "flow.tests.yaml"), Flow).Scenarios.Single(s => s.Name == name);
        var runner = new ScenarioRunner(new ScenarioLine.InProcess { Flow = Flow });
        var original = await runner.RunAsync(sample);
        Assert.True(original.Passed);
        var events = original.Transcript.Events.ToList();

        var yaml = ScenarioRecorder.ToYaml("recorded", sample.Given.Caller, events, Flow, original.Transcript);
        var recorded = ScenarioFile.Parse("scenarios:\n" + yaml, "r.yaml", Flow);

        Assert.Empty(recorded.Problems);
        var replay = await runner.RunAsync(recorded.Scenarios.Single());
        Assert.True(replay.Passed, $"{replay.Divergence}\n{yaml}");
        Assert.Equal(original.Turns!.SelectMany(t => t.Turn.Path), replay.Turns!.SelectMany(t => t.Turn.Path));
        Assert.Equal(sample.Actions.Select(a => a.Describe()), recorded.Scenarios.Single().Actions.Select(a => a.Describe()));
    }
}
