using System.Xml.Linq;
using IvrService.Cli.Commands;
using IvrService.Testing;

namespace IvrService.Cli.Tests.Commands;

public sealed class TestCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ivr-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var (exit, output, error) = await CommandRun.InvokeAsync(TestCommand.Create(_ => null), args);
        return (exit, output + error);
    }

    [Fact]
    public async Task Test_SampleFlow_PassesWithFullCoverageAndWritesJUnit()
    {
        var junit = Path.Combine(_dir, "results.xml");

        var (exit, output) = await RunAsync("test", "--flow", RepoPaths.SampleFlow, "--junit", junit, "--min-coverage", "100");

        Assert.Equal(TestCommand.ExitPassed, exit);
        Assert.Matches(@"(?m)^26 passed, 0 failed in \d+\.\d\d s$", output);
        Assert.Contains("edge coverage: 100 % (38 of 38)", output, StringComparison.Ordinal);
        var suite = XDocument.Load(junit).Root!.Element("testsuite")!;
        Assert.Equal(("26", "0"), ((string)suite.Attribute("tests")!, (string)suite.Attribute("failures")!));
        Assert.Equal(26, suite.Elements("testcase").Count());
    }

    [Fact]
    public async Task Test_FailingScenarioAndShortCoverage_ExitsOneWithDivergenceAndMissingEdges()
    {
        var tests = Path.Combine(_dir, "t.yaml");
        await File.WriteAllTextAsync(tests, """
            scenarios:
              - name: expects the wrong prompt
                steps:
                  - press: "3"
                  - expect: { hears: goodbye }
            """);
        var junit = Path.Combine(_dir, "results.xml");

        var (exit, output) = await RunAsync("test", "--flow", RepoPaths.SampleFlow, "--tests", tests, "--junit", junit);

        Assert.Equal(TestCommand.ExitFailed, exit);
        Assert.Matches(@"(?m)^FAIL\s+expects the wrong prompt\s+line 5, expect hears goodbye: expected hears goodbye; got heard hours-info, main-long$", output);
        Assert.Contains("  missing: main --1--> sales", output, StringComparison.Ordinal);
        var failure = XDocument.Load(junit).Descendants("failure").Single();
        Assert.StartsWith("line 5, expect hears goodbye", (string)failure.Attribute("message")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_CoverageBelowMinimum_ExitsOne()
    {
        var tests = Path.Combine(_dir, "t.yaml");
        await File.WriteAllTextAsync(tests, "scenarios:\n  - name: one\n    steps: [hangup]\n");

        var (exit, output) = await RunAsync("test", "--flow", RepoPaths.SampleFlow, "--tests", tests, "--min-coverage", "50");

        Assert.Equal(TestCommand.ExitFailed, exit);
        Assert.Contains("1 passed, 0 failed", output, StringComparison.Ordinal);
        Assert.Contains("is below --min-coverage 50 %", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_BadScenarioFile_ExitsTwoWithFileLineAndNothingRun()
    {
        var tests = Path.Combine(_dir, "t.yaml");
        await File.WriteAllTextAsync(tests, "scenarios:\n  - name: one\n    steps:\n      - press: \"1\"\n      - expect: { at: nowhere }\n");

        var (exit, output) = await RunAsync("test", "--flow", RepoPaths.SampleFlow, "--tests", tests);

        Assert.Equal(TestCommand.ExitBadInput, exit);
        Assert.Contains($"{tests}:5:23: node 'nowhere' does not exist in the flow", output, StringComparison.Ordinal);
        Assert.DoesNotContain("passed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_MissingFlowOrTests_ExitsTwo()
    {
        Assert.Equal(TestCommand.ExitBadInput, (await RunAsync("test", "--flow", Path.Combine(_dir, "none.json"))).ExitCode);
        Assert.Equal(TestCommand.ExitBadInput, (await RunAsync("test", "--flow", RepoPaths.SampleFlow, "--tests", Path.Combine(_dir, "none.yaml"))).ExitCode);
    }

    [Fact]
    public void DefaultTestsPath_IsBesideTheFlow() =>
        Assert.Equal(Path.Combine("content", "flow.tests.yaml"), TestCommand.DefaultTestsPath(Path.Combine("content", "flow.json")));
}
