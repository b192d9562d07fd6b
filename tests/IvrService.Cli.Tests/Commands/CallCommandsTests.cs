using System.CommandLine;
using System.Text.Json;
using IvrService.Cli.Commands;
using IvrService.Cli.Tests.Simulator;
using static IvrService.Cli.Tests.Simulator.SimulatorTestHelpers;

namespace IvrService.Cli.Tests.Commands;

public sealed class CallCommandsTests : IAsyncLifetime
{
    private TwimlStandIn _app = null!;

    public async Task InitializeAsync() => _app = await TwimlStandIn.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<(int Exit, string Output, string Error)> RunAsync(Dictionary<string, string>? environment, params string[] args)
    {
        var root = new RootCommand();
        root.Subcommands.Add(CallCommands.CreateCall(name => environment?.GetValueOrDefault(name), () => false));
        root.Subcommands.Add(CallCommands.CreateSms(name => environment?.GetValueOrDefault(name)));
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Call_WithDigits_PrintsTranscriptAndExitsZero()
    {
        _app.Twiml("/voice", "<Gather numDigits=\"1\" action=\"/menu\"><Say>Press 1.</Say></Gather>");
        _app.Twiml("/menu", "<Say>Sales.</Say><Hangup/>");

        var (exit, output, _) = await RunAsync(null, "call", "--url", _app.Url("/voice").ToString(), "--digits", "1", "--token", Token);

        Assert.Equal(CallCommands.ExitOk, exit);
        Assert.Contains("caller hears: \"Sales.\"", output, StringComparison.Ordinal);
        Assert.Contains("call hangup:", output, StringComparison.Ordinal);
        Assert.Equal("1", _app.To("/menu")[0]["Digits"]);
    }

    [Fact]
    public async Task Call_PrimaryDownWithFallback_ShowsFallbackAndExitsZero()
    {
        _app.Twiml("/fallback/voice", "<Say>Fallback here.</Say>");

        var (exit, output, _) = await RunAsync(null, "call", "--url", DeadUrl().ToString(), "--fallback-url", _app.Url("/fallback/voice").ToString());

        Assert.Equal(CallCommands.ExitOk, exit);
        Assert.Contains("FALLBACK  11205 HTTP connection failure", output, StringComparison.Ordinal);
        Assert.Contains("Fallback here.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_ApplicationError_ExitsNonZero()
    {
        var (exit, output, _) = await RunAsync(null, "call", "--url", DeadUrl().ToString());

        Assert.Equal(CallCommands.ExitApplicationError, exit);
        Assert.Contains("APPLICATION ERROR 11205 HTTP connection failure", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_Json_PrintsOneDocument()
    {
        _app.Twiml("/voice", "<Say>Hi.</Say>");

        var (exit, output, _) = await RunAsync(null, "call", "--url", _app.Url("/voice").ToString(), "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("completed", json.RootElement.GetProperty("outcome").GetString());
        Assert.Equal("Hi.", json.RootElement.GetProperty("events")[2].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Call_TokenFromEnvironment_SignsRequests()
    {
        _app.Twiml("/voice", "<Say>Hi.</Say>");

        await RunAsync(new() { [CallCommands.TokenEnvironmentVariable] = Token }, "call", "--url", _app.Url("/voice").ToString());

        Assert.NotNull(Assert.Single(_app.Received).Signature);
    }

    [Fact]
    public async Task Call_NoTokenAnywhere_Unsigned()
    {
        _app.Twiml("/voice", "<Say>Hi.</Say>");

        await RunAsync(null, "call", "--url", _app.Url("/voice").ToString());

        Assert.Null(Assert.Single(_app.Received).Signature);
    }

    [Fact]
    public async Task Call_TimeoutOptions_Applied()
    {
        _app.Twiml("/voice", "<Say>late</Say>", delay: TimeSpan.FromSeconds(5));

        var (exit, output, _) = await RunAsync(null, "call", "--url", _app.Url("/voice").ToString(), "--timeout-total", "300", "--json");

        Assert.Equal(CallCommands.ExitApplicationError, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(11205, json.RootElement.GetProperty("errorCode").GetInt32());
    }

    [Fact]
    public async Task Call_MaxSteps_AbortsWithItsOwnExitCode()
    {
        _app.Twiml("/voice", "<Redirect>/voice</Redirect>");

        var (exit, _, _) = await RunAsync(null, "call", "--url", _app.Url("/voice").ToString(), "--max-steps", "3");

        Assert.Equal(CallCommands.ExitAborted, exit);
        Assert.Equal(3, _app.Received.Count);
    }

    [Theory]
    [InlineData("--url", "not a url")]
    [InlineData("--url", "ftp://example.com/voice")]
    [InlineData("--digits", "1,x")]
    [InlineData("--dial-outcome", "maybe")]
    [InlineData("--timeout-connect", "0")]
    public async Task Call_BadArguments_UsageError(string option, string value)
    {
        var args = option == "--url"
            ? new[] { "call", "--url", value }
            : ["call", "--url", "http://127.0.0.1:9/voice", option, value];

        var (exit, _, error) = await RunAsync(null, args);

        Assert.Equal(CallCommands.ExitUsage, exit);
        Assert.NotEmpty(error);
        Assert.Empty(_app.Received);
    }

    [Fact]
    public async Task Sms_Body_PrintsReplyAndExitsZero()
    {
        _app.Twiml("/sms", "<Message>Open 9 to 5.</Message>");

        var (exit, output, _) = await RunAsync(null, "sms", "--url", _app.Url("/sms").ToString(), "--body", "HOURS", "--token", Token);

        Assert.Equal(0, exit);
        Assert.Contains("message: \"Open 9 to 5.\"", output, StringComparison.Ordinal);
        Assert.Contains("1 segment(s)", output, StringComparison.Ordinal);
        Assert.Equal("HOURS", Assert.Single(_app.Received)["Body"]);
    }

    [Fact]
    public async Task Sms_BothFail_ExitsNonZero()
    {
        var (exit, _, _) = await RunAsync(null, "sms", "--url", DeadUrl("/sms").ToString(), "--body", "HOURS", "--fallback-url", DeadUrl("/fallback/sms").ToString());

        Assert.Equal(CallCommands.ExitApplicationError, exit);
    }
}
