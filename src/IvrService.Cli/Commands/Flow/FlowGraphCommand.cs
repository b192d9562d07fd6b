using System.CommandLine;
using System.Globalization;
using IvrService.Cli.Graphs;
using IvrService.Cli.Scenarios;
using IvrService.Flow;

namespace IvrService.Cli.Commands.Flow;

/// <summary>What <c>ivr flow graph</c> was asked.</summary>
/// <param name="FlowPath">The flow file to draw.</param>
/// <param name="Format"><c>mermaid</c> or <c>dot</c>.</param>
/// <param name="OutputPath">Write the diagram here instead of standard output.</param>
/// <param name="MarkdownPath">Replace the Mermaid block between the markers in this Markdown file.</param>
/// <param name="Coverage">Colour the diagram by what the flow's scenarios exercise.</param>
/// <param name="TestsPath">The scenario file for <paramref name="Coverage"/> (default: the flow's, beside it).</param>
internal sealed record FlowGraphOptions(
    string FlowPath, string Format = "mermaid", string? OutputPath = null, string? MarkdownPath = null, bool Coverage = false, string? TestsPath = null);

/// <summary><c>ivr flow graph</c>: the flow as a Mermaid or Graphviz diagram.</summary>
internal static class FlowGraphCommand
{
    public const int ExitOk = 0;

    /// <summary>The flow could not be read, or the Markdown file has no diagram markers.</summary>
    public const int ExitFailed = 1;

    /// <summary>The regeneration one-liner for the README's diagram (the README test prints it).</summary>
    public const string ReadmeCommand = "dotnet run --project src/IvrService.Cli -- flow graph --flow content/flow.json --update-markdown README.md";

    public static Command Create()
    {
        var flow = new Option<string>("--flow")
        {
            Description = "The flow file to draw.",
            DefaultValueFactory = _ => Path.Combine("content", "flow.json"),
        };
        var format = new Option<string>("--format")
        {
            Description = "mermaid (renders in Markdown on GitHub/GitLab) or dot (Graphviz: dot -Tsvg)",
            DefaultValueFactory = _ => "mermaid",
        };
        format.AcceptOnlyFromAmong("mermaid", "dot");
        var output = new Option<string?>("--output", "-o") { Description = "Write the diagram to this file instead of standard output." };
        var markdown = new Option<string?>("--update-markdown")
        {
            Description = $"Replace the ```mermaid block between {MarkdownFlowBlock.BeginMarker} and {MarkdownFlowBlock.EndMarker} in this Markdown file.",
        };
        var coverage = new Option<string?>("--coverage")
        {
            Description = "Colour the diagram by what the scenarios exercise, run in process (default file: <flow name>.tests.yaml beside the flow)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("graph", "Draw the flow: menus with their keys, failure and timeout paths, business-hours branches, transfers.")
        {
            flow, format, output, markdown, coverage,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            new FlowGraphOptions(parse.GetValue(flow)!, parse.GetValue(format) ?? "mermaid", parse.GetValue(output), parse.GetValue(markdown),
                parse.GetResult(coverage) is not null, parse.GetValue(coverage)),
            CliOutput.From(parse), cancellationToken));
        return command;
    }

    /// <summary>Loads the flow, renders it (coloured by the scenarios' coverage when asked), and writes it where asked.</summary>
    public static async Task<int> RunAsync(FlowGraphOptions options, CliOutput console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        var (flowPath, format, outputPath, markdownPath) = (options.FlowPath, options.Format, options.OutputPath, options.MarkdownPath);
        var (output, error) = (console.Out, console.Error);
        var result = FlowLoader.Load(flowPath);
        if (result.Flow is not { } flow)
        {
            error.WriteLine($"{flowPath}: cannot be read as a flow; run 'ivr flow validate --flow {flowPath}' for the problems.");
            return ExitFailed;
        }

        var errors = result.Problems.Count(p => p.Severity == FlowProblemSeverity.Error);
        if (errors > 0)
        {
            // A broken flow is still worth looking at (that is often why one draws it); validate says what is wrong.
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{flowPath}: {errors} validation error(s); drawing it anyway (see 'ivr flow validate')."));
        }

        var graph = FlowGraph.Build(flow);
        GraphCoverage? coverage = null;
        if (options.Coverage)
        {
            var testsPath = options.TestsPath ?? TestCommand.DefaultTestsPath(flowPath);
            coverage = await MeasureAsync(flow, graph, testsPath, error, cancellationToken).ConfigureAwait(false);
            if (coverage is null)
            {
                return ExitFailed;
            }

            error.WriteLine($"{testsPath}: {coverage.Summary}");
        }

        var text = format == "dot" ? DotFlowRenderer.Render(graph, flow.Name, coverage) : MermaidFlowRenderer.Render(graph, coverage).Text;

        try
        {
            if (markdownPath is not null)
            {
                if (format != "mermaid")
                {
                    error.WriteLine("--update-markdown writes a Mermaid block; drop --format dot.");
                    return ExitFailed;
                }

                var updated = MarkdownFlowBlock.Replace(File.ReadAllText(markdownPath), text);
                if (updated is null)
                {
                    error.WriteLine($"{markdownPath}: no {MarkdownFlowBlock.BeginMarker} … {MarkdownFlowBlock.EndMarker} markers to write between.");
                    return ExitFailed;
                }

                File.WriteAllText(markdownPath, updated);
                output.WriteLine($"{markdownPath}: flow diagram updated ({graph.Nodes.Count} nodes, {graph.Edges.Count} edges)");
                return ExitOk;
            }

            if (outputPath is not null)
            {
                File.WriteAllText(outputPath, text);
                return ExitOk;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"cannot write: {e.Message}");
            return ExitFailed;
        }

        output.Write(text);
        return ExitOk;
    }

    // Runs the scenarios in process and reads off what the diagram colours; null (reasons written) for a bad file.
    private static async Task<GraphCoverage?> MeasureAsync(FlowDefinition flow, FlowGraph graph, string testsPath, TextWriter error, CancellationToken cancellationToken)
    {
        var file = ScenarioFile.Load(testsPath, flow);
        if (!file.IsValid)
        {
            foreach (var problem in file.Problems)
            {
                await error.WriteLineAsync(problem.ToString()).ConfigureAwait(false);
            }

            await error.WriteLineAsync($"{testsPath}: {file.Problems.Count} problem(s); no coverage to draw").ConfigureAwait(false);
            return null;
        }

        var runner = new ScenarioRunner(new ScenarioLine.InProcess { Flow = flow });
        var results = new List<ScenarioResult>();
        foreach (var scenario in file.Scenarios)
        {
            results.Add(await runner.RunAsync(scenario, cancellationToken).ConfigureAwait(false));
        }

        var measured = FlowCoverage.Of(flow, results);
        var covered = graph.Edges.Where(measured.IsCovered).ToHashSet();
        var partly = graph.Edges.Where(measured.IsPartlyCovered).ToHashSet();
        var visited = new HashSet<string>(measured.VisitedNodes, StringComparer.Ordinal);
        if (covered.Concat(partly).Any(e => e.To == FlowGraph.HangupId))
        {
            visited.Add(FlowGraph.HangupId);
        }

        var failed = results.Count(r => !r.Passed);
        var summary = string.Create(CultureInfo.InvariantCulture, $"edge coverage: {measured.Percent} % ({measured.CoveredCount} of {measured.Items.Count})")
            + (failed > 0 ? string.Create(CultureInfo.InvariantCulture, $", {failed} of {results.Count} scenarios failing") : "");
        return new GraphCoverage(visited, covered, partly, summary);
    }
}
