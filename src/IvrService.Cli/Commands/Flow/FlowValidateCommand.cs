using System.CommandLine;
using System.Globalization;
using System.Text;
using IvrService.Flow;
using IvrService.Voice.Messaging;

namespace IvrService.Cli.Commands.Flow;

/// <summary>What <c>ivr flow validate</c> was asked.</summary>
/// <param name="FlowPath">The flow file to check.</param>
/// <param name="MaxSegments">Segment budget for every text (default: the flow's <c>sms.maxSegments</c>, else 3).</param>
internal sealed record FlowValidateOptions(string FlowPath, int? MaxSegments = null);

/// <summary>
/// <c>ivr flow validate</c>: check a flow file the way the primary does at start-up, every problem with its location
/// and every text it sends with its encoding and segments.
/// </summary>
internal static class FlowValidateCommand
{
    public static Command Create()
    {
        var flow = new Option<string>("--flow")
        {
            Description = "The flow file to check.",
            DefaultValueFactory = _ => Path.Combine("content", "flow.json"),
        };
        var maxSegments = new Option<int?>("--max-segments")
        {
            Description = "Segment budget for every text the flow sends (default: the flow's sms.maxSegments, else 3).",
        };
        maxSegments.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } value && (value < 1 || value > 24))
            {
                result.AddError("--max-segments must be between 1 and 24.");
            }
        });
        var validate = new Command("validate", "Check a flow file the way the primary does at start-up: list every problem with its location and every text it sends with its encoding and segments; exit 1 on errors.")
        {
            flow,
            maxSegments,
        };
        validate.SetAction(parse => Run(new FlowValidateOptions(parse.GetValue(flow)!, parse.GetValue(maxSegments)), parse.InvocationConfiguration.Output));
        return validate;
    }

    /// <summary>Loads and validates the flow, writes a report to <paramref name="output"/> and returns the exit code.</summary>
    public static int Run(FlowValidateOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var (path, maxSegments) = (options.FlowPath, options.MaxSegments);
        var result = FlowLoader.Load(path);
        // The primary runs the same text audit at start-up, so an over-budget text fails here exactly as it would there.
        var audit = result.Flow is { } parsed ? FlowTextAudit.Audit(parsed, maxSegments) : null;
        IReadOnlyList<FlowProblem> problems = [.. result.Problems, .. audit?.Problems ?? []];
        var errors = problems.Count(p => p.Severity == FlowProblemSeverity.Error);
        var warnings = problems.Count - errors;

        if (problems.Count == 0 && result.Flow is { } flow)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{path}: OK ({flow.Nodes.Count} nodes, {flow.Locales.Count} locales, {flow.EnumeratePromptAudio().Count()} recorded prompts, {audit!.Texts.Count} texts)"));
        }
        else
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{path}: {Plural(errors, "error")}, {Plural(warnings, "warning")}{(result.Flow is null ? " (the file could not be read as a flow)" : "")}"));
            output.WriteLine();
            output.WriteLine(Table(problems));
        }

        if (audit is { Texts.Count: > 0 })
        {
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Texts the flow sends (budget {Plural(audit.MaxSegments, "segment")} each):"));
            output.WriteLine(TextTable.Format(audit.Texts));
        }

        return errors > 0 ? FlowCommands.ExitInvalid : FlowCommands.ExitValid;
    }

    // Errors first, then file order within each severity (the validator reports in file order).
    private static string Table(IReadOnlyList<FlowProblem> problems)
    {
        var rows = problems
            .Select((p, i) => (Problem: p, Index: i))
            .OrderByDescending(r => r.Problem.Severity)
            .ThenBy(r => r.Index)
            .Select(r => (Severity: r.Problem.Severity == FlowProblemSeverity.Error ? "error" : "warning",
                          r.Problem.Location,
                          Message: $"{r.Problem.Message} [{r.Problem.Code}]"))
            .ToList();
        string[] headers = ["SEVERITY", "LOCATION", "PROBLEM"];
        var severityWidth = Math.Max(headers[0].Length, rows.Max(r => r.Severity.Length));
        var locationWidth = Math.Max(headers[1].Length, rows.Max(r => r.Location.Length));

        var builder = new StringBuilder();
        void Row(string severity, string location, string message) =>
            builder.Append(severity.PadRight(severityWidth)).Append("  ").Append(location.PadRight(locationWidth)).Append("  ").AppendLine(message);

        Row(headers[0], headers[1], headers[2]);
        Row(new string('-', severityWidth), new string('-', locationWidth), new string('-', headers[2].Length));
        foreach (var row in rows)
        {
            Row(row.Severity, row.Location, row.Message);
        }

        return builder.ToString().TrimEnd();
    }

    private static string Plural(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");
}
