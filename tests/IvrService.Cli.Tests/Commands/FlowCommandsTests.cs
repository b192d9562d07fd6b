using System.CommandLine;
using IvrService.Cli.Commands;
using IvrService.Testing;

namespace IvrService.Cli.Tests.Commands;

public sealed class FlowCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ivr-flow-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var root = new RootCommand { FlowCommands.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString() + error);
    }

    private string Write(string json)
    {
        var path = Path.Combine(_dir, "flow.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public async Task Validate_SampleFlow_ExitsZeroAndSaysOk()
    {
        var (exit, output) = await RunAsync("flow", "validate", "--flow", RepoPaths.SampleFlow);

        Assert.Equal(FlowCommands.ExitValid, exit);
        Assert.Contains("OK (13 nodes, 2 locales, 26 recorded prompts)", output);
    }

    [Fact]
    public async Task Validate_BrokenFlow_ExitsOneAndListsEveryProblemWithLocation()
    {
        var sample = await File.ReadAllTextAsync(RepoPaths.SampleFlow);
        var broken = sample
            .Replace("\"to\": \"+15005550006\"", "\"to\": \"555-0006\"", StringComparison.Ordinal)
            .Replace("\"timeZone\": \"America/New_York\"", "\"timeZone\": \"Mars/Base\"", StringComparison.Ordinal)
            .Replace("\"next\": \"sales\"", "\"next\": \"sale\"", StringComparison.Ordinal);

        var (exit, output) = await RunAsync("flow", "validate", "--flow", Write(broken));

        Assert.Equal(FlowCommands.ExitInvalid, exit);
        Assert.Contains("3 errors, 1 warning", output);
        Assert.Matches(@"(?m)^SEVERITY\s+LOCATION\s+PROBLEM$", output);
        Assert.Matches(@"(?m)^error\s+\$\.nodes\.sales\.to\s+'555-0006' is not an E\.164 number", output);
        Assert.Matches(@"(?m)^error\s+\$\.nodes\['support-hours'\]\.timeZone\s+Unknown time zone 'Mars/Base'", output);
        Assert.Matches(@"(?m)^error\s+\$\.nodes\.main\.options\['1'\]\.next\s+Node 'sale' does not exist", output);
        Assert.Matches(@"(?m)^warning\s+\$\.nodes\.sales\s+Node 'sales' cannot be reached", output);
    }

    [Fact]
    public async Task Validate_WarningsOnly_ExitsZeroWithTable()
    {
        var sample = await File.ReadAllTextAsync(RepoPaths.SampleFlow);
        var withOrphan = sample.Replace("\"nodes\": {", "\"nodes\": {\n    \"orphan\": { \"type\": \"hangup\" },", StringComparison.Ordinal);

        var (exit, output) = await RunAsync("flow", "validate", "--flow", Write(withOrphan));

        Assert.Equal(FlowCommands.ExitValid, exit);
        Assert.Contains("0 errors, 1 warning", output);
        Assert.Matches(@"(?m)^warning\s+\$\.nodes\.orphan\s+", output);
    }

    [Fact]
    public async Task Validate_SyntaxError_ExitsOneWithLine()
    {
        var (exit, output) = await RunAsync("flow", "validate", "--flow", Write("{\n  \"start\": \"a\",\n  oops\n}"));

        Assert.Equal(FlowCommands.ExitInvalid, exit);
        Assert.Contains("line 3", output);
    }

    [Fact]
    public async Task Validate_MissingFile_ExitsOne()
    {
        var (exit, output) = await RunAsync("flow", "validate", "--flow", Path.Combine(_dir, "absent.json"));

        Assert.Equal(FlowCommands.ExitInvalid, exit);
        Assert.Contains("file-not-found", output);
    }
}
