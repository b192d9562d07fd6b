using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Xml.Linq;
using IvrService.Cli.Scenarios;
using IvrService.Flow;

namespace IvrService.Cli.Commands;

/// <summary>What <c>ivr test</c> was asked.</summary>
/// <param name="FlowPath">The flow under test.</param>
/// <param name="TestsPath">The scenario file (default: <c>&lt;flow name&gt;.tests.yaml</c> beside the flow).</param>
/// <param name="JUnitPath">Where to write JUnit XML, or null.</param>
/// <param name="Url">A running primary's voice URL, or null to run in process.</param>
/// <param name="FallbackUrl">The running fallback's voice URL, or null.</param>
/// <param name="Token">The signing token for <paramref name="Url"/> (else <c>$TWILIO_AUTH_TOKEN</c>).</param>
/// <param name="MinCoverage">Fail below this edge coverage (percent), or null.</param>
internal sealed record TestOptions(
    string FlowPath, string? TestsPath = null, string? JUnitPath = null, string? Url = null, string? FallbackUrl = null, string? Token = null, int? MinCoverage = null);

/// <summary>
/// <c>ivr test</c>: runs a flow's scenario file, in process (the engine and renderer behind the call simulator) or
/// against running apps, prints a table with each failing scenario's first divergence and the edge coverage, and
/// writes JUnit XML. Exit 0: all passed (and coverage met); 1: a scenario failed or coverage is short; 2: bad input.
/// </summary>
internal static class TestCommand
{
    public const int ExitPassed = 0;
    public const int ExitFailed = 1;
    public const int ExitBadInput = 2;

