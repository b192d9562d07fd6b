using System.Text.Json.Nodes;
using IvrService.Cli.Diffs;
using IvrService.Cli.Scenarios;
using IvrService.Flow;
using IvrService.Testing;

namespace IvrService.Cli.Tests.Diffs;

public sealed class AffectedScenariosTests
{
    private static readonly FlowDefinition Sample = FlowDiffTests.Load(File.ReadAllText(RepoPaths.SampleFlow));

    private static async Task<List<AffectedScenario>> AffectedAsync(Action<JsonObject> edit)
    {
        var changed = FlowDiffTests.Load(FlowDiffTests.Edited(edit));
        var scenarios = ScenarioFile.Load(Path.Combine(RepoPaths.Content, "flow.tests.yaml"), changed);
        Assert.Empty(scenarios.Problems);
        return [.. await AffectedScenarios.FindAsync(FlowDiff.Compare(Sample, changed), scenarios.Scenarios, Sample, changed)];
    }

    [Fact]
    public async Task Find_KeyRetargeted_NamesExactlyTheScenariosThatTakeIt()
    {
        var affected = await AffectedAsync(root => root["nodes"]!["main"]!["options"]!["1"]!["next"] = "hours-info");

        // By hand: the six scenarios that choose sales at the main menu (five press 1, one says "sales").
        Assert.Equal(
        [
            "sales answers", "sales busy, the caller leaves a message", "sales does not answer and the caller says nothing",
            "the sales call cannot be placed and the caller hangs up", "saying what the caller wants",
            "the primary fails at a key press and the fallback carries on",
        ], affected.Select(a => a.Scenario.Name));
        Assert.All(affected, a => Assert.Equal(["main"], a.Nodes));
        // Each of them now hears the opening hours where it expected to be connected to sales (or a transfer).
        Assert.All(affected, a => Assert.False(a.OnNew.Passed));
    }

    [Fact]
    public async Task Find_PromptChangedInOneLocale_NamesOnlyCallsInThatLocale()
    {
        var affected = await AffectedAsync(root => root["prompts"]!["es-US"]!["welcome"]!["text"] = "Bienvenido a Example Company.");

        // The two calls that start in Spanish; "Spanish and back to English" switches after the welcome, so it never
        // hears the Spanish one. Only the first states the welcome's words.
        Assert.Equal(["a number that starts in Spanish", "the assistant does not understand and the caller is back in the menu"], affected.Select(a => a.Scenario.Name));
        Assert.Contains("Gracias por llamar", affected[0].OnNew.Divergence!.Expected, StringComparison.Ordinal);
        Assert.True(affected[1].OnNew.Passed);
    }

    [Fact]
    public async Task Find_HoursChanged_NamesTheCallsThatReachTheHoursNode()
    {
        var affected = await AffectedAsync(root => root["nodes"]!["support-hours"]!["weekly"]!["monday"] = new JsonArray("08:00-17:00"));

        Assert.Equal(
        [
            "support during opening hours", "support does not answer", "support is busy", "support call fails",
            "support is closed on Sunday", "support is closed on Christmas Day",
        ], affected.Select(a => a.Scenario.Name));
        Assert.All(affected, a => Assert.True(a.OnNew.Passed));
    }

    [Fact]
    public async Task Find_TransferOutcomeRetargeted_NamesOnlyTheCallsWithThatOutcome()
    {
        var affected = await AffectedAsync(root => root["nodes"]!["support"]!["onBusy"] = "goodbye");

        var only = Assert.Single(affected);
        Assert.Equal("support is busy", only.Scenario.Name);
        Assert.False(only.OnNew.Passed);
    }

    [Fact]
    public async Task Find_StartChanged_NamesEveryScenario()
    {
        var affected = await AffectedAsync(root => root["start"] = "main");

        Assert.Equal(26, affected.Count);
        Assert.All(affected, a => Assert.True(a.FlowWide));
    }
}
