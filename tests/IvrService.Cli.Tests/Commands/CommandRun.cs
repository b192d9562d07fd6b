using System.CommandLine;

namespace IvrService.Cli.Tests.Commands;

/// <summary>Runs a command group as <c>ivr</c> would, capturing what it writes.</summary>
internal static class CommandRun
{
    /// <summary>Invokes <paramref name="group"/> under a root command with <paramref name="args"/>.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> InvokeAsync(Command group, params string[] args)
    {
        var root = new RootCommand { group };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
