using System.CommandLine;

namespace IvrService.Cli.Commands.Number;

/// <summary>What <c>ivr number show</c> was asked.</summary>
/// <param name="Connection">Account, number and REST connection.</param>
/// <param name="Json">Print one JSON document instead of aligned lines.</param>
internal sealed record NumberShowOptions(NumberConnectionOptions Connection, bool Json = false);

/// <summary><c>ivr number show</c>: the number's current webhook configuration, with the parsed connection overrides.</summary>
internal static class NumberShowCommand
{
    public static Command Create(NumberServices services)
    {
        var command = new Command("show", "Print the number's current webhook configuration, with the parsed connection overrides.");
        var connection = new NumberConnectionOptionSet(command);
        var json = new Option<bool>("--json") { Description = "Print one JSON document" };
        command.Options.Add(json);
        command.SetAction((parse, cancellationToken) =>
            RunAsync(new NumberShowOptions(connection.Read(parse), parse.GetValue(json)), services, CliOutput.From(parse), cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(NumberShowOptions options, NumberServices services, CliOutput console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(console);
        if (!NumberTarget.TryResolve(options.Connection, services.Environment, console.Error, out var target))
        {
            return NumberCommands.ExitUsage;
        }

        return await NumberRestSession.RunAsync(target, services, console.Error, async client =>
        {
            var number = await NumberRestSession.FindAsync(client, target, console.Error, cancellationToken).ConfigureAwait(false);
            if (number is null)
            {
                return NumberCommands.ExitNotFound;
            }

            if (options.Json)
            {
                await console.Out.WriteLineAsync(NumberDescription.ToJson(number)).ConfigureAwait(false);
            }
            else
            {
                await console.Out.WriteLineAsync($"Number {number.PhoneNumber} ({number.Sid}) in account {target.Credentials.AccountSid}").ConfigureAwait(false);
                await console.Out.WriteAsync(NumberDescription.Describe(number)).ConfigureAwait(false);
            }

            return NumberCommands.ExitOk;
        }).ConfigureAwait(false);
    }
}
