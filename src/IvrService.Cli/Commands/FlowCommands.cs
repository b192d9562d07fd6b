using System.CommandLine;
using System.Globalization;
using System.Text;
using IvrService.Flow;

namespace IvrService.Cli.Commands;

/// <summary><c>ivr flow …</c>: tools for flow files.</summary>
internal static class FlowCommands
{
    /// <summary>Exit code when the flow has no errors (warnings allowed).</summary>
    public const int ExitValid = 0;

    /// <summary>Exit code when the flow has errors or cannot be read.</summary>
    public const int ExitInvalid = 1;

    /// <summary>The <c>flow</c> command with its subcommands.</summary>
    public static Command Create()
    {
        var flow = new Option<string>("--flow")
        {
            Description = "The flow file to check.",
            DefaultValueFactory = _ => Path.Combine("content", "flow.json"),
        };
        var validate = new Command("validate", "Check a flow file the way the primary does at start-up: list every problem with its location; exit 1 on errors.")
        {
            flow,
        };
        validate.SetAction(parse => Validate(parse.GetValue(flow)!, parse.InvocationConfiguration.Output));

        return new Command("flow", "Flow file tools.") { validate, FlowGraphCommand.Create() };
    }

    /// <summary>Loads and validates <paramref name="path"/>, writes a report to <paramref name="output"/> and returns the exit code.</summary>
    internal static int Validate(string path, TextWriter output)
    {
        var result = FlowLoader.Load(path);
        var errors = result.Problems.Count(p => p.Severity == FlowProblemSeverity.Error);
        var warnings = result.Problems.Count - errors;

        if (result.Problems.Count == 0 && result.Flow is { } flow)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{path}: OK ({flow.Nodes.Count} nodes, {flow.Locales.Count} locales, {flow.EnumeratePromptAudio().Count()} recorded prompts)"));
            return ExitValid;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{path}: {Plural(errors, "error")}, {Plural(warnings, "warning")}{(result.Flow is null ? " (the file could not be read as a flow)" : "")}"));
        output.WriteLine();
        output.WriteLine(Table(result.Problems));
        return errors > 0 ? ExitInvalid : ExitValid;
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
