using IvrService.Flow;

namespace IvrService.Cli.Scenarios;

/// <summary>One way through a node that scenarios should exercise: an edge of the flow's graph, or a menu's re-prompt.</summary>
/// <param name="From">The node.</param>
/// <param name="Label">What is taken: a key (<c>1</c>), <c>open</c>, <c>busy</c>, <c>3 × invalid</c>, <c>invalid</c>, <c>holiday</c>.</param>
/// <param name="To">Where it leads (<see cref="FlowGraph.HangupId"/> for the call's end; the node itself for a re-prompt).</param>
/// <param name="Edge">The graph edge it belongs to, or null for paths the diagram does not draw (re-prompts, holidays).</param>
internal sealed record CoverageItem(string From, string Label, string To, FlowGraphEdge? Edge)
{
    public override string ToString() => From == To && Edge is null ? $"{From} {Label} (re-prompt)" : $"{From} --{Label}--> {To}";
}

/// <summary>
/// Edge coverage of a flow by scenarios: every option, branch and side path (timeout, invalid, give-ups, transfer
/// outcomes, closed, holiday, no message) as a <see cref="CoverageItem"/>, and which of them the engine's turns took.
/// Worked out from the turns an in-process run saw (<see cref="LineTurn"/>): the answered node's outcome names the
/// way out of it, and the nodes walked after it each have one way on (hours: the branch taken, a holiday told apart).
/// </summary>
internal sealed class FlowCoverage
{
    private readonly FlowDefinition _flow;
    private readonly Dictionary<(string From, string Label), CoverageItem> _items = [];
    private readonly HashSet<CoverageItem> _covered = [];

    public FlowCoverage(FlowDefinition flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        _flow = flow;
        Graph = FlowGraph.Build(flow);
        foreach (var edge in Graph.Edges)
        {
            // A diagram merges a transfer's failures that lead to one place; coverage wants each outcome.
            var labels = edge.Kind is FlowGraphEdgeKind.TransferFailed or FlowGraphEdgeKind.AgentReturn ? edge.Label.Split(" / ") : [edge.Label];
            foreach (var label in labels)
            {
                Add(new CoverageItem(edge.From, LabelOf(edge, label), edge.To, edge));
            }

            if (edge.Kind == FlowGraphEdgeKind.Closed && flow.FindNode(edge.From) is HoursNode { Holidays.Count: > 0 })
            {
                Add(new CoverageItem(edge.From, "holiday", edge.To, null));
            }
        }

        foreach (var (id, node) in flow.Nodes)
        {
            if (node is MenuNode)
            {
                Add(new CoverageItem(id, "invalid", id, null));
                Add(new CoverageItem(id, "timeout", id, null));
            }
        }
    }

    /// <summary>The coverage of <paramref name="flow"/> by the turns of in-process <paramref name="results"/>.</summary>
    public static FlowCoverage Of(FlowDefinition flow, IEnumerable<ScenarioResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var coverage = new FlowCoverage(flow);
        foreach (var turn in results.SelectMany(r => r.Turns ?? []))
        {
            coverage.Record(turn);
        }

        return coverage;
    }

    /// <summary>True when some but not all items of <paramref name="edge"/> were taken (a merged arrow of transfer failures).</summary>
    public bool IsPartlyCovered(FlowGraphEdge edge) =>
        !IsCovered(edge) && _items.Values.Any(i => i.Edge == edge && _covered.Contains(i));

    /// <summary>The flow's graph, whose edges the items belong to.</summary>
    public FlowGraph Graph { get; }

    /// <summary>Every item, in the graph's order.</summary>
    public IReadOnlyCollection<CoverageItem> Items => _items.Values;

    /// <summary>Items no turn took, in the graph's order.</summary>
    public IEnumerable<CoverageItem> Missing => _items.Values.Where(i => !_covered.Contains(i));

    public int CoveredCount => _covered.Count;

    /// <summary>Items some turn took.</summary>
    public IEnumerable<CoverageItem> Covered => _items.Values.Where(_covered.Contains);

    /// <summary>Covered share in whole percent, rounded down (100 only when nothing is missing).</summary>
    public int Percent => _items.Count == 0 ? 100 : _covered.Count * 100 / _items.Count;

