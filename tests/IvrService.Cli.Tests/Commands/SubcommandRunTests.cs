using IvrService.Cli.Commands;
using IvrService.Cli.Commands.Audio;
using IvrService.Cli.Commands.Call;
using IvrService.Cli.Commands.Flow;
using IvrService.Cli.Commands.Number;
using IvrService.Cli.Tests.Simulator;
using IvrService.Testing;

namespace IvrService.Cli.Tests.Commands;

/// <summary>
/// Each subcommand's <c>RunAsync</c>/<c>Run</c> called with its options record, no System.CommandLine parser: what a
/// new subcommand (or a test of one) is written against. The parser-level tests beside these cover the wiring.
/// </summary>
public sealed class SubcommandRunTests : IAsyncLifetime
{
    private const string AccountSid = "AC00000000000000000000000000000001";
    private TwimlStandIn _app = null!;

    public async Task InitializeAsync() => _app = await TwimlStandIn.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static (CliOutput Console, StringWriter Out, StringWriter Error) Console()
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        return (new CliOutput(output, error), output, error);
    }

    private static readonly NumberServices NoNetwork = new(_ => null, () => throw new InvalidOperationException("no request expected"), TimeProvider.System);

    [Fact]
    public async Task NumberConfigure_BadVoiceUrl_IsAUsageErrorBeforeAnyRequest()
    {
        var (console, _, error) = Console();

        var exit = await NumberConfigureCommand.RunAsync(
            new NumberConfigureOptions(new NumberConnectionOptions(AccountSid, "token", "+15005550006"), "ftp://primary.example.com/voice", "https://fallback.example.net/fallback/voice"),
            NoNetwork, console, CancellationToken.None);

        Assert.Equal(NumberCommands.ExitUsage, exit);
        Assert.Contains("--voice-url: 'ftp://primary.example.com/voice' is not an absolute http(s) URL", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+1 500 555 0006", "--number")]
    [InlineData("+15005550006", "--edge", "nowhere")]
    [InlineData("+15005550006", "--max-attempts", null, 0)]
    public async Task NumberShow_BadConnection_NamesTheOption(string number, string option, string? edge = null, int maxAttempts = 4)
    {
        var (console, _, error) = Console();

        var exit = await NumberShowCommand.RunAsync(
            new NumberShowOptions(new NumberConnectionOptions(AccountSid, "token", number, Edge: edge, MaxAttempts: maxAttempts)), NoNetwork, console, CancellationToken.None);

        Assert.Equal(NumberCommands.ExitUsage, exit);
        Assert.StartsWith(option, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NumberShow_CredentialsFromTheEnvironment_AreUsedWhenNotGiven()
    {
        var (console, _, error) = Console();
        var environment = new Dictionary<string, string> { [NumberCommands.AccountSidEnvironmentVariable] = "not-a-sid" };

        var exit = await NumberShowCommand.RunAsync(
            new NumberShowOptions(new NumberConnectionOptions(null, null, "+15005550006")), NoNetwork with { Environment = environment.GetValueOrDefault }, console, CancellationToken.None);

        Assert.Equal(NumberCommands.ExitUsage, exit);
        Assert.Contains("'not-a-sid' is not an Account SID", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_RunAsync_ScriptedDigitsAgainstAStandIn()
    {
        _app.Twiml("/voice", "<Gather numDigits=\"1\" action=\"/menu\"><Say>Press 1.</Say></Gather>");
        _app.Twiml("/menu", "<Say>Sales.</Say><Hangup/>");
        var (console, output, _) = Console();

        var exit = await CallCommand.RunAsync(
            new CallOptions(new SimulatorCommonOptions(_app.Url("/voice").ToString(), Token: SimulatorTestHelpers.Token), Digits: "1"),
            _ => null, keypad: null, console, CancellationToken.None);

        Assert.Equal(CallCommands.ExitOk, exit);
        Assert.Contains("caller hears: \"Sales.\"", output.ToString(), StringComparison.Ordinal);
        Assert.Equal("1", _app.To("/menu")[0]["Digits"]);
    }

    [Fact]
    public async Task Call_RunAsync_NonPositiveTimer_IsAUsageError()
    {
        var (console, _, error) = Console();

        var exit = await CallCommand.RunAsync(
            new CallOptions(new SimulatorCommonOptions(_app.Url("/voice").ToString(), ReadTimeoutMs: 0)), _ => null, null, console, CancellationToken.None);

        Assert.Equal(CallCommands.ExitUsage, exit);
        Assert.Contains("--timeout-read must be a positive number of milliseconds", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sms_RunAsync_PrimaryDown_IsAnApplicationError()
    {
        var (console, output, _) = Console();

        var exit = await SmsCommand.RunAsync(
            new SmsOptions(new SimulatorCommonOptions(SimulatorTestHelpers.DeadUrl().ToString(), Json: true), "hello"), _ => null, console, CancellationToken.None);

        Assert.Equal(CallCommands.ExitApplicationError, exit);
        Assert.StartsWith("{", output.ToString().TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public void FlowValidate_Run_TheSampleFlowIsValid()
    {
        var output = new StringWriter();

        var exit = FlowValidateCommand.Run(new FlowValidateOptions(Path.Combine(RepoPaths.Root, "content", "flow.json")), output);

        Assert.Equal(FlowCommands.ExitValid, exit);
        Assert.Contains(": OK (", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FlowGraph_Run_DotFormatToAFile()
    {
        var (console, _, _) = Console();
        var file = Path.Combine(Path.GetTempPath(), $"ivr-graph-{Guid.NewGuid():N}.dot");
        try
        {
            var exit = await FlowGraphCommand.RunAsync(new FlowGraphOptions(Path.Combine(RepoPaths.Root, "content", "flow.json"), "dot", file), console);

            Assert.Equal(FlowGraphCommand.ExitOk, exit);
            Assert.StartsWith("digraph", File.ReadAllText(file), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task AudioSync_RunAsync_BadEndpoint_CannotRun()
    {
        var (console, _, error) = Console();

        var exit = await AudioSyncCommand.RunAsync(new AudioSyncOptions("content/audio", new S3Location("bucket", EndpointUrl: "not a url")), console, CancellationToken.None);

        Assert.Equal(AudioCommands.CannotRun, exit);
        Assert.Contains("--endpoint-url 'not a url' is not an absolute http(s) URL", error.ToString(), StringComparison.Ordinal);
    }
}
