using System.Globalization;

namespace IvrService.Flow;

/// <summary>What an edge of a <see cref="FlowGraph"/> stands for.</summary>
public enum FlowGraphEdgeKind
{
    /// <summary>A play node's (or an unlabelled) <c>next</c>.</summary>
    Next,

    /// <summary>A menu key leads to a node.</summary>
    Digit,

    /// <summary>The menu's repeat key replays the long greeting (a loop).</summary>
    Repeat,

    /// <summary>The menu gives up after too many invalid keys.</summary>
    MaxFailures,

    /// <summary>The menu gives up after too many timeouts (no input).</summary>
    MaxTimeouts,

    /// <summary>Business hours: open.</summary>
    Open,

    /// <summary>Business hours: closed (including holidays).</summary>
    Closed,

    /// <summary>A transfer was answered and the other party hung up.</summary>
    TransferCompleted,

    /// <summary>A transfer was not answered, busy or failed (the label names which).</summary>
    TransferFailed,

    /// <summary>A language node switches the locale and continues.</summary>
    Language,

    /// <summary>A goto node jumps.</summary>
    Goto,

    /// <summary>A voicemail was recorded.</summary>
    Recorded,

    /// <summary>A voicemail ended without a message.</summary>
    NoMessage,

    /// <summary>An agent session ended with a handoff (the label is its target or reason, or <c>default</c>).</summary>
    Handoff,

    /// <summary>An agent session failed, or ended with a handoff nothing maps: the caller goes back (to a menu, or <c>onError</c>).</summary>
    AgentReturn,

    /// <summary>A link of a node type this builder does not know; the label is the JSON property.</summary>
    Link,
}

/// <summary>A node of a <see cref="FlowGraph"/>.</summary>
/// <param name="Id">The flow's node id, or <see cref="FlowGraph.HangupId"/> for the implicit end of the call.</param>
/// <param name="Kind">The node's JSON <c>type</c> (<c>menu</c>, <c>play</c>, …), <c>end</c> for the implicit end.</param>
/// <param name="Label">What the node does in a few words (the second line of a diagram box).</param>
/// <param name="IsStart">True for the node a new call enters.</param>
public sealed record FlowGraphNode(string Id, string Kind, string Label, bool IsStart);

/// <summary>An edge of a <see cref="FlowGraph"/>.</summary>
/// <param name="From">Source node id.</param>
/// <param name="To">Target node id (may name a node that does not exist in a broken flow).</param>
/// <param name="Label">Short text for the arrow (<c>1</c>, <c>open</c>, <c>3 × invalid</c>); empty for a plain <c>next</c>.</param>
/// <param name="Kind">What the edge stands for.</param>
public sealed record FlowGraphEdge(string From, string To, string Label, FlowGraphEdgeKind Kind)
{
    /// <summary>
    /// A path off the main line (a jump, a repeat, a give-up, a failed transfer, no message): renderers draw it
    /// dashed, so both formats agree on which edges those are.
    /// </summary>
    public bool IsSidePath => Kind is FlowGraphEdgeKind.Goto or FlowGraphEdgeKind.Repeat or FlowGraphEdgeKind.MaxFailures
        or FlowGraphEdgeKind.MaxTimeouts or FlowGraphEdgeKind.TransferFailed or FlowGraphEdgeKind.NoMessage or FlowGraphEdgeKind.AgentReturn;
}

/// <summary>
/// A flow as a graph for diagrams: one node per flow node plus, when some path hangs up without naming a node, one
/// implicit end node (<see cref="HangupId"/>). Pure and deterministic: nodes in breadth-first order from the start
/// (then unreachable ones by id), edges per node in a fixed order, so the same flow always gives the same diagram.
/// Node types this builder does not know are drawn from <see cref="FlowNode.Links"/>.
/// </summary>
/// <param name="Nodes">Nodes in drawing order.</param>
/// <param name="Edges">Edges in drawing order.</param>
public sealed record FlowGraph(IReadOnlyList<FlowGraphNode> Nodes, IReadOnlyList<FlowGraphEdge> Edges)
{
    /// <summary>
    /// Id of the implicit end of the call (the engine's goodbye prompt and hang-up). It cannot clash with a flow
    /// node id, which allows only letters, digits, '_' and '-'.
    /// </summary>
    public const string HangupId = "(hangup)";

    // Keypad order reads better on a diagram than ordinal order ('#' and '*' first).
    private const string KeypadOrder = "1234567890*#";

