using IvrService.Flow;

namespace IvrService.Cli.Graphs;

/// <summary>
/// What scenarios exercised, for a diagram that shows it (<c>ivr flow graph --coverage</c>): the nodes calls walked,
/// the arrows whose every way was taken, the merged arrows only some of whose ways were (a transfer's failures).
/// Renderers draw taken in green, partly taken in orange and never taken in red and dashed.
/// </summary>
/// <param name="VisitedNodes">Flow node ids (and <see cref="FlowGraph.HangupId"/>) some call reached.</param>
/// <param name="CoveredEdges">Edges all of whose ways were taken.</param>
/// <param name="PartlyCoveredEdges">Edges some of whose ways were taken.</param>
/// <param name="Summary">One line for the diagram, e.g. <c>edge coverage: 94 % (31 of 33)</c>.</param>
internal sealed record GraphCoverage(
    IReadOnlySet<string> VisitedNodes, IReadOnlySet<FlowGraphEdge> CoveredEdges, IReadOnlySet<FlowGraphEdge> PartlyCoveredEdges, string Summary)
{
    public const string Taken = "#2e7d32";
    public const string Partly = "#ef6c00";
    public const string Missed = "#c62828";

    /// <summary>The colour of an edge.</summary>
    public string ColourOf(FlowGraphEdge edge) =>
        CoveredEdges.Contains(edge) ? Taken : PartlyCoveredEdges.Contains(edge) ? Partly : Missed;
}
