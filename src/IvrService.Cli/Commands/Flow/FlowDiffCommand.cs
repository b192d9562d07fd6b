using System.CommandLine;
using IvrService.Cli.Diffs;
using IvrService.Cli.Scenarios;
using IvrService.Flow;

namespace IvrService.Cli.Commands.Flow;

/// <summary>What <c>ivr flow diff</c> was asked.</summary>
/// <param name="OldPath">The flow before the change.</param>
/// <param name="NewPath">The flow after it.</param>
/// <param name="Markdown">Print Markdown (a pull-request comment) instead of a table.</param>
/// <param name="Tests">Name the scenarios that cross a change: true for the new flow's default scenario file.</param>
/// <param name="TestsPath">The scenario file, when named.</param>
/// <param name="ExitCode">Exit 1 when there are changes (as <c>git diff --exit-code</c>).</param>
internal sealed record FlowDiffOptions(string OldPath, string NewPath, bool Markdown = false, bool Tests = false, string? TestsPath = null, bool ExitCode = false);

/// <summary>
/// <c>ivr flow diff OLD NEW</c>: what changed for callers between two versions of a flow (<see cref="FlowDiff"/>), as
/// a table or Markdown, and with <c>--tests</c> which scenarios cross a change and how they go on the new flow.
/// Exit 0 (or 1 with <c>--exit-code</c> when something changed); 2 when a flow or the scenario file cannot be used.
/// </summary>
internal static class FlowDiffCommand
{
    public const int ExitOk = 0;
    public const int ExitChanged = 1;
    public const int ExitBadInput = 2;

    public static Command Create()
    {
        var old = new Argument<string>("old") { Description = "The flow before the change (e.g. <(git show main:content/flow.json))" };
        var @new = new Argument<string>("new") { Description = "The flow after the change" };
        var markdown = new Option<bool>("--markdown") { Description = "Print Markdown for a pull-request comment instead of a table" };
        var tests = new Option<string?>("--tests")
        {
            Description = "Name the scenarios whose calls cross a change (default file: <new flow name>.tests.yaml beside it)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var exitCode = new Option<bool>("--exit-code") { Description = "Exit 1 when the flows differ" };
        var command = new Command("diff", "What changed for callers between two flows: nodes, menu keys, retargeted paths, prompts per locale, hours and holidays, texts and their SMS segments.")
        {
            old, @new, markdown, tests, exitCode,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new FlowDiffOptions(parse.GetValue(old)!, parse.GetValue(@new)!, parse.GetValue(markdown), parse.GetResult(tests) is not null, parse.GetValue(tests), parse.GetValue(exitCode)),
            CliOutput.From(parse), cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(FlowDiffOptions options, CliOutput console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        var (output, error) = (console.Out, console.Error);
        var before = Load(options.OldPath, error);
        var after = Load(options.NewPath, error);
        if (before is null || after is null)
        {
            return ExitBadInput;
        }

        var changes = FlowDiff.Compare(before, after);
        FlowDiffScenarios? scenarios = null;
        if (options.Tests)
        {
            var testsPath = options.TestsPath ?? TestCommand.DefaultTestsPath(options.NewPath);
            var file = ScenarioFile.Load(testsPath, after);
            if (!file.IsValid && ScenarioFile.Load(testsPath, before) is { IsValid: true } forOld)
            {
                // The scenarios name something the new flow no longer has (a removed holiday, node or prompt): that is
                // what the diff is about, so they run as written for the old flow and the problems are listed.
                foreach (var problem in file.Problems)
                {
                    await error.WriteLineAsync($"{problem} (in {options.NewPath}; the scenario file still fits {options.OldPath})").ConfigureAwait(false);
                }

                file = forOld;
            }

            if (!file.IsValid)
            {
                foreach (var problem in file.Problems)
                {
                    await error.WriteLineAsync(problem.ToString()).ConfigureAwait(false);
                }

                await error.WriteLineAsync($"{testsPath}: {file.Problems.Count} problem(s) against {options.NewPath}; no scenario was run").ConfigureAwait(false);
                return ExitBadInput;
            }

            var affected = await AffectedScenarios.FindAsync(changes, file.Scenarios, before, after, cancellationToken).ConfigureAwait(false);
            scenarios = new FlowDiffScenarios(testsPath, file.Scenarios.Count, affected);
        }

        await output.WriteAsync(options.Markdown
            ? FlowDiffReport.Markdown(options.OldPath, options.NewPath, changes, scenarios)
            : FlowDiffReport.Text(options.OldPath, options.NewPath, changes, scenarios)).ConfigureAwait(false);
        return options.ExitCode && changes.Count > 0 ? ExitChanged : ExitOk;
    }

    // A flow with validation errors is still compared (a diff is often how one finds them), one that cannot be read is not.
    private static FlowDefinition? Load(string path, TextWriter error)
    {
        var result = FlowLoader.Load(path);
        if (result.Flow is null)
        {
            error.WriteLine($"{path}: cannot be read as a flow; run 'ivr flow validate --flow {path}' for the problems.");
            foreach (var problem in result.Problems.Take(5))
            {
                error.WriteLine("  " + problem);
            }

            return null;
        }

        if (result.Problems.HasErrors())
        {
            error.WriteLine($"{path}: has validation errors; comparing it anyway (see 'ivr flow validate --flow {path}').");
        }

        return result.Flow;
    }
}
