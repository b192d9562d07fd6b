using System.Globalization;
using System.Text;
using IvrService.Flow;

namespace IvrService.Cli.Graphs;

/// <summary>A Mermaid diagram of a flow and the diagram id of every flow node (the dev phone highlights by it).</summary>
/// <param name="Text">The <c>flowchart TD</c> source, lines separated by <c>\n</c>, ending with a newline.</param>
/// <param name="NodeIds">Flow node id (and <see cref="FlowGraph.HangupId"/>) → Mermaid node id.</param>
internal sealed record MermaidDiagram(string Text, IReadOnlyDictionary<string, string> NodeIds);

/// <summary>
/// Renders a <see cref="FlowGraph"/> as a Mermaid <c>flowchart TD</c>, which GitHub, GitLab and most Markdown viewers
/// draw natively. Deterministic: the same graph gives the same text byte for byte (the README test relies on it).
/// </summary>
internal static class MermaidFlowRenderer
{
    /// <summary>Diagram id of the incoming-call marker that points at the start node.</summary>
    public const string CallId = "x_call";

    // Class names get a prefix: "end" and friends are Mermaid keywords.
    private static readonly Dictionary<string, string> Styles = new(StringComparer.Ordinal)
    {
        ["menu"] = "fill:#e3f2fd,stroke:#1565c0,color:#0d2a4a",
        ["hours"] = "fill:#fff8e1,stroke:#b58100,color:#3d2c00",
        ["transfer"] = "fill:#e8f5e9,stroke:#2e7d32,color:#0f3311",
        ["voicemail"] = "fill:#f3e5f5,stroke:#6a1b9a,color:#2e0b44",
        ["hangup"] = "fill:#eeeeee,stroke:#616161,color:#212121",
    };

    public static MermaidDiagram Render(FlowGraph graph, GraphCoverage? coverage = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var ids = DiagramIds(graph);
        var text = new StringBuilder();
        text.Append("flowchart TD\n");
        if (coverage is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"    %% {coverage.Summary}: green taken, orange partly taken, red never taken\n");
        }

        if (graph.Nodes.FirstOrDefault(n => n.IsStart) is { } start)
        {
            text.Append(CultureInfo.InvariantCulture, $"    {CallId}((\"incoming call\"))\n");
            text.Append(CultureInfo.InvariantCulture, $"    {CallId} --> {ids[start.Id]}\n");
        }

        foreach (var node in graph.Nodes)
        {
            var label = node.Id == FlowGraph.HangupId ? Escape(node.Label) : $"{Escape(node.Id)}<br/>{Escape(node.Label)}";
            var (open, close) = node.Kind switch
            {
                MenuNode.TypeName => ("{{", "}}"),
                HoursNode.TypeName => ("{", "}"),
                TransferNode.TypeName => ("[[", "]]"),
                HangupNode.TypeName or "end" => ("([", "])"),
                _ => ("[", "]"),
            };
            text.Append(CultureInfo.InvariantCulture, $"    {ids[node.Id]}{open}\"{label}\"{close}\n");
        }

        foreach (var edge in graph.Edges)
        {
            var arrow = edge.IsSidePath ? "-.->" : "-->";
            var label = edge.Label.Length == 0 ? "" : $"|\"{Escape(edge.Label)}\"|";
            text.Append(CultureInfo.InvariantCulture, $"    {ids[edge.From]} {arrow}{label} {ids[edge.To]}\n");
        }

        foreach (var (kind, style) in Styles)
        {
            var members = graph.Nodes.Where(n => StyleOf(n.Kind) == kind).Select(n => ids[n.Id]).ToList();
            if (members.Count > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"    classDef k_{kind} {style}\n");
                text.Append(CultureInfo.InvariantCulture, $"    class {string.Join(',', members)} k_{kind}\n");
            }
        }

        if (coverage is not null)
        {
            AppendCoverage(text, graph, ids, coverage);
        }

        return new MermaidDiagram(text.ToString(), ids);
    }

    // Nodes get a coverage class on top of their kind's (the stroke only, so the fill still tells the kind); links a
    // linkStyle by index, counting the incoming-call arrow first when there is one.
    private static void AppendCoverage(StringBuilder text, FlowGraph graph, Dictionary<string, string> ids, GraphCoverage coverage)
    {
        text.Append(CultureInfo.InvariantCulture, $"    classDef cov_taken stroke:{GraphCoverage.Taken},stroke-width:3px\n");
        text.Append(CultureInfo.InvariantCulture, $"    classDef cov_missed stroke:{GraphCoverage.Missed},stroke-width:3px,stroke-dasharray:5 4\n");
        foreach (var (name, visited) in new[] { ("cov_taken", true), ("cov_missed", false) })
        {
            var members = graph.Nodes.Where(n => coverage.VisitedNodes.Contains(n.Id) == visited).Select(n => ids[n.Id]).ToList();
            if (members.Count > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"    class {string.Join(',', members)} {name}\n");
            }
        }

        var offset = graph.Nodes.Any(n => n.IsStart) ? 1 : 0;
        foreach (var colour in new[] { GraphCoverage.Taken, GraphCoverage.Partly, GraphCoverage.Missed })
        {
            var links = graph.Edges.Select((edge, index) => (edge, index)).Where(e => coverage.ColourOf(e.edge) == colour)
                .Select(e => (e.index + offset).ToString(CultureInfo.InvariantCulture)).ToList();
            if (links.Count > 0)
            {
                var dashes = colour == GraphCoverage.Missed ? ",stroke-dasharray:5 4" : "";
                text.Append(CultureInfo.InvariantCulture, $"    linkStyle {string.Join(',', links)} stroke:{colour},stroke-width:2px{dashes}\n");
            }
        }
    }

    /// <summary>
    /// Mermaid ids from flow ids: <c>n_</c> plus the id with '-' as '_' (readable, and never a keyword such as
    /// <c>end</c>); a clash (<c>a-b</c> and <c>a_b</c>) gets <c>_2</c>, <c>_3</c>… in graph order. Ids of edges to
    /// nodes that do not exist are added the same way.
    /// </summary>
    internal static Dictionary<string, string> DiagramIds(FlowGraph graph)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal) { CallId };
        foreach (var id in graph.Nodes.Select(n => n.Id).Concat(graph.Edges.Select(e => e.To)))
        {
            if (ids.ContainsKey(id))
            {
                continue;
            }

            var baseId = id == FlowGraph.HangupId ? "x_hangup" : "n_" + Sanitize(id);
            var candidate = baseId;
            for (var n = 2; !taken.Add(candidate); n++)
            {
                candidate = $"{baseId}_{n}";
            }

            ids[id] = candidate;
        }

        return ids;
    }

    private static string Sanitize(string id)
    {
        var builder = new StringBuilder(id.Length);
        foreach (var c in id)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        return builder.ToString();
    }

    private static string StyleOf(string kind) => kind is HangupNode.TypeName or "end" ? "hangup" : kind;

    // Inside a quoted Mermaid label only '"' is special; '<' '>' '&' are escaped so text never becomes markup.
    private static string Escape(string text) => text
        .Replace("&", "#amp;", StringComparison.Ordinal)
        .Replace("\"", "#quot;", StringComparison.Ordinal)
        .Replace("<", "#lt;", StringComparison.Ordinal)
        .Replace(">", "#gt;", StringComparison.Ordinal)
        .Replace("\n", " ", StringComparison.Ordinal);
}
