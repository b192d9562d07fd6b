using System.Text.RegularExpressions;
using IvrService.Cli.Commands;
using IvrService.Cli.Graphs;
using IvrService.Cli.Tests.Commands;
using IvrService.Flow;
using IvrService.Testing;

namespace IvrService.Cli.Tests.Graphs;

public sealed partial class CoverageDiagramTests : IDisposable
{
    // 1 → a transfer whose three failures lead to one voicemail (one merged arrow), 2 → goodbye.
    private const string SmallFlow = """
        {
          "start": "menu", "defaultLocale": "en-US", "locales": ["en-US"], "goodbyePrompt": "bye",
          "prompts": { "en-US": { "menu": { "file": "m.wav", "text": "Press 1 or 2." }, "bye": { "file": "b.wav", "text": "Bye." } } },
          "nodes": {
            "menu": { "type": "menu", "greetingLong": "menu", "options": { "1": { "next": "desk" }, "2": { "next": "bye" } } },
            "desk": { "type": "transfer", "to": "+15005550006", "onFailure": "message" },
            "message": { "type": "voicemail", "next": "bye" },
            "bye": { "type": "hangup", "prompt": "bye" }
          }
        }
        """;

    // One call: 1, the desk is busy, a message is left. Items by hand: menu 1, 2, two give-ups, invalid and timeout
    // re-prompts; desk completed, no answer, busy, failed; message recorded, no message: 12. Taken: menu 1, desk busy
    // (one of three on its merged arrow), message recorded; bye is walked after the message.
    private const string OneCall = """
        scenarios:
          - name: busy desk, a message
            steps:
              - press: "1"
              - transfer: busy
              - record: 5
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("ivr-cov-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(int Exit, string Output, string Error)> GraphAsync(params string[] extra)
    {
        var flow = Path.Combine(_dir, "small.json");
        await File.WriteAllTextAsync(flow, SmallFlow);
        await File.WriteAllTextAsync(Path.Combine(_dir, "small.tests.yaml"), OneCall);
        return await CommandRun.InvokeAsync(FlowCommands.Create(), ["flow", "graph", "--flow", flow, "--coverage", .. extra]);
    }

    [Fact]
    public async Task Mermaid_Coverage_ColoursEachArrowAndNodeByWhatTheScenariosTook()
    {
        var (exit, output, error) = await GraphAsync();

        Assert.Equal(0, exit);
        Assert.Contains("small.tests.yaml: edge coverage: 25 % (3 of 12)", error, StringComparison.Ordinal);
        var graph = FlowGraph.Build(FlowLoader.Parse(SmallFlow).Flow!);
        var colours = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match line in LinkStyle().Matches(output))
        {
            foreach (var index in line.Groups["links"].Value.Split(','))
            {
                // Link 0 is the incoming-call arrow; the flow's edges follow in the graph's order.
                var edge = graph.Edges[int.Parse(index, System.Globalization.CultureInfo.InvariantCulture) - 1];
                colours.Add($"{edge.From} {edge.Label} {edge.To}".Trim(), line.Groups["colour"].Value);
            }
        }

        Assert.Equal(new Dictionary<string, string>
        {
            ["menu 1 desk"] = GraphCoverage.Taken,
            ["menu 2 bye"] = GraphCoverage.Missed,
            ["menu 3 × invalid (hangup)"] = GraphCoverage.Missed,
            ["menu 3 × no input (hangup)"] = GraphCoverage.Missed,
            ["desk completed (hangup)"] = GraphCoverage.Missed,
            ["desk no answer / busy / failed message"] = GraphCoverage.Partly,
            ["message recorded bye"] = GraphCoverage.Taken,
            ["message no message (hangup)"] = GraphCoverage.Missed,
        }, colours);
        Assert.Contains("    class n_menu,n_desk,n_bye,n_message cov_taken\n", output, StringComparison.Ordinal);
        Assert.Contains("    class x_hangup cov_missed\n", output, StringComparison.Ordinal);
        Assert.StartsWith("flowchart TD\n    %% edge coverage: 25 % (3 of 12): green taken", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dot_Coverage_ColoursEdgesAndTitlesTheDiagram()
    {
        var (exit, output, _) = await GraphAsync("--format", "dot");

        Assert.Equal(0, exit);
        Assert.Contains("label=\"edge coverage: 25 % (3 of 12)\";", output, StringComparison.Ordinal);
        Assert.Contains($"\"menu\" -> \"desk\" [label=\"1\", color=\"{GraphCoverage.Taken}\", penwidth=2];", output, StringComparison.Ordinal);
        Assert.Contains($"\"menu\" -> \"bye\" [label=\"2\", color=\"{GraphCoverage.Missed}\", penwidth=2];", output, StringComparison.Ordinal);
        Assert.Contains($"label=\"call ends\", color=\"{GraphCoverage.Missed}\", penwidth=2, style=\"rounded,filled,dashed\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Coverage_SampleFlow_EverythingIsGreen()
    {
        var (exit, output, error) = await CommandRun.InvokeAsync(FlowCommands.Create(), "flow", "graph", "--flow", RepoPaths.SampleFlow, "--coverage");

        Assert.Equal(0, exit);
        Assert.Contains("edge coverage: 100 % (38 of 38)", error, StringComparison.Ordinal);
        // The only red is the class definition itself: no node is in it and no link is styled with it.
        Assert.DoesNotContain(" cov_missed\n    linkStyle", output, StringComparison.Ordinal);
        Assert.DoesNotContain($"stroke:{GraphCoverage.Missed},stroke-width:2px", output, StringComparison.Ordinal);
        Assert.DoesNotContain($"stroke:{GraphCoverage.Partly}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Coverage_BrokenScenarioFile_FailsWithItsProblems()
    {
        var flow = Path.Combine(_dir, "small.json");
        await File.WriteAllTextAsync(flow, SmallFlow);
        var tests = Path.Combine(_dir, "bad.yaml");
        await File.WriteAllTextAsync(tests, "scenarios:\n  - name: x\n    steps:\n      - dance\n");
        var (exit, output, error) = await CommandRun.InvokeAsync(FlowCommands.Create(), "flow", "graph", "--flow", flow, "--coverage", tests);

        Assert.Equal(1, exit);
        Assert.Contains("bad.yaml:4:", error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [GeneratedRegex(@"    linkStyle (?<links>[\d,]+) stroke:(?<colour>#[0-9a-f]{6}),")]
    private static partial Regex LinkStyle();
}
