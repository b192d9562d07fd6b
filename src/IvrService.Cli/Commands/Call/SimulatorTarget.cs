using System.CommandLine;
using IvrService.Cli.Simulator;

namespace IvrService.Cli.Commands.Call;

/// <summary>The options <c>ivr call</c> and <c>ivr sms</c> share, as typed.</summary>
/// <param name="Url">The number's URL (<c>--url</c>).</param>
/// <param name="FallbackUrl">The fallback URL, if any.</param>
/// <param name="Token">The signing token (else <c>$TWILIO_AUTH_TOKEN</c>; none = unsigned).</param>
/// <param name="From">Caller number.</param>
/// <param name="To">Called number.</param>
/// <param name="Json">Print the transcript as JSON.</param>
/// <param name="ConnectTimeoutMs">Per-attempt connect timeout, if not Twilio's.</param>
/// <param name="ReadTimeoutMs">Read timeout, if not Twilio's.</param>
/// <param name="TotalTimeoutMs">Total time per request, if not Twilio's.</param>
/// <param name="Method">How the URL is requested: POST or GET.</param>
/// <param name="FallbackMethod">How the fallback URL is requested.</param>
/// <param name="ErrorCodes"><c>classic</c> or <c>specific</c> error codes for a failed primary.</param>
internal sealed record SimulatorCommonOptions(
    string Url,
    string? FallbackUrl = null,
    string? Token = null,
    string From = CallSimulatorOptions.DefaultFrom,
    string To = CallSimulatorOptions.DefaultTo,
    bool Json = false,
    int? ConnectTimeoutMs = null,
    int? ReadTimeoutMs = null,
    int? TotalTimeoutMs = null,
    string Method = "POST",
    string FallbackMethod = "POST",
    string ErrorCodes = "classic");

/// <summary>The shared options checked: URLs, methods, token, Twilio's timers as set, the error-code style.</summary>
internal sealed record SimulatorTarget(Uri Url, HttpMethod Method, Uri? FallbackUrl, HttpMethod FallbackMethod, string? Token, string From, string To,
    ConnectionSettings Connection, ErrorCodeStyle ErrorCodes)
{
    /// <summary>Checks <paramref name="options"/> (the token from the environment when not given) or says why not.</summary>
    public static bool TryResolve(SimulatorCommonOptions options, Func<string, string?> environment, TextWriter error, out SimulatorTarget target)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        target = null!;
        if (!CliText.TryUrl(options.Url, "--url", error, out var url))
        {
            return false;
        }

        Uri? fallback = null;
        if (options.FallbackUrl is { } fallbackText && !CliText.TryUrl(fallbackText, "--fallback-url", error, out fallback))
        {
            return false;
        }

        var connection = ConnectionSettings.TwilioDefaults;
        foreach (var (name, value, apply) in new (string Name, int? Value, Func<ConnectionSettings, TimeSpan, ConnectionSettings> Apply)[]
                 {
                     ("--timeout-connect", options.ConnectTimeoutMs, (c, t) => c with { ConnectTimeout = t }),
                     ("--timeout-read", options.ReadTimeoutMs, (c, t) => c with { ReadTimeout = t }),
                     ("--timeout-total", options.TotalTimeoutMs, (c, t) => c with { TotalTimeout = t }),
                 })
        {
            if (value is { } ms)
            {
                if (ms <= 0)
                {
                    error.WriteLine($"{name} must be a positive number of milliseconds");
                    return false;
                }

                connection = apply(connection, TimeSpan.FromMilliseconds(ms));
            }
        }

        var token = string.IsNullOrEmpty(options.Token) ? environment(CallCommands.TokenEnvironmentVariable) : options.Token;
        target = new SimulatorTarget(
            url!,
            options.Method == "GET" ? HttpMethod.Get : HttpMethod.Post,
            fallback,
            options.FallbackMethod == "GET" ? HttpMethod.Get : HttpMethod.Post,
            string.IsNullOrEmpty(token) ? null : token,
            options.From,
            options.To,
            connection,
            options.ErrorCodes == "specific" ? ErrorCodeStyle.Specific : ErrorCodeStyle.Classic);
        return true;
    }
}

/// <summary>The shared options as System.CommandLine options, added to <c>call</c> or <c>sms</c> and read back.</summary>
internal sealed class SimulatorCommonOptionSet
{
    private readonly Option<string> _url;
    private readonly Option<string?> _fallbackUrl = new("--fallback-url") { Description = "Fallback URL: gets ErrorCode and ErrorUrl when the URL fails" };
    private readonly Option<string?> _token = new("--token") { Description = $"Auth token that signs every request (default: ${CallCommands.TokenEnvironmentVariable}; none = unsigned)" };
    private readonly Option<string> _from = new("--from") { Description = "Caller number", DefaultValueFactory = _ => CallSimulatorOptions.DefaultFrom };
    private readonly Option<string> _to = new("--to") { Description = "Called number", DefaultValueFactory = _ => CallSimulatorOptions.DefaultTo };
    private readonly Option<bool> _json = new("--json") { Description = "Print the transcript as one JSON document" };
    private readonly Option<int?> _connectTimeout = new("--timeout-connect") { Description = "TCP connect timeout per attempt in ms (Twilio: 5000, two attempts)" };
    private readonly Option<int?> _readTimeout = new("--timeout-read") { Description = "Read timeout in ms (Twilio: 15000)" };
    private readonly Option<int?> _totalTimeout = new("--timeout-total") { Description = "Total time per request in ms, connect included (Twilio: 15000)" };
    private readonly Option<string> _method = new("--method") { Description = "How the URL is requested", DefaultValueFactory = _ => "POST" };
    private readonly Option<string> _fallbackMethod = new("--fallback-method") { Description = "How the fallback URL is requested", DefaultValueFactory = _ => "POST" };
    private readonly Option<string> _errorCodes = new("--error-codes")
    {
        Description = "classic: 11205 for refused connections, 11200 for 4xx/5xx; specific: 11202 and 11217",
        DefaultValueFactory = _ => "classic",
    };

    /// <summary>Adds the options to <paramref name="command"/>, <c>--url</c> described as <paramref name="urlDescription"/>.</summary>
    public SimulatorCommonOptionSet(Command command, string urlDescription)
    {
        _url = new Option<string>("--url", "-u") { Description = urlDescription, Required = true };
        _method.AcceptOnlyFromAmong("POST", "GET");
        _fallbackMethod.AcceptOnlyFromAmong("POST", "GET");
        _errorCodes.AcceptOnlyFromAmong("classic", "specific");
        foreach (var option in (Option[])[_url, _fallbackUrl, _token, _from, _to, _json, _connectTimeout, _readTimeout, _totalTimeout, _method, _fallbackMethod, _errorCodes])
        {
            command.Options.Add(option);
        }
    }

    public SimulatorCommonOptions Read(ParseResult parse) => new(
        parse.GetValue(_url) ?? "",
        parse.GetValue(_fallbackUrl),
        parse.GetValue(_token),
        parse.GetValue(_from) ?? CallSimulatorOptions.DefaultFrom,
        parse.GetValue(_to) ?? CallSimulatorOptions.DefaultTo,
        parse.GetValue(_json),
        parse.GetValue(_connectTimeout),
        parse.GetValue(_readTimeout),
        parse.GetValue(_totalTimeout),
        parse.GetValue(_method) ?? "POST",
        parse.GetValue(_fallbackMethod) ?? "POST",
        parse.GetValue(_errorCodes) ?? "classic");
}