    /// <summary>Builds the graph of <paramref name="flow"/>; never throws for a broken flow (missing targets stay edges to unknown ids).</summary>
    public static FlowGraph Build(FlowDefinition flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var edgesByNode = new Dictionary<string, List<FlowGraphEdge>>(StringComparer.Ordinal);
        foreach (var (id, node) in flow.Nodes)
        {
            edgesByNode[id] = node is null ? [] : Merge(EdgesOf(flow, id, node));
        }

        var order = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        if (flow.Start is { } start && flow.Nodes.ContainsKey(start))
        {
            queue.Enqueue(start);
            seen.Add(start);
        }

        while (queue.Count > 0)
        {
            var id = queue.Dequeue();
            order.Add(id);
            foreach (var edge in edgesByNode[id])
            {
                if (flow.Nodes.ContainsKey(edge.To) && seen.Add(edge.To))
                {
                    queue.Enqueue(edge.To);
                }
            }
        }

        order.AddRange(flow.Nodes.Keys.Where(id => !seen.Contains(id)).Order(StringComparer.Ordinal));

        var nodes = order
            .Select(id => new FlowGraphNode(id, flow.Nodes[id]?.Type ?? "unknown", Describe(flow.Nodes[id]), id == flow.Start))
            .ToList();
        var edges = order.SelectMany(id => edgesByNode[id]).ToList();
        if (edges.Any(e => e.To == HangupId))
        {
            nodes.Add(new FlowGraphNode(HangupId, "end", "call ends", IsStart: false));
        }

        return new FlowGraph(nodes, edges);
    }

    private static IEnumerable<FlowGraphEdge> EdgesOf(FlowDefinition flow, string id, FlowNode node)
    {
        switch (node)
        {
            case MenuNode menu:
                foreach (var (key, option) in menu.Options.OrderBy(o => KeyRank(o.Key)).ThenBy(o => o.Key, StringComparer.Ordinal))
                {
                    if (option?.Next is { } next)
                    {
                        yield return new FlowGraphEdge(id, next, key, FlowGraphEdgeKind.Digit);
                    }
                }

                if (menu.RepeatKey is { Length: > 0 } repeat)
                {
                    yield return new FlowGraphEdge(id, id, $"{repeat} repeat", FlowGraphEdgeKind.Repeat);
                }

                yield return new FlowGraphEdge(id, menu.OnMaxFailures ?? HangupId, MaxFailuresLabel(menu), FlowGraphEdgeKind.MaxFailures);
                yield return new FlowGraphEdge(id, menu.OnMaxTimeouts ?? HangupId, MaxTimeoutsLabel(menu), FlowGraphEdgeKind.MaxTimeouts);
                break;
            case PlayNode play:
                yield return new FlowGraphEdge(id, play.Next ?? HangupId, "", FlowGraphEdgeKind.Next);
                break;
            case HoursNode hours:
                yield return new FlowGraphEdge(id, hours.Open ?? HangupId, "open", FlowGraphEdgeKind.Open);
                yield return new FlowGraphEdge(id, hours.Closed ?? HangupId, hours.Holidays.Count > 0 ? "closed or holiday" : "closed", FlowGraphEdgeKind.Closed);
                break;
            case TransferNode transfer:
                yield return new FlowGraphEdge(id, transfer.OnCompleted ?? HangupId, "completed", FlowGraphEdgeKind.TransferCompleted);
                yield return new FlowGraphEdge(id, transfer.NoAnswerTarget ?? HangupId, "no answer", FlowGraphEdgeKind.TransferFailed);
                yield return new FlowGraphEdge(id, transfer.BusyTarget ?? HangupId, "busy", FlowGraphEdgeKind.TransferFailed);
                yield return new FlowGraphEdge(id, transfer.FailedTarget ?? HangupId, "failed", FlowGraphEdgeKind.TransferFailed);
                break;
            case VoicemailNode voicemail:
                yield return new FlowGraphEdge(id, voicemail.Next ?? HangupId, "recorded", FlowGraphEdgeKind.Recorded);
                yield return new FlowGraphEdge(id, HangupId, "no message", FlowGraphEdgeKind.NoMessage);
                break;
            case LanguageNode language:
                yield return new FlowGraphEdge(id, language.Next ?? HangupId, language.Locale ?? "", FlowGraphEdgeKind.Language);
                break;
            case GotoNode @goto:
                yield return new FlowGraphEdge(id, @goto.Target ?? HangupId, "", FlowGraphEdgeKind.Goto);
                break;
            case HangupNode:
                break;
            case AgentNode agent:
                foreach (var (key, target) in agent.OnHandoff.OrderBy(h => h.Key == AgentNode.DefaultHandoff).ThenBy(h => h.Key, StringComparer.Ordinal))
                {
                    yield return new FlowGraphEdge(id, target, key, FlowGraphEdgeKind.Handoff);
                }

                // Where the engine sends a failed session, and (without a default handoff) one nothing maps.
                var back = flow.WayBackFrom(id) ?? HangupId;
                yield return new FlowGraphEdge(id, agent.OnError ?? back, "error", FlowGraphEdgeKind.AgentReturn);
                if (!agent.OnHandoff.ContainsKey(AgentNode.DefaultHandoff))
                {
                    yield return new FlowGraphEdge(id, back, "no handoff", FlowGraphEdgeKind.AgentReturn);
                }

                break;
            default:
                // A node type added after this builder: its own Links() say where it leads.
                foreach (var (property, target) in node.Links())
                {
                    if (target is not null)
                    {
                        yield return new FlowGraphEdge(id, target, property == "next" ? "" : property, property == "next" ? FlowGraphEdgeKind.Next : FlowGraphEdgeKind.Link);
                    }
                }

                break;
        }
    }