    /// <summary>True when every item of <paramref name="edge"/> was taken.</summary>
    public bool IsCovered(FlowGraphEdge edge) => _items.Values.Where(i => i.Edge == edge).All(_covered.Contains);

    /// <summary>True when some turn walked <paramref name="nodeId"/>.</summary>
    public bool IsVisited(string nodeId) => VisitedNodes.Contains(nodeId);

    public HashSet<string> VisitedNodes { get; } = new(StringComparer.Ordinal);

    /// <summary>Marks what <paramref name="turn"/> took.</summary>
    public void Record(LineTurn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var path = turn.Turn.Path;
        VisitedNodes.UnionWith(path);
        var first = 0;
        if (turn.Answered is { Marker: not CallStateMarker.Enter } answered && path.Count > 0 && path[0] == answered.NodeId)
        {
            AnsweredWay(answered.NodeId, turn, path);
            first = 1;
        }

        for (var i = first; i < path.Count; i++)
        {
            var id = path[i];
            switch (_flow.FindNode(id))
            {
                case PlayNode or TextNode or LanguageNode or GotoNode:
                    foreach (var item in _items.Values.Where(item => item.From == id))
                    {
                        Cover(item);
                    }

                    break;
                case HoursNode hours:
                    // The engine's own evaluation at the turn's time names the branch (open and closed may share a target).
                    var decision = hours.Evaluate(turn.At);
                    Take(id, decision.IsOpen ? "open" : decision.IsHoliday ? "holiday" : "closed");
                    break;
            }
        }
    }

    private void AnsweredWay(string id, LineTurn turn, IReadOnlyList<string> path)
    {
        switch (_flow.FindNode(id))
        {
            case MenuNode menu:
                switch (turn.Turn.Outcome)
                {
                    case "option":
                        var key = turn.Input is DigitsInput { Value.Length: 1 } digits
                            ? digits.Value
                            : menu.Options.FirstOrDefault(o => path.Count > 1 && o.Value?.Next == path[1]).Key;
                        if (key is not null)
                        {
                            Take(id, key);
                        }

                        break;
                    case "invalid":
                        Take(id, "invalid");
                        break;
                    case "no-input":
                        Take(id, "timeout");
                        break;
                    case "max-failures":
                        Take(id, FlowGraph.MaxFailuresLabel(menu));
                        break;
                    case "max-timeouts":
                        Take(id, FlowGraph.MaxTimeoutsLabel(menu));
                        break;
                    case "repeat":
                        Take(id, $"{menu.RepeatKey} repeat");
                        break;
                }

                break;
            case TransferNode:
                Take(id, turn.Turn.Outcome switch
                {
                    "dial-completed" => "completed",
                    "dial-no-answer" => "no answer",
                    "dial-busy" => "busy",
                    "dial-failed" => "failed",
                    _ => "",
                });
                break;
            case VoicemailNode:
                Take(id, turn.Turn.Outcome == "recorded" ? "recorded" : turn.Turn.Outcome == "no-message" ? "no message" : "");
                break;
            case AgentNode agent:
                switch (turn.Turn.Outcome)
                {
                    case "handoff":
                        // The key the engine took (a target or reason the agent named, or default).
                        if (turn.Input is AgentEndedInput ended && agent.HandoffKey(ended.Target, ended.Reason) is { } key)
                        {
                            Take(id, key);
                        }

                        break;
                    case "agent-failed":
                        Take(id, "error");
                        break;
                    case "agent-returned":
                        Take(id, "no handoff");
                        break;
                }

                break;
        }
    }

    private void Add(CoverageItem item) => _items.TryAdd((item.From, item.Label), item);

    private void Take(string from, string label)
    {
        if (_items.TryGetValue((from, label), out var item))
        {
            Cover(item);
        }
    }

    private void Cover(CoverageItem item) => _covered.Add(item);

    // The graph labels a closed branch "closed or holiday" when the node has holidays; coverage tells them apart.
    private static string LabelOf(FlowGraphEdge edge, string label) => edge.Kind == FlowGraphEdgeKind.Closed ? "closed" : label;
}
