using System.CommandLine;
using IvrService.Cli.Commands.Number;

namespace IvrService.Cli.Commands;

/// <summary>
/// <c>ivr number</c>: point a Twilio phone number at the primary and the fallback through the REST API
/// (<see cref="NumberConfigureCommand"/>, <see cref="NumberShowCommand"/>). The exit codes both share.
/// </summary>
internal static class NumberCommands
{
    public const int ExitOk = 0;

    /// <summary>Bad arguments: missing credentials, bad URL, bad E.164, fragment values out of range.</summary>
    public const int ExitUsage = 1;

    /// <summary>Twilio answered 401: the Account SID / Auth Token pair was rejected.</summary>
    public const int ExitAuthentication = 2;

    /// <summary>The account has no such number (or the account itself is unknown).</summary>
    public const int ExitNotFound = 3;

    /// <summary>Twilio refused the request for another reason (e.g. 21402 invalid URL).</summary>
    public const int ExitApiError = 4;

    /// <summary>Twilio could not be reached on any edge within the bounded attempts.</summary>
    public const int ExitUnavailable = 5;

    public const string AccountSidEnvironmentVariable = "TWILIO_ACCOUNT_SID";
    public const string AuthTokenEnvironmentVariable = "TWILIO_AUTH_TOKEN";

    /// <summary>The <c>number</c> command with <c>configure</c> and <c>show</c>.</summary>
    /// <param name="environment">Reads environment variables (credentials' defaults).</param>
    /// <param name="httpClientFactory">Creates the HTTP client for one invocation (disposed after it); a seam for tests.</param>
    /// <param name="timeProvider">Times the REST client's back-off.</param>
    public static Command Create(Func<string, string?>? environment = null, Func<HttpClient>? httpClientFactory = null, TimeProvider? timeProvider = null)
    {
        var services = new NumberServices(
            environment ?? Environment.GetEnvironmentVariable,
            httpClientFactory ?? (() => new HttpClient()),
            timeProvider ?? TimeProvider.System);
        return new Command("number", "Configure a Twilio phone number's webhooks through the REST API.")
        {
            NumberConfigureCommand.Create(services),
            NumberShowCommand.Create(services),
        };
    }
}
