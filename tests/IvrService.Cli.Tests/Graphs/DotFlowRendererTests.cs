using System.Diagnostics;
using System.Text.RegularExpressions;
using IvrService.Cli.Graphs;
using IvrService.Flow;
using Xunit.Abstractions;

namespace IvrService.Cli.Tests.Graphs;

public sealed partial class DotFlowRendererTests(ITestOutputHelper output)
{
    private static (HashSet<string> Nodes, List<(string From, string To, string Attributes)> Edges) Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("digraph flow {", lines[0]);
        Assert.Equal("}", lines[^1]);
        var nodes = new HashSet<string>(StringComparer.Ordinal);
        var edges = new List<(string, string, string)>();
        foreach (var line in lines[1..^1])
        {
            if (EdgeLine().Match(line) is { Success: true } edge)
            {
                edges.Add((Unquote(edge.Groups["from"].Value), Unquote(edge.Groups["to"].Value), edge.Groups["attrs"].Value));
            }
            else if (NodeLine().Match(line) is { Success: true } node)
            {
                Assert.True(nodes.Add(Unquote(node.Groups["id"].Value)), $"node defined twice: {line}");
            }
            else
            {
                Assert.Matches(@"^  (rankdir=TB|label=""[^""]*""|labelloc=t|(node|edge) \[.*\]);$", line);
            }
        }

        return (nodes, edges);
    }

    private static string Unquote(string quoted) => quoted[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);

    [Fact]
    public void Render_SampleFlow_DeclaresEveryNodeAndDrawsEveryLink()
    {
        var flow = MermaidFlowRendererTests.SampleFlow();

        var (nodes, edges) = Parse(DotFlowRenderer.Render(FlowGraph.Build(flow), flow.Name));

        foreach (var (id, node) in flow.Nodes)
        {
            Assert.Contains(id, nodes);
            foreach (var (property, target) in node.Links().Where(l => l.Target is not null))
            {
                Assert.True(edges.Any(e => e.From == id && e.To == target), $"no edge {id} -> {target} ({property})");
            }
        }

        Assert.All(edges, e => Assert.Contains(e.To, nodes));
        Assert.Contains(edges, e => e.From == DotFlowRenderer.CallId && e.To == flow.Start);
        Assert.Contains(edges, e => e.From == "main" && e.To == "goodbye" && e.Attributes.Contains("style=dashed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Render_SampleFlow_IsValidDotForGraphviz()
    {
        var flow = MermaidFlowRendererTests.SampleFlow();
        var dot = DotFlowRenderer.Render(FlowGraph.Build(flow), flow.Name);

        // The structural parse always runs; Graphviz itself checks the syntax where it is installed (apt-get install graphviz).
        var (nodes, _) = Parse(dot);
        var graphviz = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "dot")).FirstOrDefault(File.Exists);
        if (graphviz is null)
        {
            output.WriteLine("Graphviz 'dot' is not installed: checked the DOT structurally only (apt-get install graphviz to render it).");
            return;
        }

        var start = new ProcessStartInfo(graphviz, ["-Tsvg"]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(dot);
        process.StandardInput.Close();
        var svg = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        var svgText = await svg;

        Assert.True(process.ExitCode == 0, $"dot rejected the graph: {errors}");
        Assert.Equal("", errors.Trim());
        // Every declared node (plus the incoming-call marker) is drawn.
        Assert.Equal(nodes.Count, Regex.Count(svgText, "class=\"node\""));
    }

    [Fact]
    public void Quote_QuotesBackslashesAndNewlines_AreEscaped()
    {
        Assert.Equal("\"a\\\"b\\\\c\\nd\"", DotFlowRenderer.Quote("a\"b\\c\r\nd"));
    }

    [GeneratedRegex(@"^  (?<from>""(?:[^""\\]|\\.)*"") -> (?<to>""(?:[^""\\]|\\.)*"")( \[(?<attrs>.*)\])?;$")]
    private static partial Regex EdgeLine();

    [GeneratedRegex(@"^  (?<id>""(?:[^""\\]|\\.)*"") \[.*\];$")]
    private static partial Regex NodeLine();
}
