using IvrService.Cli.Scenarios;
using IvrService.Flow;

namespace IvrService.Cli.Diffs;

/// <summary>A scenario whose call crosses a changed node, with how it goes on the new flow.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Nodes">The changed nodes its call crosses on the old flow or the new one, in the order of the changes.</param>
/// <param name="FlowWide">True when a change every call meets (start, default locale, goodbye prompt) concerns it.</param>
/// <param name="OnNew">The scenario run in process on the new flow.</param>
internal sealed record AffectedScenario(Scenario Scenario, IReadOnlyList<string> Nodes, bool FlowWide, ScenarioResult OnNew);

/// <summary>
/// Which scenarios a flow change concerns: each one runs in process on the old flow and on the new one (a change can
/// move a call onto a node or off it), and what its calls took (<see cref="FlowCoverage"/> of the engine's turns, the
/// fallback's included) is matched against each change: the way out of a node it changes (a key, a transfer outcome,
/// a give-up), else the node itself.
/// </summary>
internal static class AffectedScenarios
{
    public static async Task<IReadOnlyList<AffectedScenario>> FindAsync(
        IReadOnlyList<FlowChange> changes, IReadOnlyList<Scenario> scenarios, FlowDefinition before, FlowDefinition after, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(scenarios);
        var flowWide = changes.Any(c => c.FlowWide);
        var onOld = new ScenarioRunner(new ScenarioLine.InProcess { Flow = before });
        var onNew = new ScenarioRunner(new ScenarioLine.InProcess { Flow = after });
        var affected = new List<AffectedScenario>();
        foreach (var scenario in scenarios)
        {
            var old = await onOld.RunAsync(scenario, cancellationToken).ConfigureAwait(false);
            var @new = await onNew.RunAsync(scenario, cancellationToken).ConfigureAwait(false);
            var (wasTaken, isTaken) = (TakenBy(before, old), TakenBy(after, @new));
            // The nodes named are the ones the call walked, of the changes it met.
            var crossed = changes.Where(c => Meets(c, wasTaken) || Meets(c, isTaken))
                .SelectMany(c => c.Nodes.Where(n => n == FlowGraph.HangupId || wasTaken.Coverage.IsVisited(n) || isTaken.Coverage.IsVisited(n)))
                .Distinct(StringComparer.Ordinal).ToList();
            if (crossed.Count > 0 || flowWide)
            {
                affected.Add(new AffectedScenario(scenario, crossed, flowWide, @new));
            }
        }

        return affected;
    }

    private static Taken TakenBy(FlowDefinition flow, ScenarioResult result)
    {
        var inLocale = new HashSet<(string, string)>();
        foreach (var turn in result.Turns ?? [])
        {
            // A language node switches mid-turn: the nodes of that turn count in the locale it began and ended in.
            foreach (var node in turn.Turn.Path)
            {
                inLocale.Add((node, turn.Turn.Locale));
                if (turn.Answered is { } answered)
                {
                    inLocale.Add((node, answered.Locale));
                }
            }
        }

        return new Taken(FlowCoverage.Of(flow, [result]), inLocale);
    }

    // A change to one way out of a node concerns calls that took that way; a change in one locale, calls that walked
    // the node in it; any other, calls that walked the node. The implicit end (the goodbye prompt) is met by a give-up
    // or a failed transfer that leads to it.
    private static bool Meets(FlowChange change, Taken taken)
    {
        if (change.Ways is { Count: > 0 } ways)
        {
            return taken.Coverage.Covered.Any(item => change.Nodes.Contains(item.From) && ways.Contains(item.Label));
        }

        return change.Nodes.Any(node => node == FlowGraph.HangupId
            ? taken.Coverage.Covered.Any(item => item.To == FlowGraph.HangupId && item.Edge?.Kind is FlowGraphEdgeKind.MaxFailures or FlowGraphEdgeKind.MaxTimeouts or FlowGraphEdgeKind.TransferFailed)
            : change.Locale is { } locale ? taken.InLocale.Contains((node, locale)) : taken.Coverage.IsVisited(node));
    }

    private sealed record Taken(FlowCoverage Coverage, HashSet<(string Node, string Locale)> InLocale);
}
