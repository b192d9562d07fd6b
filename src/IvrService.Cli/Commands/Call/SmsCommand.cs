using System.CommandLine;
using IvrService.Cli.Simulator;

namespace IvrService.Cli.Commands.Call;

/// <summary>What <c>ivr sms</c> was asked.</summary>
/// <param name="Common">URLs, token, numbers, timers, output form.</param>
/// <param name="Body">The text the sender writes.</param>
internal sealed record SmsOptions(SimulatorCommonOptions Common, string Body);

/// <summary><c>ivr sms</c>: an incoming SMS: signed webhook, fallback, and the <c>&lt;Message&gt;</c> replies with their segments.</summary>
internal static class SmsCommand
{
    public static Command Create(Func<string, string?> environment)
    {
        var command = new Command("sms", "Simulate an incoming SMS: signed webhook, fallback, and the <Message> replies with their segments.");
        var common = new SimulatorCommonOptionSet(command, "Messaging URL of the number");
        var body = new Option<string>("--body", "-b") { Description = "The text the sender writes", Required = true };
        command.Options.Add(body);
        command.SetAction((parse, cancellationToken) =>
            RunAsync(new SmsOptions(common.Read(parse), parse.GetValue(body) ?? string.Empty), environment, CliOutput.From(parse), cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(SmsOptions options, Func<string, string?> environment, CliOutput console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        if (!SimulatorTarget.TryResolve(options.Common, environment, console.Error, out var target))
        {
            return CallCommands.ExitUsage;
        }

        var json = options.Common.Json;
        var simulator = new SmsSimulator(new SmsSimulatorOptions
        {
            Url = target.Url,
            Method = target.Method,
            FallbackUrl = target.FallbackUrl,
            FallbackMethod = target.FallbackMethod,
            AuthToken = target.Token,
            Body = options.Body,
            From = target.From,
            To = target.To,
            Connection = target.Connection,
            ErrorCodes = target.ErrorCodes,
            OnEvent = json ? null : e => console.Out.WriteLine(TranscriptRenderer.Line(e)),
        });
        var transcript = await simulator.RunAsync(cancellationToken).ConfigureAwait(false);
        await CallCommands.WriteResultAsync(console.Out, transcript, json).ConfigureAwait(false);
        return CallCommands.ExitCode(transcript);
    }
}
