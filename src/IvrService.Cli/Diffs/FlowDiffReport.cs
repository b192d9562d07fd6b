using System.Globalization;
using System.Text;
using IvrService.Cli.Commands;

namespace IvrService.Cli.Diffs;

/// <summary>The scenarios part of a diff report: the ones a change concerns, out of how many were run.</summary>
/// <param name="TestsPath">The scenario file.</param>
/// <param name="Total">How many scenarios it has.</param>
/// <param name="Affected">The ones whose calls cross a change.</param>
internal sealed record FlowDiffScenarios(string TestsPath, int Total, IReadOnlyList<AffectedScenario> Affected);

/// <summary>Prints a <see cref="FlowDiff"/> as a plain table for a terminal, or as Markdown for a pull-request comment.</summary>
internal static class FlowDiffReport
{
    // Long prompt words and texts are cut in the terminal table; Markdown keeps them whole.
    private const int CellLimit = 60;

    public static string Text(string oldPath, string newPath, IReadOnlyList<FlowChange> changes, FlowDiffScenarios? scenarios)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var builder = new StringBuilder();
        builder.Append(Invariant($"{oldPath} -> {newPath}: {Count(changes.Count, "change")}")).Append('\n');
        if (changes.Count > 0)
        {
            builder.Append('\n').Append(Columns.Format(["CHANGE", "WHERE", "BEFORE", "AFTER"],
                changes.Select(c => new[] { c.Label, c.Where, Cut(c.Before ?? "-"), Cut(c.After ?? "-") }))).Append('\n');
        }

        if (scenarios is not null)
        {
            builder.Append('\n').Append(Invariant(
                $"{scenarios.TestsPath}: {scenarios.Affected.Count} of {Count(scenarios.Total, "scenario")} cross a change (run in process on both flows)")).Append('\n');
            if (scenarios.Affected.Count > 0)
            {
                builder.Append('\n').Append(Columns.Format(["SCENARIO", "CROSSES", "ON THE NEW FLOW"],
                    scenarios.Affected.Select(a => new[] { a.Scenario.Name, Crosses(a), OnNew(a) }))).Append('\n');
            }
        }

        return builder.ToString();
    }

    public static string Markdown(string oldPath, string newPath, IReadOnlyList<FlowChange> changes, FlowDiffScenarios? scenarios)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var builder = new StringBuilder();
        builder.Append(Invariant($"### Flow changes: `{oldPath}` → `{newPath}`\n\n"));
        if (changes.Count == 0)
        {
            builder.Append("No change a caller would notice.\n");
        }
        else
        {
            builder.Append(Invariant($"{Count(changes.Count, "change")}:\n\n| change | where | before | after |\n|---|---|---|---|\n"));
            foreach (var change in changes)
            {
                builder.Append(Invariant($"| {change.Label} | {Cell(change.Where)} | {Value(change.Before)} | {Value(change.After)} |\n"));
            }
        }

        if (scenarios is not null)
        {
            builder.Append(Invariant($"\n#### Scenarios that cross a change\n\n{scenarios.Affected.Count} of {Count(scenarios.Total, "scenario")} in `{scenarios.TestsPath}`"))
                .Append(scenarios.Affected.Count == 0 ? ".\n" : ", run in process on both flows:\n\n| scenario | crosses | on the new flow |\n|---|---|---|\n");
            foreach (var affected in scenarios.Affected)
            {
                var result = affected.OnNew.Divergence is { } d ? $"**fails**: {Cell(TestCommand.Describe(d))}" : "passes";
                builder.Append(Invariant($"| {Cell(affected.Scenario.Name)} | {Cell(Crosses(affected))} | {result} |\n"));
            }
        }

        return builder.ToString();
    }

    private static string Crosses(AffectedScenario affected) =>
        string.Join(", ", affected.Nodes.Concat(affected.FlowWide ? ["(every call)"] : []));

    private static string OnNew(AffectedScenario affected) =>
        affected.OnNew.Divergence is { } d ? "FAIL " + TestCommand.Describe(d) : "pass";

    private static string Cut(string value)
    {
        var line = value.ReplaceLineEndings(" ");
        return line.Length <= CellLimit ? line : line[..(CellLimit - 1)] + "…";
    }

    private static string Value(string? value) => value is null ? "–" : Cell(value);

    // A Markdown table cell: one line, pipes escaped.
    private static string Cell(string value) => value.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);

    private static string Count(int count, string noun) => Invariant($"{count} {noun}{(count == 1 ? "" : "s")}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
