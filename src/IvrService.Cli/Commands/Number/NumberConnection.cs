using System.CommandLine;
using IvrService.Flow;
using IvrService.Twilio.Rest;

namespace IvrService.Cli.Commands.Number;

/// <summary>What a <c>number</c> subcommand needs from outside: environment variables, HTTP, a clock (seams for tests).</summary>
internal sealed record NumberServices(Func<string, string?> Environment, Func<HttpClient> HttpClientFactory, TimeProvider Time);

/// <summary>The account, number and REST connection a <c>number</c> subcommand was given, as typed.</summary>
/// <param name="AccountSid"><c>--account-sid</c>, else <c>$TWILIO_ACCOUNT_SID</c>.</param>
/// <param name="AuthToken"><c>--auth-token</c>, else <c>$TWILIO_AUTH_TOKEN</c>.</param>
/// <param name="Number"><c>--number</c>, E.164.</param>
/// <param name="ApiBase"><c>--api-base</c>: the REST base URL (a stand-in in tests).</param>
/// <param name="Edge"><c>--edge</c>: comma-separated Twilio edges.</param>
/// <param name="Region"><c>--region</c>.</param>
/// <param name="MaxAttempts"><c>--max-attempts</c>, 1-20.</param>
internal sealed record NumberConnectionOptions(
    string? AccountSid, string? AuthToken, string Number, string? ApiBase = null, string? Edge = null, string? Region = null, int MaxAttempts = 4);

/// <summary>The connection options checked: credentials, the number, the REST client's options and the edge list.</summary>
internal sealed record NumberTarget(TwilioCredentials Credentials, string Number, TwilioRestClientOptions Options, IReadOnlyList<string> Edges)
{
    /// <summary>Checks <paramref name="options"/> (credentials from the environment when not given) or says why not.</summary>
    public static bool TryResolve(NumberConnectionOptions options, Func<string, string?> environment, TextWriter error, out NumberTarget target)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(error);
        target = null!;
        var accountSid = CliText.NonEmpty(options.AccountSid) ?? CliText.NonEmpty(environment(NumberCommands.AccountSidEnvironmentVariable));
        var authToken = CliText.NonEmpty(options.AuthToken) ?? CliText.NonEmpty(environment(NumberCommands.AuthTokenEnvironmentVariable));
        if (accountSid is null)
        {
            error.WriteLine($"--account-sid is required (or set {NumberCommands.AccountSidEnvironmentVariable})");
            return false;
        }

        if (!TwilioCredentials.IsAccountSid(accountSid))
        {
            error.WriteLine($"--account-sid: '{accountSid}' is not an Account SID (AC followed by 32 hex digits)");
            return false;
        }

        if (authToken is null)
        {
            error.WriteLine($"--auth-token is required (or set {NumberCommands.AuthTokenEnvironmentVariable})");
            return false;
        }

        var number = options.Number?.Trim() ?? "";
        if (!PhoneTargets.IsE164(number))
        {
            error.WriteLine($"--number: '{number}' is not an E.164 number (+ then country code and number, 7 to 15 digits, no spaces)");
            return false;
        }

        var restOptions = new TwilioRestClientOptions();
        if (options.ApiBase is { } apiBase)
        {
            if (!CliText.TryUrl(apiBase, "--api-base", error, out var baseUri))
            {
                return false;
            }

            restOptions = restOptions with { BaseUri = baseUri! };
        }

        if (!TryEdges(options.Edge, error, out var edges))
        {
            return false;
        }

        if (options.MaxAttempts is < 1 or > 20)
        {
            error.WriteLine($"--max-attempts: {options.MaxAttempts} is outside 1-20");
            return false;
        }

        restOptions = restOptions with { Edges = edges, Region = CliText.NonEmpty(options.Region), MaxAttempts = options.MaxAttempts };
        try
        {
            // Building every host now turns a bad region into a usage error before anything is sent.
            foreach (var edge in edges.DefaultIfEmpty())
            {
                _ = TwilioHosts.BuildHost(restOptions.BaseUri.Host, edge, restOptions.Region);
            }
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"--region: {CliText.FirstSentence(e)}");
            return false;
        }

        target = new NumberTarget(TwilioCredentials.FromAuthToken(accountSid, authToken), number, restOptions, edges);
        return true;
    }

    private static bool TryEdges(string? text, TextWriter error, out List<string> edges)
    {
        edges = [];
        foreach (var edge in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string? normalized;
            try
            {
                normalized = TwilioHosts.NormalizeEdge(edge);
            }
            catch (ArgumentException)
            {
                normalized = null;
            }

            if (normalized is null || !TwilioHosts.KnownEdges.Contains(normalized, StringComparer.Ordinal))
            {
                error.WriteLine($"--edge: '{edge}' is not a Twilio edge (known: {string.Join(", ", TwilioHosts.KnownEdges)})");
                return false;
            }

            if (!edges.Contains(normalized, StringComparer.Ordinal))
            {
                edges.Add(normalized);
            }
        }

        return true;
    }
}

/// <summary>The connection options as System.CommandLine options, added to a subcommand and read back.</summary>
internal sealed class NumberConnectionOptionSet
{
    private readonly Option<string?> _accountSid = new("--account-sid") { Description = $"Account SID, AC… (default: ${NumberCommands.AccountSidEnvironmentVariable})" };
    private readonly Option<string?> _authToken = new("--auth-token") { Description = $"Auth Token (default: ${NumberCommands.AuthTokenEnvironmentVariable}); never printed" };
    private readonly Option<string> _number = new("--number") { Description = "The phone number in E.164, e.g. +15551234567", Required = true };
    private readonly Option<string?> _apiBase = new("--api-base") { Description = "REST API base URL (default https://api.twilio.com; a local stand-in for tests)" };
    private readonly Option<string?> _edge = new("--edge") { Description = "Twilio edges, comma-separated (e.g. ashburn,umatilla): REST calls fail over across them in order, and the voice URL's fragment gets e=" };
    private readonly Option<string?> _region = new("--region") { Description = "Processing region for the REST host (us1, ie1, au1); the host is always api.{edge}.{region}.twilio.com" };
    private readonly Option<int> _maxAttempts = new("--max-attempts") { Description = "REST attempts in total across edges, 1-20 (bounded, backed-off retries)", DefaultValueFactory = _ => 4 };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public NumberConnectionOptionSet(Command command)
    {
        foreach (var option in (Option[])[_accountSid, _authToken, _number, _apiBase, _edge, _region, _maxAttempts])
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The values given.</summary>
    public NumberConnectionOptions Read(ParseResult parse) => new(
        parse.GetValue(_accountSid),
        parse.GetValue(_authToken),
        parse.GetValue(_number) ?? "",
        parse.GetValue(_apiBase),
        parse.GetValue(_edge),
        parse.GetValue(_region),
        parse.GetValue(_maxAttempts));
}
