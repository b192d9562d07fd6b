using IvrService.Cli.Commands;
using IvrService.Cli.Commands.Flow;
using IvrService.Cli.Graphs;
using IvrService.Flow;
using IvrService.Testing;

namespace IvrService.Cli.Tests.Commands;

public sealed class FlowGraphCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ivr-graph-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => CommandRun.InvokeAsync(FlowCommands.Create(), args);

    private static string Expected() => MermaidFlowRenderer.Render(FlowGraph.Build(FlowLoader.Load(RepoPaths.SampleFlow).Flow!)).Text;

    [Fact]
    public async Task Graph_DefaultFormat_PrintsTheMermaidDiagram()
    {
        var (exit, output, _) = await RunAsync("flow", "graph", "--flow", RepoPaths.SampleFlow);

        Assert.Equal(FlowGraphCommand.ExitOk, exit);
        Assert.Equal(Expected(), output);
    }

    [Fact]
    public async Task Graph_DotToFile_WritesDigraph()
    {
        var path = Path.Combine(_dir, "flow.dot");

        var (exit, output, _) = await RunAsync("flow", "graph", "--flow", RepoPaths.SampleFlow, "--format", "dot", "--output", path);

        Assert.Equal(FlowGraphCommand.ExitOk, exit);
        Assert.Equal("", output);
        Assert.StartsWith("digraph flow {", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_UnreadableFlow_ExitsOneNamingValidate()
    {
        var (exit, _, error) = await RunAsync("flow", "graph", "--flow", Path.Combine(_dir, "missing.json"));

        Assert.Equal(FlowGraphCommand.ExitFailed, exit);
        Assert.Contains("ivr flow validate", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_UnknownFormat_IsRejected()
    {
        var (exit, _, error) = await RunAsync("flow", "graph", "--flow", RepoPaths.SampleFlow, "--format", "png");

        Assert.NotEqual(FlowGraphCommand.ExitOk, exit);
        Assert.Contains("png", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_UpdateMarkdown_ReplacesOnlyTheMarkedBlock()
    {
        var path = Path.Combine(_dir, "doc.md");
        await File.WriteAllTextAsync(path, $"# Title\n\nbefore\n{MarkdownFlowBlock.BeginMarker}\nold\n{MarkdownFlowBlock.EndMarker}\nafter\n");

        var (exit, _, _) = await RunAsync("flow", "graph", "--flow", RepoPaths.SampleFlow, "--update-markdown", path);

        Assert.Equal(FlowGraphCommand.ExitOk, exit);
        var updated = await File.ReadAllTextAsync(path);
        Assert.StartsWith("# Title\n\nbefore\n" + MarkdownFlowBlock.BeginMarker + "\n```mermaid\nflowchart TD\n", updated, StringComparison.Ordinal);
        Assert.EndsWith("```\n" + MarkdownFlowBlock.EndMarker + "\nafter\n", updated, StringComparison.Ordinal);
        Assert.Equal(MarkdownFlowBlock.Block(Expected()), MarkdownFlowBlock.Extract(updated));
    }

    [Fact]
    public async Task Graph_UpdateMarkdownWithoutMarkers_FailsAndLeavesTheFile()
    {
        var path = Path.Combine(_dir, "doc.md");
        await File.WriteAllTextAsync(path, "no markers\n");

        var (exit, _, error) = await RunAsync("flow", "graph", "--flow", RepoPaths.SampleFlow, "--update-markdown", path);

        Assert.Equal(FlowGraphCommand.ExitFailed, exit);
        Assert.Contains(MarkdownFlowBlock.BeginMarker, error, StringComparison.Ordinal);
        Assert.Equal("no markers\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public void Readme_FlowDiagram_IsTheGeneratorsOutputForTheSampleFlow()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

        var block = MarkdownFlowBlock.Extract(readme);

        Assert.True(block is not null, $"README.md has no {MarkdownFlowBlock.BeginMarker} … {MarkdownFlowBlock.EndMarker} block.");
        Assert.True(block == MarkdownFlowBlock.Block(Expected()),
            $"README.md's flow diagram is not what content/flow.json gives now. Regenerate it:\n  {FlowGraphCommand.ReadmeCommand}");
    }
}
