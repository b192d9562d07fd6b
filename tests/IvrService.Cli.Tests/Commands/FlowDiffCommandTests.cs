using IvrService.Cli.Commands;
using IvrService.Cli.Commands.Flow;
using IvrService.Cli.Tests.Diffs;
using IvrService.Testing;

namespace IvrService.Cli.Tests.Commands;

public sealed class FlowDiffCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ivr-diff-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => CommandRun.InvokeAsync(FlowCommands.Create(), args);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string RetargetedKeyOne() =>
        Write("flow.json", FlowDiffTests.Edited(root =>
        {
            root["nodes"]!["main"]!["options"]!["1"]!["next"] = "hours-info";
            root["nodes"]!["sales"]!["timeoutSeconds"] = 25;
        }));

    [Fact]
    public async Task Diff_Table_ListsTheChanges()
    {
        var @new = RetargetedKeyOne();

        var (exit, output, error) = await RunAsync("flow", "diff", RepoPaths.SampleFlow, @new);

        Assert.Equal((FlowDiffCommand.ExitOk, ""), (exit, error));
        Assert.Equal(
            $"{RepoPaths.SampleFlow} -> {@new}: 2 changes\n\n"
            + "CHANGE             WHERE                 BEFORE  AFTER\n"
            + "-----------------  --------------------  ------  -----\n"
            + "option retargeted  main key 1            sales   hours-info\n"
            + "setting            sales timeoutSeconds  20      25\n",
            output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Diff_MarkdownWithTests_NamesTheScenariosThatCrossAChange()
    {
        var @new = RetargetedKeyOne();
        File.Copy(Path.Combine(RepoPaths.Content, "flow.tests.yaml"), Path.Combine(_dir, "flow.tests.yaml"));

        // --tests with no file: the new flow's own scenario file, beside it.
        var (exit, output, _) = await RunAsync("flow", "diff", RepoPaths.SampleFlow, @new, "--markdown", "--tests");

        Assert.Equal(FlowDiffCommand.ExitOk, exit);
        Assert.StartsWith($"### Flow changes: `{RepoPaths.SampleFlow}` → `{@new}`\n\n2 changes:\n\n| change | where | before | after |\n|---|---|---|---|\n"
            + "| option retargeted | main key 1 | sales | hours-info |\n| setting | sales timeoutSeconds | 20 | 25 |\n", output, StringComparison.Ordinal);
        Assert.Contains($"#### Scenarios that cross a change\n\n7 of 26 scenarios in `{Path.Combine(_dir, "flow.tests.yaml")}`, run in process on both flows:", output, StringComparison.Ordinal);
        Assert.Contains("| sales answers | main, sales | **fails**: line 12, expect hears connecting-sales: expected hears connecting-sales; got heard hours-info, main-long |", output, StringComparison.Ordinal);
        Assert.DoesNotContain("| support", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_ScenariosNamingWhatTheNewFlowRemoved_RunAsWrittenForTheOldOne()
    {
        var @new = Write("flow.json", FlowDiffTests.Edited(root => root["nodes"]!["support-hours"]!["holidays"]!.AsArray().RemoveAt(1)));
        File.Copy(Path.Combine(RepoPaths.Content, "flow.tests.yaml"), Path.Combine(_dir, "flow.tests.yaml"));

        var (exit, output, error) = await RunAsync("flow", "diff", RepoPaths.SampleFlow, @new, "--tests");

        Assert.Equal(FlowDiffCommand.ExitOk, exit);
        Assert.Contains("no holiday named 'Christmas Day'", error, StringComparison.Ordinal);
        Assert.Contains("holiday removed  support-hours 2026-12-25  Christmas Day", output, StringComparison.Ordinal);
        // Christmas Day is an ordinary Friday now: support answers, which the scenario did not expect.
        Assert.Matches(@"support is closed on Christmas Day\s+support-hours\s+FAIL line \d+, expect hears support-closed", output);
    }

    [Fact]
    public async Task Diff_ExitCode_OneWhenTheFlowsDifferZeroWhenNot()
    {
        Assert.Equal(FlowDiffCommand.ExitChanged, (await RunAsync("flow", "diff", RepoPaths.SampleFlow, RetargetedKeyOne(), "--exit-code")).ExitCode);

        var (exit, output, _) = await RunAsync("flow", "diff", RepoPaths.SampleFlow, RepoPaths.SampleFlow, "--exit-code", "--markdown");

        Assert.Equal(FlowDiffCommand.ExitOk, exit);
        Assert.Contains("No change a caller would notice.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_UnreadableFlowOrBrokenScenarios_ExitsTwoSayingWhy()
    {
        var (exit, _, error) = await RunAsync("flow", "diff", RepoPaths.SampleFlow, Write("broken.json", "{ \"nodes\": [ "));

        Assert.Equal(FlowDiffCommand.ExitBadInput, exit);
        Assert.Contains("broken.json: cannot be read as a flow", error, StringComparison.Ordinal);

        var tests = Write("bad.tests.yaml", "scenarios:\n  - name: x\n    steps:\n      - press: \"1\"\n      - expect: {at: nowhere}\n");
        (exit, _, error) = await RunAsync("flow", "diff", RepoPaths.SampleFlow, RetargetedKeyOne(), "--tests", tests);

        Assert.Equal(FlowDiffCommand.ExitBadInput, exit);
        Assert.Contains("bad.tests.yaml:5:", error, StringComparison.Ordinal);
        Assert.Contains("no scenario was run", error, StringComparison.Ordinal);
    }
}
