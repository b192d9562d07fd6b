using System.CommandLine;
using System.Diagnostics;
using IvrService.Cli.Phone;
using IvrService.Cli.Simulator;
using IvrService.Voice;

namespace IvrService.Cli.Commands;

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
        var command = new Command("phone", "A dev phone in the browser: keypad, the real prompts, the live transcript, the flow diagram, and a switch that makes the primary fail.")
        {
            url, fallbackUrl, token, flow, port, noOpen, from, to,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (!CallCommands.TryUrl(parse.GetValue(url), "--url", error, out var voiceUrl))
            {
                return ExitUsage;
            }

            Uri? fallback = null;
            var fallbackText = parse.GetValue(fallbackUrl);
            if (fallbackText is not null && !fallbackText.Equals("none", StringComparison.OrdinalIgnoreCase)
                && !CallCommands.TryUrl(fallbackText, "--fallback-url", error, out fallback))
            {
                return ExitUsage;
            }

            var portValue = parse.GetValue(port);
            if (portValue is < 0 or > 65535)
            {
                await error.WriteLineAsync("--port must be 0-65535").ConfigureAwait(false);
                return ExitUsage;
            }

            var authToken = parse.GetValue(token);
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
                From = parse.GetValue(from) ?? CallSimulatorOptions.DefaultFrom,
                To = parse.GetValue(to) ?? CallSimulatorOptions.DefaultTo,
            };
            var phoneFlow = PhoneFlow.Load(parse.GetValue(flow));
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
                if (!parse.GetValue(noOpen))
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
        });
        return command;
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
