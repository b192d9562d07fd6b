using System.CommandLine;
using System.Diagnostics;
using IvrService.Cli.Phone;
using IvrService.Cli.Simulator;
using IvrService.Voice;

namespace IvrService.Cli.Commands;

/// <summary>What <c>ivr phone</c> was asked.</summary>
/// <param name="Url">The number's voice URL.</param>
/// <param name="FallbackUrl">The fallback URL, or <c>none</c>.</param>
/// <param name="Token">The signing token (else <c>$TWILIO_AUTH_TOKEN</c>, else the apps' development token).</param>
/// <param name="FlowPath">The flow whose diagram the page shows.</param>
/// <param name="Port">Port on 127.0.0.1 (0: any free one).</param>
/// <param name="OpenBrowser">Open the page in a browser.</param>
/// <param name="From">Caller number.</param>
/// <param name="To">Called number.</param>
/// <param name="TestsPath">The scenario file "Save as scenario" appends to (null: the flow's, beside it).</param>
internal sealed record PhoneOptions(
    string Url,
    string? FallbackUrl,
    string? Token,
    string FlowPath,
    int Port = 0,
    bool OpenBrowser = true,
    string From = CallSimulatorOptions.DefaultFrom,
    string To = CallSimulatorOptions.DefaultTo,
    string? TestsPath = null);

/// <summary><c>ivr phone</c>: a browser dev phone on loopback, driving the call simulator.</summary>
internal static class PhoneCommand
{
    /// <summary>The call commands' exit codes.</summary>
    public const int ExitOk = CallCommands.ExitOk;

    /// <summary>A bad option.</summary>
    public const int ExitUsage = CallCommands.ExitUsage;

    /// <summary>What both apps accept in Development (appsettings.Development.json), so the phone works out of the box.</summary>
    public const string DevelopmentToken = "local-dev-auth-token";

    public static Command Create(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var url = new Option<string>("--url", "-u")
        {
            Description = "Voice URL of the number (a #ct=..&rt=..&tt=..&rc=.. fragment sets Twilio's timers)",
            DefaultValueFactory = _ => "http://localhost:5080" + VoiceRoutes.Incoming,
        };
        var fallbackUrl = new Option<string?>("--fallback-url")
        {
            Description = "Fallback URL (gets ErrorCode and ErrorUrl when the primary fails); 'none' for no fallback",
            DefaultValueFactory = _ => "http://localhost:5090" + VoiceRoutes.FallbackIncoming,
        };
        var token = new Option<string?>("--token")
        {
            Description = $"Auth token that signs every request (default: ${CallCommands.TokenEnvironmentVariable}, else the apps' development token)",
        };
        var flow = new Option<string>("--flow")
        {
            Description = "The flow file whose diagram the page shows (the primary's flow)",
            DefaultValueFactory = _ => Path.Combine("content", "flow.json"),
        };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 = any free port)", DefaultValueFactory = _ => 0 };
        var noOpen = new Option<bool>("--no-open") { Description = "Do not open the page in a browser" };
        var from = new Option<string>("--from") { Description = "Caller number", DefaultValueFactory = _ => CallSimulatorOptions.DefaultFrom };
        var to = new Option<string>("--to") { Description = "Called number", DefaultValueFactory = _ => CallSimulatorOptions.DefaultTo };
        var tests = new Option<string?>("--tests")
        {
            Description = "Scenario file that \"Save as scenario\" appends to (default: <flow name>.tests.yaml beside the flow)",
        };
        var command = new Command("phone", "A dev phone in the browser: keypad, the real prompts, the live transcript, the flow diagram, a switch that makes the primary fail, and \"Save as scenario\".")
        {
            url, fallbackUrl, token, flow, port, noOpen, from, to, tests,
        };