    public static Command Create(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var flow = new Option<string>("--flow") { Description = "The flow under test", DefaultValueFactory = _ => Path.Combine("content", "flow.json") };
        var tests = new Option<string?>("--tests") { Description = "The scenario file (default: <flow name>.tests.yaml beside the flow)" };
        var junit = new Option<string?>("--junit") { Description = "Write the results as JUnit XML to this file" };
        var url = new Option<string?>("--url") { Description = "Run against a running primary: its voice URL (default: in process)" };
        var fallbackUrl = new Option<string?>("--fallback-url") { Description = "With --url: the running fallback's voice URL" };
        var token = new Option<string?>("--token") { Description = $"With --url: the auth token that signs requests (default: ${CallCommands.TokenEnvironmentVariable})" };
        var minCoverage = new Option<int?>("--min-coverage") { Description = "Fail when edge coverage is below N percent (measured in process)" };
        var command = new Command("test", "Run the flow's scenarios (what calls must do) in process or against running apps; exit 0 pass, 1 a scenario failed, 2 bad input.")
        {
            flow, tests, junit, url, fallbackUrl, token, minCoverage,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new TestOptions(parse.GetValue(flow)!, parse.GetValue(tests), parse.GetValue(junit), parse.GetValue(url), parse.GetValue(fallbackUrl),
                parse.GetValue(token) ?? environment(CallCommands.TokenEnvironmentVariable), parse.GetValue(minCoverage)),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    /// <summary>The scenario file a flow's tests live in by default: <c>flow.json</c> → <c>flow.tests.yaml</c>.</summary>
    public static string DefaultTestsPath(string flowPath) =>
        Path.Combine(Path.GetDirectoryName(flowPath) ?? "", Path.GetFileNameWithoutExtension(flowPath) + ".tests.yaml");

    public static async Task<int> RunAsync(TestOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var loaded = FlowLoader.Load(options.FlowPath);
        if (loaded.Flow is null || loaded.Problems.Any(p => p.Severity == FlowProblemSeverity.Error))
        {
            await error.WriteLineAsync($"{options.FlowPath}: the flow has errors; run 'ivr flow validate --flow {options.FlowPath}'").ConfigureAwait(false);
            foreach (var problem in loaded.Problems.Where(p => p.Severity == FlowProblemSeverity.Error).Take(10))
            {
                await error.WriteLineAsync("  " + problem).ConfigureAwait(false);
            }

            return ExitBadInput;
        }

        var testsPath = options.TestsPath ?? DefaultTestsPath(options.FlowPath);
        var file = ScenarioFile.Load(testsPath, loaded.Flow);
        if (!file.IsValid)
        {
            foreach (var problem in file.Problems)
            {
                await error.WriteLineAsync(problem.ToString()).ConfigureAwait(false);
            }

            await error.WriteLineAsync($"{testsPath}: {file.Problems.Count} problem(s); nothing was run").ConfigureAwait(false);
            return ExitBadInput;
        }

        ScenarioLine line;
        if (options.Url is { } urlText)
        {
            if (options.MinCoverage is not null)
            {
                await error.WriteLineAsync("--min-coverage: coverage is measured in process (the engine's turns); run without --url").ConfigureAwait(false);
                return ExitBadInput;
            }

            if (!CliText.TryUrl(urlText, "--url", error, out var voice))
            {
                return ExitBadInput;
            }

            Uri? fallback = null;
            if (options.FallbackUrl is { } fallbackText && !CliText.TryUrl(fallbackText, "--fallback-url", error, out fallback))
            {
                return ExitBadInput;
            }

            line = new ScenarioLine.Remote { Flow = loaded.Flow, VoiceUrl = voice!, FallbackUrl = fallback, Token = options.Token };
        }
        else
        {
            line = new ScenarioLine.InProcess { Flow = loaded.Flow };
        }

        var watch = Stopwatch.StartNew();
        var runner = new ScenarioRunner(line);
        var results = new List<ScenarioResult>();
        foreach (var scenario in file.Scenarios)
        {
            results.Add(await runner.RunAsync(scenario, cancellationToken).ConfigureAwait(false));
        }

        watch.Stop();
        var coverage = line.ObservesTurns ? FlowCoverage.Of(loaded.Flow, results) : null;

        var where = options.Url is null ? "in process" : $"against {options.Url}";
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{testsPath}: {results.Count} scenarios, flow {options.FlowPath}, {where}")).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(Table(results)).ConfigureAwait(false);
        await output.WriteLineAsync().ConfigureAwait(false);
        var failed = results.Count(r => !r.Passed);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{results.Count - failed} passed, {failed} failed in {watch.Elapsed.TotalSeconds:0.00} s")).ConfigureAwait(false);
        foreach (var note in results.SelectMany(r => r.NotChecked.Select(n => $"not checked: {r.Scenario.Name}: {n}")
                     .Concat(r.Notes.Select(n => $"note: {r.Scenario.Name}: {n}"))))
        {
            await output.WriteLineAsync(note).ConfigureAwait(false);
        }

        var coverageShort = false;
        if (coverage is not null)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"edge coverage: {coverage.Percent} % ({coverage.CoveredCount} of {coverage.Items.Count})")).ConfigureAwait(false);
            foreach (var missing in coverage.Missing)
            {
                await output.WriteLineAsync("  missing: " + missing).ConfigureAwait(false);
            }

            if (options.MinCoverage is { } min && coverage.Percent < min)
            {
                coverageShort = true;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"edge coverage {coverage.Percent} % is below --min-coverage {min} %")).ConfigureAwait(false);
            }
        }
        else
        {
            await output.WriteLineAsync("edge coverage: not measured against a running app (run in process)").ConfigureAwait(false);
        }

        if (options.JUnitPath is { } junit)
        {
            JUnit(testsPath, options.FlowPath, results, watch.Elapsed).Save(junit);
        }

        return failed > 0 || coverageShort ? ExitFailed : ExitPassed;
    }

    private static string Table(List<ScenarioResult> results) =>
        Columns.Format(["RESULT", "SCENARIO", "FIRST DIVERGENCE"], results.Select(r => new[]
        {
            r.Passed ? "pass" : "FAIL",
            r.Scenario.Name,
            r.Divergence is { } d ? Describe(d) : "",
        }));

    /// <summary>A divergence as the table prints it.</summary>
    public static string Describe(Divergence divergence)
    {
        ArgumentNullException.ThrowIfNull(divergence);
        return $"line {divergence.Line}, {divergence.Step}: expected {divergence.Expected}; got {divergence.Actual}";
    }

    private static XDocument JUnit(string testsPath, string flowPath, List<ScenarioResult> results, TimeSpan elapsed)
    {
        static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
        var suite = new XElement("testsuite",
            new XAttribute("name", testsPath),
            new XAttribute("tests", results.Count),
            new XAttribute("failures", results.Count(r => !r.Passed)),
            new XAttribute("errors", 0),
            new XAttribute("time", Seconds(elapsed)));
        foreach (var result in results)
        {
            var testcase = new XElement("testcase",
                new XAttribute("name", result.Scenario.Name),
                new XAttribute("classname", Path.GetFileNameWithoutExtension(flowPath)),
                new XAttribute("file", testsPath),
                new XAttribute("line", result.Scenario.Line),
                new XAttribute("time", Seconds(result.Elapsed)));
            if (result.Divergence is { } d)
            {
                testcase.Add(new XElement("failure",
                    new XAttribute("message", $"line {d.Line}, {d.Step}: expected {d.Expected}; got {d.Actual}"),
                    new XAttribute("type", "divergence"),
                    string.Join('\n', result.Transcript.Events.Select(Simulator.TranscriptRenderer.Line))));
            }

            suite.Add(testcase);
        }

        return new XDocument(new XElement("testsuites", suite));
    }
}
