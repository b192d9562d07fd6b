using System.CommandLine;

namespace IvrService.Cli.Commands;

/// <summary>Where a command writes: its standard output and error (the parser's, or a test's writers).</summary>
/// <param name="Out">Reports and results.</param>
/// <param name="Error">Usage errors, warnings and failures.</param>
internal sealed record CliOutput(TextWriter Out, TextWriter Error)
{
    /// <summary>The writers the parser was invoked with.</summary>
    public static CliOutput From(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
    }
}
