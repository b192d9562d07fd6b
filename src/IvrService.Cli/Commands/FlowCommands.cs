using System.CommandLine;
using IvrService.Cli.Commands.Flow;

namespace IvrService.Cli.Commands;

/// <summary><c>ivr flow …</c>: tools for flow files (<see cref="FlowValidateCommand"/>, <see cref="FlowGraphCommand"/>, <see cref="FlowDiffCommand"/>).</summary>
internal static class FlowCommands
{
    /// <summary>Exit code when the flow has no errors (warnings allowed).</summary>
    public const int ExitValid = 0;

    /// <summary>Exit code when the flow has errors or cannot be read.</summary>
    public const int ExitInvalid = 1;

    /// <summary>The <c>flow</c> command with its subcommands.</summary>
    public static Command Create() => new("flow", "Flow file tools.") { FlowValidateCommand.Create(), FlowGraphCommand.Create(), FlowDiffCommand.Create() };
}
