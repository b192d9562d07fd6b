using System.Globalization;
using IvrService.Twilio.Rest;
using Microsoft.Extensions.Logging;

namespace IvrService.Cli.Commands.Number;

/// <summary>
/// One REST conversation of a <c>number</c> subcommand: the client (its edge-failover warnings on stderr), the number
/// looked up, and Twilio's failures turned into a sentence and an exit code.
/// </summary>
internal static class NumberRestSession
{
    /// <summary>Runs <paramref name="body"/> with a client for <paramref name="target"/>, mapping Twilio's failures to exit codes.</summary>
    public static async Task<int> RunAsync(NumberTarget target, NumberServices services, TextWriter error, Func<TwilioRestClient, Task<int>> body)
    {
        using var http = services.HttpClientFactory();
        var client = new TwilioRestClient(http, target.Credentials, target.Options, services.Time, new WarningWriter(error));
        try
        {
            return await body(client).ConfigureAwait(false);
        }
        catch (TwilioAuthenticationException e)
        {
            await error.WriteLineAsync(
                $"Twilio rejected the credentials for account {target.Credentials.AccountSid} (HTTP 401{Code(e)}: {e.TwilioMessage ?? "no message"}). "
                + $"Check --account-sid and --auth-token (or ${NumberCommands.AccountSidEnvironmentVariable} / ${NumberCommands.AuthTokenEnvironmentVariable}).").ConfigureAwait(false);
            return NumberCommands.ExitAuthentication;
        }
        catch (TwilioNotFoundException e)
        {
            await error.WriteLineAsync(
                $"Twilio answered 404{Code(e)} for {target.Number} in account {target.Credentials.AccountSid}: {e.TwilioMessage ?? "not found"}. "
                + "Check that the number belongs to this account (subaccounts have their own SID).").ConfigureAwait(false);
            return NumberCommands.ExitNotFound;
        }
        catch (TwilioApiException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return NumberCommands.ExitApiError;
        }
        catch (TwilioUnavailableException e)
        {
            await error.WriteLineAsync($"Twilio could not be reached after {e.Attempts.Count} attempt(s):").ConfigureAwait(false);
            foreach (var attempt in e.Attempts)
            {
                await error.WriteLineAsync("  " + attempt).ConfigureAwait(false);
            }

            return NumberCommands.ExitUnavailable;
        }
    }

    /// <summary>The account's number <see cref="NumberTarget.Number"/>, or null (said on <paramref name="error"/>).</summary>
    public static async Task<IncomingPhoneNumber?> FindAsync(TwilioRestClient client, NumberTarget target, TextWriter error, CancellationToken cancellationToken)
    {
        var number = await client.FindIncomingPhoneNumberAsync(target.Number, cancellationToken).ConfigureAwait(false);
        if (number is null || string.IsNullOrEmpty(number.Sid) || !string.Equals(number.PhoneNumber, target.Number, StringComparison.Ordinal))
        {
            await error.WriteLineAsync(
                $"No phone number {target.Number} in account {target.Credentials.AccountSid}. "
                + "Check the number (E.164, as in the Console's Active numbers) and that it belongs to this account, not a subaccount.").ConfigureAwait(false);
            return null;
        }

        return number;
    }

    private static string Code(TwilioApiException e) => e.ErrorCode is { } code ? $", error {code.ToString(CultureInfo.InvariantCulture)}" : "";

    /// <summary>Shows the REST client's per-attempt warnings (edge failover) on stderr; the client never logs secrets.</summary>
    private sealed class WarningWriter(TextWriter error) : ILogger<TwilioRestClient>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                error.WriteLine("warning: " + formatter(state, exception));
            }
        }
    }
}
