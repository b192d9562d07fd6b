using System.Globalization;
using System.Text;
using IvrService.Flow;

namespace IvrService.Cli.Graphs;

/// <summary>
/// Renders a <see cref="FlowGraph"/> as Graphviz DOT (<c>dot -Tsvg flow.dot &gt; flow.svg</c>). Node ids are the
/// flow's own ids, quoted; the output is deterministic like the Mermaid renderer's.
/// </summary>
internal static class DotFlowRenderer
{
    /// <summary>DOT id of the incoming-call marker (flow ids cannot contain parentheses, so it never clashes).</summary>
    public const string CallId = "(call)";

    public static string Render(FlowGraph graph, string? name = null, GraphCoverage? coverage = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var text = new StringBuilder();
        text.Append("digraph flow {\n");
        var title = string.Join("\n", new[] { name, coverage?.Summary }.Where(t => t is not null));
        if (title.Length > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"  label={Quote(title)};\n  labelloc=t;\n");
        }

        text.Append("  rankdir=TB;\n");
        text.Append("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\", fontsize=11];\n");
        text.Append("  edge [fontname=\"Helvetica\", fontsize=10];\n");
        if (graph.Nodes.FirstOrDefault(n => n.IsStart) is { } start)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {Quote(CallId)} [shape=circle, label=\"incoming\\ncall\"];\n");
            text.Append(CultureInfo.InvariantCulture, $"  {Quote(CallId)} -> {Quote(start.Id)};\n");
        }

        foreach (var node in graph.Nodes)
        {
            var label = node.Id == FlowGraph.HangupId ? node.Label : $"{node.Id}\n{node.Label}";
            var (shape, fill) = node.Kind switch
            {
                MenuNode.TypeName => ("hexagon", "#e3f2fd"),
                HoursNode.TypeName => ("diamond", "#fff8e1"),
                TransferNode.TypeName => ("box", "#e8f5e9"),
                VoicemailNode.TypeName => ("box", "#f3e5f5"),
                HangupNode.TypeName or "end" => ("oval", "#eeeeee"),
                _ => ("box", "#ffffff"),
            };
            var covered = coverage is null ? ""
                : coverage.VisitedNodes.Contains(node.Id) ? $", color=\"{GraphCoverage.Taken}\", penwidth=2"
                : $", color=\"{GraphCoverage.Missed}\", penwidth=2, style=\"rounded,filled,dashed\"";
            text.Append(CultureInfo.InvariantCulture, $"  {Quote(node.Id)} [shape={shape}, fillcolor=\"{fill}\", label={Quote(label)}{covered}];\n");
        }

        foreach (var edge in graph.Edges)
        {
            var attributes = new List<string>();
            if (edge.Label.Length > 0)
            {
                attributes.Add($"label={Quote(edge.Label)}");
            }

            if (edge.IsSidePath)
            {
                attributes.Add("style=dashed");
            }

            if (coverage is not null)
            {
                attributes.Add($"color=\"{coverage.ColourOf(edge)}\", penwidth=2");
            }

            var suffix = attributes.Count == 0 ? "" : $" [{string.Join(", ", attributes)}]";
            text.Append(CultureInfo.InvariantCulture, $"  {Quote(edge.From)} -> {Quote(edge.To)}{suffix};\n");
        }

        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>A DOT double-quoted string: backslash and quote escaped, line breaks as <c>\n</c>.</summary>
    internal static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
