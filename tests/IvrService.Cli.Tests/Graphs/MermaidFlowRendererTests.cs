using System.Text.RegularExpressions;
using IvrService.Cli.Graphs;
using IvrService.Flow;
using IvrService.Testing;

namespace IvrService.Cli.Tests.Graphs;

public sealed partial class MermaidFlowRendererTests
{
    internal static FlowDefinition SampleFlow()
    {
        var result = FlowLoader.Load(RepoPaths.SampleFlow);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Problems));
        return result.Flow!;
    }

    /// <summary>The diagram read back: node definitions and edges, by Mermaid id.</summary>
    internal static (Dictionary<string, string> Nodes, List<(string From, string Arrow, string? Label, string To)> Edges) Parse(string text)
    {
        var lines = text.Split('\n');
        Assert.Equal("flowchart TD", lines[0]);
        var nodes = new Dictionary<string, string>(StringComparer.Ordinal);
        var edges = new List<(string, string, string?, string)>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            if (EdgeLine().Match(line) is { Success: true } edge)
            {
                edges.Add((edge.Groups["from"].Value, edge.Groups["arrow"].Value, edge.Groups["label"].Success ? edge.Groups["label"].Value : null, edge.Groups["to"].Value));
            }
            else if (NodeLine().Match(line) is { Success: true } node)
            {
                Assert.True(nodes.TryAdd(node.Groups["id"].Value, node.Groups["label"].Value), $"node defined twice: {line}");
            }
            else
            {
                Assert.Matches(@"^    (classDef k_\w+ [\w:#,]+|class [\w,]+ k_\w+)$", line);
            }
        }

        return (nodes, edges);
    }

    [Fact]
    public void Render_SampleFlow_DefinesEveryNodeAndDrawsEveryLink()
    {
        var flow = SampleFlow();

        var diagram = MermaidFlowRenderer.Render(FlowGraph.Build(flow));
        var (nodes, edges) = Parse(diagram.Text);

        foreach (var (id, node) in flow.Nodes)
        {
            var mermaidId = diagram.NodeIds[id];
            Assert.True(nodes.ContainsKey(mermaidId), $"node {id} ({mermaidId}) is not defined");
            Assert.StartsWith(id + "<br/>", nodes[mermaidId], StringComparison.Ordinal);
            foreach (var (property, target) in node.Links().Where(l => l.Target is not null))
            {
                Assert.True(edges.Any(e => e.From == mermaidId && e.To == diagram.NodeIds[target!]),
                    $"no edge {id} -> {target} ({property}) in:\n{diagram.Text}");
            }
        }

        Assert.All(edges, e => Assert.True(nodes.ContainsKey(e.From) || e.From == MermaidFlowRenderer.CallId, e.From));
        Assert.All(edges, e => Assert.True(nodes.ContainsKey(e.To), e.To));
        Assert.Contains(edges, e => e.From == MermaidFlowRenderer.CallId && e.To == diagram.NodeIds[flow.Start!]);
    }

    [Fact]
    public void Render_SampleMenu_LabelsDigitsAndDotsTheGiveUpPaths()
    {
        var diagram = MermaidFlowRenderer.Render(FlowGraph.Build(SampleFlow()));

        Assert.Contains("    n_main -->|\"1\"| n_sales\n", diagram.Text, StringComparison.Ordinal);
        Assert.Contains("    n_main -.->|\"3 × invalid\"| n_voicemail\n", diagram.Text, StringComparison.Ordinal);
        Assert.Contains("    n_support_hours -->|\"closed or holiday\"| n_support_closed\n", diagram.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void DiagramIds_IdsThatSanitiseAlike_StayDistinct()
    {
        var graph = new FlowGraph(
            [new("a-b", "play", "x", true), new("a_b", "play", "y", false), new("end", "hangup", "z", false)],
            [new("a-b", "a_b", "", FlowGraphEdgeKind.Next), new("a_b", "gone", "", FlowGraphEdgeKind.Next)]);

        var ids = MermaidFlowRenderer.DiagramIds(graph);

        Assert.Equal("n_a_b", ids["a-b"]);
        Assert.Equal("n_a_b_2", ids["a_b"]);
        Assert.Equal("n_end", ids["end"]);
        Assert.Equal("n_gone", ids["gone"]);
        Assert.Equal(ids.Count, ids.Values.Distinct().Count());
    }

    [Fact]
    public void Render_LabelWithMarkupAndQuotes_IsEscaped()
    {
        var graph = new FlowGraph([new("t", "transfer", "transfer to \"<b>&\"", true)], []);

        var text = MermaidFlowRenderer.Render(graph).Text;

        Assert.Contains("n_t[[\"t<br/>transfer to #quot;#lt;b#gt;#amp;#quot;\"]]", text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^    (?<from>\w+) (?<arrow>-->|-\.->)(\|""(?<label>[^""]*)""\|)? (?<to>\w+)$")]
    private static partial Regex EdgeLine();

    [GeneratedRegex(@"^    (?<id>\w+)(\{\{|\[\[|\(\[|\(\(|\[|\{)""(?<label>[^""]*)""(\}\}|\]\]|\]\)|\)\)|\]|\})$")]
    private static partial Regex NodeLine();
}