        command.SetAction((parse, cancellationToken) => RunAsync(
            new PhoneOptions(
                parse.GetValue(url)!,
                parse.GetValue(fallbackUrl),
                parse.GetValue(token),
                parse.GetValue(flow)!,
                parse.GetValue(port),
                !parse.GetValue(noOpen),
                parse.GetValue(from) ?? CallSimulatorOptions.DefaultFrom,
                parse.GetValue(to) ?? CallSimulatorOptions.DefaultTo,
                parse.GetValue(tests)),
            environment,
            CliOutput.From(parse),
            cancellationToken));
        return command;
    }

    /// <summary>Starts the phone on loopback and serves it until Ctrl+C (or the page's stop).</summary>
    public static async Task<int> RunAsync(PhoneOptions options, Func<string, string?> environment, CliOutput console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(console);
        var (output, error) = (console.Out, console.Error);
        if (!CliText.TryUrl(options.Url, "--url", error, out var voiceUrl))
        {
            return ExitUsage;
        }

        Uri? fallback = null;
        var fallbackText = options.FallbackUrl;
        if (fallbackText is not null && !fallbackText.Equals("none", StringComparison.OrdinalIgnoreCase)
            && !CliText.TryUrl(fallbackText, "--fallback-url", error, out fallback))
        {
            return ExitUsage;
        }

        var portValue = options.Port;
        if (portValue is < 0 or > 65535)
        {
            await error.WriteLineAsync("--port must be 0-65535").ConfigureAwait(false);
            return ExitUsage;
        }

        var authToken = options.Token;
        var tokenSource = "--token";
        if (string.IsNullOrEmpty(authToken))
        {
            authToken = environment(CallCommands.TokenEnvironmentVariable);
            tokenSource = $"${CallCommands.TokenEnvironmentVariable}";
        }

        if (string.IsNullOrEmpty(authToken))
        {
            authToken = DevelopmentToken;
            tokenSource = "the apps' development token";
        }

        var settings = new PhoneSettings
        {
            VoiceUrl = voiceUrl!,
            FallbackUrl = fallback,
            AuthToken = authToken,
            From = options.From,
            To = options.To,
            TestsPath = options.TestsPath ?? TestCommand.DefaultTestsPath(options.FlowPath),
        };
        var phoneFlow = PhoneFlow.Load(options.FlowPath);
        using var hub = new PhoneHub(settings, phoneFlow, new PhoneMediaStore(), line => output.WriteLine(line));
        PhoneServer server;
        try
        {
            server = await PhoneServer.StartAsync(hub, portValue, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"cannot listen on 127.0.0.1:{portValue}: {e.Message}").ConfigureAwait(false);
            return ExitUsage;
        }

        await using (server.ConfigureAwait(false))
        {
            await output.WriteLineAsync($"dev phone: {server.Address}").ConfigureAwait(false);
            await output.WriteLineAsync($"  primary  {settings.VoiceUrl}").ConfigureAwait(false);
            await output.WriteLineAsync($"  fallback {settings.FallbackUrl?.ToString() ?? "(none)"}").ConfigureAwait(false);
            await output.WriteLineAsync($"  signing with {tokenSource}").ConfigureAwait(false);
            await output.WriteLineAsync(phoneFlow.Error is null ? $"  flow     {phoneFlow.Path}" : $"  flow     no diagram: {phoneFlow.Error}").ConfigureAwait(false);
            await output.WriteLineAsync("Ctrl+C stops the phone.").ConfigureAwait(false);
            if (options.OpenBrowser)
            {
                OpenBrowser(server.Address, error);
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, server.Stopping);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM.
            }
        }

        return ExitOk;
    }

    private static void OpenBrowser(Uri address, TextWriter error)
    {
        try
        {
            var start = OperatingSystem.IsWindows() ? new ProcessStartInfo(address.ToString()) { UseShellExecute = true }
                : OperatingSystem.IsMacOS() ? new ProcessStartInfo("open", [address.ToString()])
                : new ProcessStartInfo("xdg-open", [address.ToString()]);
            using var process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            error.WriteLine($"could not open a browser ({e.Message}); open {address} yourself.");
        }
    }
}
