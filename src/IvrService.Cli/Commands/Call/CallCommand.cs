using System.CommandLine;
using IvrService.Cli.Simulator;
using IvrService.Twilio.Webhooks;

namespace IvrService.Cli.Commands.Call;

/// <summary>What <c>ivr call</c> was asked.</summary>
/// <param name="Common">URLs, token, numbers, timers, output form.</param>
/// <param name="Digits">The caller's input per <c>&lt;Gather&gt;</c> (<c>1, 1234#, timeout, hangup, speech:words</c>), or null.</param>
/// <param name="DialOutcome">What <c>&lt;Dial&gt;</c> reports in <c>DialCallStatus</c>.</param>
/// <param name="MaxSteps">Safety net: most TwiML requests in one call.</param>
/// <param name="StatusCallback">URL posted with <c>CallStatus=completed</c> at the end, or null.</param>
/// <param name="Fuzz">Shuffle parameters and add an unknown, non-ASCII one, as Twilio may.</param>
internal sealed record CallOptions(
    SimulatorCommonOptions Common,
    string? Digits = null,
    string DialOutcome = "completed",
    int MaxSteps = 50,
    string? StatusCallback = null,
    bool Fuzz = false);

/// <summary><c>ivr call</c>: an inbound call the way Twilio makes it: signed webhooks, TwiML, fallback, timers.</summary>
internal static class CallCommand
{
    public static Command Create(Func<string, string?> environment, Func<bool> isInteractive)
    {
        var command = new Command("call", "Simulate an inbound call the way Twilio makes it: signed webhooks, TwiML, fallback, timers.");
        var common = new SimulatorCommonOptionSet(command, "Voice URL of the number (a #ct=..&rt=..&tt=..&rc=.. fragment sets Twilio's timers)");
        var digits = new Option<string?>("--digits", "-d")
        {
            Description = "Caller input per <Gather>, comma-separated: 1, 1234#, timeout, hangup, speech:words. Without it a terminal gets a keypad prompt.",
        };
        var dialOutcome = new Option<string>("--dial-outcome")
        {
            Description = "What <Dial> reports in DialCallStatus",
            DefaultValueFactory = _ => "completed",
        };
        dialOutcome.AcceptOnlyFromAmong("completed", "busy", "no-answer", "failed");
        var maxSteps = new Option<int>("--max-steps") { Description = "Safety net: most TwiML requests in one call", DefaultValueFactory = _ => 50 };
        var statusCallback = new Option<string?>("--status-callback") { Description = "URL posted with CallStatus=completed when the call ends" };
        var fuzz = new Option<bool>("--fuzz") { Description = "Shuffle parameters and add an unknown, non-ASCII one, as Twilio may" };
        foreach (var option in (Option[])[digits, dialOutcome, maxSteps, statusCallback, fuzz])
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => RunAsync(
            new CallOptions(
                common.Read(parse),
                parse.GetValue(digits),
                parse.GetValue(dialOutcome) ?? "completed",
                parse.GetValue(maxSteps),
                parse.GetValue(statusCallback),
                parse.GetValue(fuzz)),
            environment,
            // A terminal without --digits gets a keypad prompt; piped input without it, silence.
            isInteractive() ? Console.In : null,
            CliOutput.From(parse),
            cancellationToken));
        return command;
    }

    /// <param name="options">What to simulate.</param>
    /// <param name="environment">Reads <c>$TWILIO_AUTH_TOKEN</c>.</param>
    /// <param name="keypad">Where an interactive caller types, when there is no <see cref="CallOptions.Digits"/> script; null: silence.</param>
    /// <param name="console">Where the transcript goes.</param>
    /// <param name="cancellationToken">Ends the call.</param>
    public static async Task<int> RunAsync(
        CallOptions options, Func<string, string?> environment, TextReader? keypad, CliOutput console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        var (output, error) = (console.Out, console.Error);
        if (!SimulatorTarget.TryResolve(options.Common, environment, error, out var target))
        {
            return CallCommands.ExitUsage;
        }

        Uri? statusCallbackUrl = null;
        if (options.StatusCallback is { } statusText && !CliText.TryUrl(statusText, "--status-callback", error, out statusCallbackUrl))
        {
            return CallCommands.ExitUsage;
        }

        ICallerInput input;
        if (options.Digits is { } script)
        {
            try
            {
                input = ScriptedCallerInput.Parse(script);
            }
            catch (FormatException e)
            {
                await error.WriteLineAsync($"--digits: {e.Message}").ConfigureAwait(false);
                return CallCommands.ExitUsage;
            }
        }
        else
        {
            input = keypad is not null ? new KeypadCallerInput(keypad, output) : new ScriptedCallerInput([]);
        }

        var json = options.Common.Json;
        var simulator = new CallSimulator(new CallSimulatorOptions
        {
            VoiceUrl = target.Url,
            VoiceMethod = target.Method,
            FallbackUrl = target.FallbackUrl,
            FallbackMethod = target.FallbackMethod,
            StatusCallbackUrl = statusCallbackUrl,
            AuthToken = target.Token,
            From = target.From,
            To = target.To,
            Input = input,
            DialOutcome = TwilioDialCallStatuses.Parse(options.DialOutcome) is var status and not TwilioDialCallStatus.Unknown
                ? status
                : TwilioDialCallStatus.Completed,
            Connection = target.Connection,
            ErrorCodes = target.ErrorCodes,
            MaxSteps = Math.Max(1, options.MaxSteps),
            FuzzParameters = options.Fuzz,
            OnEvent = json ? null : e => output.WriteLine(TranscriptRenderer.Line(e)),
        });

        var transcript = await simulator.RunAsync(cancellationToken).ConfigureAwait(false);
        await CallCommands.WriteResultAsync(output, transcript, json).ConfigureAwait(false);
        return CallCommands.ExitCode(transcript);
    }
}
