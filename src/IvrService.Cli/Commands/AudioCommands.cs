using System.CommandLine;
using IvrService.Cli.Commands.Audio;

namespace IvrService.Cli.Commands;

/// <summary>
/// <c>ivr audio</c>: put the prompts in S3 the way Twilio needs them (<see cref="AudioSyncCommand"/>), and prove it
/// (<see cref="AudioCheckCommand"/>). The exit codes both share.
/// </summary>
internal static class AudioCommands
{
    /// <summary>Exit code when the command ran and found problems (check) or failed files (sync).</summary>
    public const int ProblemsFound = 1;

    /// <summary>Exit code when the command could not run (bad arguments, unreadable flow, no credentials).</summary>
    public const int CannotRun = 2;

    public static Command Create() => new("audio", "Upload prompt audio to S3 and check it is playable by Twilio.")
    {
        AudioSyncCommand.Create(),
        AudioCheckCommand.Create(),
    };
}
