using IvrService.Cli.Commands;
using IvrService.Testing;

namespace IvrService.Cli.Tests.Commands;

public sealed class FlowCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ivr-flow-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var (exit, output, error) = await CommandRun.InvokeAsync(FlowCommands.Create(), args);
        return (exit, output + error);
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
        Assert.Contains("OK (15 nodes, 2 locales, 30 recorded prompts, 8 texts)", output);
        Assert.Matches(@"(?m)^PATH\s+LOCALE\s+ENCODING\s+CHARS\s+SEGMENTS\s+NOTE$", output);
        Assert.Matches(@"(?m)^\$\.sms\.keywords\[0\]\.reply\['en-US'\]\s+en-US\s+GSM-7\s+90\s+1$", output);
        Assert.Matches(@"(?m)^\$\.nodes\['text-link'\]\.body\['es-US'\]\s+es-US\s+UCS-2\s+105\s+2\s+UCS-2: 'í' \(U\+00ED\) at 33$", output);
    }

    [Fact]
    public async Task Validate_CurlyApostropheInReply_WarnsWithCharacterAndPosition()
    {
        var sample = await File.ReadAllTextAsync(RepoPaths.SampleFlow);
        var curly = sample.Replace("\"en-US\": \"Thanks for your message!", "\"en-US\": \"We’re glad you wrote!", StringComparison.Ordinal);
        Assert.NotEqual(sample, curly);

        var (exit, output) = await RunAsync("flow", "validate", "--flow", Write(curly));

        Assert.Equal(FlowCommands.ExitValid, exit);
        Assert.Contains("0 errors, 1 warning", output);
        Assert.Matches(
            @"(?m)^warning\s+\$\.sms\.defaultReply\['en-US'\]\s+'’' \(U\+2019\) at 2 \(use '''\) made this text UCS-2 .*with plain characters it would be GSM-7, 1 segment instead of 2\. \[sms-accidental-ucs2\]$",
            output);
        Assert.Matches(@"(?m)^\$\.sms\.defaultReply\['en-US'\]\s+en-US\s+UCS-2\s+\d+\s+2\s+UCS-2: '’' \(U\+2019\) at 2 \(use '''\)$", output);
    }

    [Theory]
    [InlineData("1", FlowCommands.ExitInvalid)]
    [InlineData("2", FlowCommands.ExitValid)]
    public async Task Validate_MaxSegmentsOption_OverridesTheFlowBudget(string budget, int expectedExit)
    {
        var (exit, output) = await RunAsync("flow", "validate", "--flow", RepoPaths.SampleFlow, "--max-segments", budget);

        Assert.Equal(expectedExit, exit);
        Assert.Contains($"budget {budget} segment", output, StringComparison.Ordinal);
        if (expectedExit == FlowCommands.ExitInvalid)
        {
            Assert.Contains("3 errors, 0 warnings", output);
            Assert.Matches(@"(?m)^error\s+\$\.nodes\['text-link'\]\.body\['es-US'\]\s+2 segments \(UCS-2, 105 units\) is over the budget of 1.* \[sms-over-budget\]$", output);
            Assert.Matches(@"(?m)^\$\.sms\.keywords\[0\]\.reply\['es-US'\]\s+es-US\s+UCS-2\s+118\s+2\s+UCS-2: .*; over budget \(1\)$", output);
        }
    }

    [Fact]
    public async Task Validate_FlowBudgetSetting_IsUsedWithoutTheOption()
    {
        var sample = await File.ReadAllTextAsync(RepoPaths.SampleFlow);
        var strict = sample.Replace("\"sms\": {", "\"sms\": {\n    \"maxSegments\": 1,", StringComparison.Ordinal);

        var (exit, output) = await RunAsync("flow", "validate", "--flow", Write(strict));

        Assert.Equal(FlowCommands.ExitInvalid, exit);
        Assert.Contains("budget 1 segment each", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MaxSegmentsOutOfRange_IsAParseError()
    {
        var (exit, output) = await RunAsync("flow", "validate", "--flow", RepoPaths.SampleFlow, "--max-segments", "0");

        Assert.NotEqual(FlowCommands.ExitValid, exit);
        Assert.Contains("--max-segments must be between 1 and 24", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_BrokenFlow_ExitsOneAndListsEveryProblemWithLocation()
    {
        var sample = await File.ReadAllTextAsync(RepoPaths.SampleFlow);
        var broken = sample
            .Replace("\"to\": \"+15005550006\"", "\"to\": \"555-0006\"", StringComparison.Ordinal)
            .Replace("\"timeZone\": \"America/New_York\"", "\"timeZone\": \"Mars/Base\"", StringComparison.Ordinal)
            .Replace("\"next\": \"sales\"", "\"next\": \"sale\"", StringComparison.Ordinal)
            // The assistant's handoff to a person is the other way to sales: moved, so sales is unreachable.
            .Replace("\"transfer\": \"sales\"", "\"transfer\": \"agent-unavailable\"", StringComparison.Ordinal);

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
