using System.CommandLine;
using IvrService.Cli.Commands.Call;
using IvrService.Cli.Simulator;

namespace IvrService.Cli.Commands;

/// <summary>
/// <c>ivr call</c> and <c>ivr sms</c>: Twilio's side of a call or message, simulated locally
/// (<see cref="CallCommand"/>, <see cref="SmsCommand"/>). The exit codes both share, and <c>ivr phone</c> too.
/// </summary>
internal static class CallCommands
{
    /// <summary>The call ended normally (whatever the ending).</summary>
    public const int ExitOk = 0;

    /// <summary>Bad arguments.</summary>
    public const int ExitUsage = 1;

    /// <summary>Primary and fallback failed: the caller heard Twilio's application-error message.</summary>
    public const int ExitApplicationError = 2;

    /// <summary>The simulator's safety net stopped the call (max steps or duration).</summary>
    public const int ExitAborted = 3;

    public const string TokenEnvironmentVariable = "TWILIO_AUTH_TOKEN";

    public static Command CreateCall(Func<string, string?>? environment = null, Func<bool>? isInteractive = null) =>
        CallCommand.Create(environment ?? Environment.GetEnvironmentVariable, isInteractive ?? (() => !Console.IsInputRedirected));

    public static Command CreateSms(Func<string, string?>? environment = null) => SmsCommand.Create(environment ?? Environment.GetEnvironmentVariable);

    /// <summary>The exit code of a simulated call or message.</summary>
    internal static int ExitCode(CallTranscript transcript) => transcript.Outcome switch
    {
        CallOutcome.ApplicationError => ExitApplicationError,
        CallOutcome.Aborted => ExitAborted,
        _ => ExitOk,
    };

    /// <summary>The transcript as one JSON document, or the summary after the lines already printed.</summary>
    internal static Task WriteResultAsync(TextWriter output, CallTranscript transcript, bool json) =>
        output.WriteLineAsync(json ? TranscriptRenderer.ToJson(transcript) : TranscriptRenderer.Summary(transcript));
}