    // Edges with the same ends and kind become one arrow with the labels joined ("no answer / busy / failed").
    private static List<FlowGraphEdge> Merge(IEnumerable<FlowGraphEdge> edges)
    {
        var merged = new List<FlowGraphEdge>();
        foreach (var edge in edges)
        {
            var index = merged.FindIndex(e => e.To == edge.To && e.Kind == edge.Kind && e.Kind is FlowGraphEdgeKind.TransferFailed or FlowGraphEdgeKind.AgentReturn);
            if (index >= 0)
            {
                merged[index] = merged[index] with { Label = $"{merged[index].Label} / {edge.Label}" };
            }
            else
            {
                merged.Add(edge);
            }
        }

        return merged;
    }

    /// <summary>What a node does in a few words: the second line of its diagram box, and how tools name it.</summary>
    public static string Describe(FlowNode? node) => node switch
    {
        MenuNode menu => $"menu, {Count(menu.Options.Count, "option")}",
        PlayNode play => "play " + string.Join(", ", play.Prompts.Where(p => p is not null).Select(PromptText)),
        TransferNode transfer => $"transfer to {transfer.To}",
        HoursNode hours => $"hours, {hours.TimeZone}",
        VoicemailNode voicemail => string.Create(CultureInfo.InvariantCulture, $"voicemail, up to {voicemail.MaxLengthSeconds} s"),
        LanguageNode language => $"language {language.Locale}",
        HangupNode => "hang up",
        GotoNode => "goto",
        TextNode text => "text " + (text.To ?? "the caller"),
        AgentNode agent => agent.Backend == AgentBackends.Url && Uri.TryCreate(agent.Url, UriKind.Absolute, out var url)
            ? $"agent at {url.Host}"
            : $"agent, built-in, {Count(agent.Intents.Count, "intent")}",
        null => "unknown",
        _ => node.Type,
    };

    private static string PromptText(PromptRef prompt) =>
        prompt.Id ?? (prompt.PauseSeconds is { } seconds ? string.Create(CultureInfo.InvariantCulture, $"pause {seconds} s") : "say");

    /// <summary>The label of a menu's give-up after too many invalid keys (<c>3 × invalid</c>): how diagrams, coverage and diffs name that way out.</summary>
    public static string MaxFailuresLabel(MenuNode menu) => Times(menu?.MaxFailures ?? 0, "invalid");

    /// <summary>The label of a menu's give-up after too many timeouts (<c>3 × no input</c>).</summary>
    public static string MaxTimeoutsLabel(MenuNode menu) => Times(menu?.MaxTimeouts ?? 0, "no input");

    private static string Times(int count, string what) => string.Create(CultureInfo.InvariantCulture, $"{count} × {what}");

    private static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");

    private static int KeyRank(string key) => key.Length == 1 && KeypadOrder.Contains(key[0], StringComparison.Ordinal)
        ? KeypadOrder.IndexOf(key[0], StringComparison.Ordinal)
        : KeypadOrder.Length;
}
