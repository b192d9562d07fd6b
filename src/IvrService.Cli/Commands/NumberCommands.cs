using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using IvrService.Flow;
using IvrService.Twilio;
using IvrService.Twilio.Rest;
using Microsoft.Extensions.Logging;

namespace IvrService.Cli.Commands;

/// <summary>
/// <c>ivr number configure</c> and <c>ivr number show</c>: point a Twilio phone number at the primary and the fallback
/// through the REST API, with connection-override fragments that hand a caller to the fallback in about 3 seconds.
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

    /// <summary>
    /// The voice URL's fragment by default (deploy/twilio-console.md explains each value): connect 1 s, read 2.5 s,
    /// total 3.5 s, no retry, so a dead primary reaches the fallback within about 3 s instead of Twilio's 15.
    /// </summary>
    public static readonly ConnectionOverrides DefaultOverrides = new()
    {
        ConnectTimeoutMs = 1000,
        ReadTimeoutMs = 2500,
        TotalTimeoutMs = 3500,
        RetryCount = 0,
    };

    private sealed record Connection(
        Option<string?> AccountSid,
        Option<string?> AuthToken,
        Option<string> Number,
        Option<string?> ApiBase,
        Option<string?> Edge,
        Option<string?> Region,
        Option<int> MaxAttempts);

    private sealed record Target(TwilioCredentials Credentials, string Number, TwilioRestClientOptions Options, IReadOnlyList<string> Edges);

    /// <summary>The <c>number</c> command with <c>configure</c> and <c>show</c>.</summary>
    /// <param name="environment">Reads environment variables (credentials' defaults).</param>
    /// <param name="httpClientFactory">Creates the HTTP client for one invocation (disposed after it); a seam for tests.</param>
    /// <param name="timeProvider">Times the REST client's back-off.</param>
    public static Command Create(Func<string, string?>? environment = null, Func<HttpClient>? httpClientFactory = null, TimeProvider? timeProvider = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        httpClientFactory ??= () => new HttpClient();
        timeProvider ??= TimeProvider.System;
        var command = new Command("number", "Configure a Twilio phone number's webhooks through the REST API.");
        command.Subcommands.Add(CreateConfigure(environment, httpClientFactory, timeProvider));
        command.Subcommands.Add(CreateShow(environment, httpClientFactory, timeProvider));
        return command;
    }

    private static Command CreateConfigure(Func<string, string?> environment, Func<HttpClient> httpClientFactory, TimeProvider time)
    {
        var command = new Command(
            "configure",
            "Point the number at the primary (voice URL, with a fast-failover fragment) and the fallback, all methods POST.");
        var connection = AddConnection(command);
        var voiceUrl = new Option<string>("--voice-url") { Description = "The primary's voice webhook, e.g. https://ivr.example.com/voice", Required = true };
        var fallbackUrl = new Option<string>("--fallback-url") { Description = "The fallback's voice webhook, e.g. https://fallback.example.net/fallback/voice", Required = true };
        var statusCallback = new Option<string?>("--status-callback") { Description = "Call status callback URL, e.g. https://ivr.example.com/voice/status" };
        var smsUrl = new Option<string?>("--sms-url") { Description = "Messaging webhook URL" };
        var smsFallbackUrl = new Option<string?>("--sms-fallback-url") { Description = "Messaging fallback URL" };
        var connectTimeout = new Option<int?>("--connect-timeout") { Description = $"ct: TCP connect timeout in ms, 100-10000 (default {DefaultOverrides.ConnectTimeoutMs})" };
        var readTimeout = new Option<int?>("--read-timeout") { Description = $"rt: read timeout in ms, 100-15000 (default {DefaultOverrides.ReadTimeoutMs})" };
        var totalTimeout = new Option<int?>("--total-timeout") { Description = $"tt: total time for all attempts in ms, 100-15000 (default {DefaultOverrides.TotalTimeoutMs})" };
        var retries = new Option<int?>("--retries") { Description = $"rc: Twilio's retries of the voice URL, 0-5 (default {DefaultOverrides.RetryCount})" };
        var noOverrides = new Option<bool>("--no-overrides") { Description = "Send the URLs exactly as given: no fragment is added" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Look the number up and print what would change, without changing it" };
        foreach (var option in (Option[])[voiceUrl, fallbackUrl, statusCallback, smsUrl, smsFallbackUrl, connectTimeout, readTimeout, totalTimeout, retries, noOverrides, dryRun])
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (!TryBuildTarget(parse, connection, environment, error, out var target))
            {
                return ExitUsage;
            }

            var urls = new (Option Option, string? Text)[]
            {
                (voiceUrl, parse.GetValue(voiceUrl)),
                (fallbackUrl, parse.GetValue(fallbackUrl)),
                (statusCallback, parse.GetValue(statusCallback)),
                (smsUrl, parse.GetValue(smsUrl)),
                (smsFallbackUrl, parse.GetValue(smsFallbackUrl)),
            };
            foreach (var (option, text) in urls)
            {
                if (text is not null && !IsHttpUrl(text))
                {
                    await error.WriteLineAsync($"{option.Name}: '{text}' is not an absolute http(s) URL").ConfigureAwait(false);
                    return ExitUsage;
                }
            }

            var voice = parse.GetValue(voiceUrl)!;
            var fallback = parse.GetValue(fallbackUrl)!;
            if (!parse.GetValue(noOverrides))
            {
                var explicitValues = new ConnectionOverrides
                {
                    ConnectTimeoutMs = parse.GetValue(connectTimeout),
                    ReadTimeoutMs = parse.GetValue(readTimeout),
                    TotalTimeoutMs = parse.GetValue(totalTimeout),
                    RetryCount = parse.GetValue(retries),
                };
                if (!TryVoiceUrl(voice, explicitValues, target.Edges, out var voiceWithFragment, out var problem)
                    || !TryFallbackUrl(fallback, target.Edges, out var fallbackWithFragment, out problem))
                {
                    await error.WriteLineAsync(problem).ConfigureAwait(false);
                    return ExitUsage;
                }

                voice = voiceWithFragment;
                fallback = fallbackWithFragment;
            }

            return await RunAsync(target, httpClientFactory, time, error, async client =>
            {
                var number = await FindAsync(client, target, error, cancellationToken).ConfigureAwait(false);
                if (number is null)
                {
                    return ExitNotFound;
                }

                var update = new IncomingPhoneNumberUpdate
                {
                    VoiceUrl = voice,
                    VoiceMethod = TwilioHttpMethod.Post,
                    VoiceFallbackUrl = fallback,
                    VoiceFallbackMethod = TwilioHttpMethod.Post,
                    StatusCallback = parse.GetValue(statusCallback),
                    StatusCallbackMethod = parse.GetValue(statusCallback) is null ? null : TwilioHttpMethod.Post,
                    SmsUrl = parse.GetValue(smsUrl),
                    SmsMethod = parse.GetValue(smsUrl) is null ? null : TwilioHttpMethod.Post,
                    SmsFallbackUrl = parse.GetValue(smsFallbackUrl),
                    SmsFallbackMethod = parse.GetValue(smsFallbackUrl) is null ? null : TwilioHttpMethod.Post,

                    // An application SID makes Twilio ignore the URLs being set, which would silently undo this command.
                    VoiceApplicationSid = string.IsNullOrEmpty(number.VoiceApplicationSid) ? null : "",
                    SmsApplicationSid = parse.GetValue(smsUrl) is not null && !string.IsNullOrEmpty(number.SmsApplicationSid) ? "" : null,
                };

                await output.WriteLineAsync($"Number {number.PhoneNumber} ({number.Sid}) in account {target.Credentials.AccountSid}").ConfigureAwait(false);
                await output.WriteLineAsync("Before:").ConfigureAwait(false);
                await output.WriteAsync(Describe(number)).ConfigureAwait(false);
                if (!string.IsNullOrEmpty(number.TrunkSid))
                {
                    // Clearing a trunk could break someone's SIP routing, so it is pointed out rather than changed.
                    await error.WriteLineAsync($"warning: the number is on trunk {number.TrunkSid}; Twilio ignores its voice URLs until it is removed from the trunk").ConfigureAwait(false);
                }

                if (parse.GetValue(dryRun))
                {
                    await output.WriteLineAsync("Would set (dry run, nothing changed):").ConfigureAwait(false);
                    await output.WriteAsync(Describe(Preview(number, update))).ConfigureAwait(false);
                    return ExitOk;
                }

                var updated = await client.UpdateIncomingPhoneNumberAsync(number.Sid!, update, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync("After:").ConfigureAwait(false);
                await output.WriteAsync(Describe(updated)).ConfigureAwait(false);
                return ExitOk;
            }).ConfigureAwait(false);
        });
        return command;
    }

    private static Command CreateShow(Func<string, string?> environment, Func<HttpClient> httpClientFactory, TimeProvider time)
    {
        var command = new Command("show", "Print the number's current webhook configuration, with the parsed connection overrides.");
        var connection = AddConnection(command);
        var json = new Option<bool>("--json") { Description = "Print one JSON document" };
        command.Options.Add(json);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (!TryBuildTarget(parse, connection, environment, error, out var target))
            {
                return ExitUsage;
            }

            return await RunAsync(target, httpClientFactory, time, error, async client =>
            {
                var number = await FindAsync(client, target, error, cancellationToken).ConfigureAwait(false);
                if (number is null)
                {
                    return ExitNotFound;
                }

                if (parse.GetValue(json))
                {
                    await output.WriteLineAsync(ToJson(number)).ConfigureAwait(false);
                }
                else
                {
                    await output.WriteLineAsync($"Number {number.PhoneNumber} ({number.Sid}) in account {target.Credentials.AccountSid}").ConfigureAwait(false);
                    await output.WriteAsync(Describe(number)).ConfigureAwait(false);
                }

                return ExitOk;
            }).ConfigureAwait(false);
        });
        return command;
    }

    private static Connection AddConnection(Command command)
    {
        var connection = new Connection(
            new Option<string?>("--account-sid") { Description = $"Account SID, AC… (default: ${AccountSidEnvironmentVariable})" },
            new Option<string?>("--auth-token") { Description = $"Auth Token (default: ${AuthTokenEnvironmentVariable}); never printed" },
            new Option<string>("--number") { Description = "The phone number in E.164, e.g. +15551234567", Required = true },
            new Option<string?>("--api-base") { Description = "REST API base URL (default https://api.twilio.com; a local stand-in for tests)" },
            new Option<string?>("--edge") { Description = "Twilio edges, comma-separated (e.g. ashburn,umatilla): REST calls fail over across them in order, and the voice URL's fragment gets e=" },
            new Option<string?>("--region") { Description = "Processing region for the REST host (us1, ie1, au1); the host is always api.{edge}.{region}.twilio.com" },
            new Option<int>("--max-attempts") { Description = "REST attempts in total across edges, 1-20 (bounded, backed-off retries)", DefaultValueFactory = _ => 4 });
        foreach (var option in (Option[])[connection.AccountSid, connection.AuthToken, connection.Number, connection.ApiBase, connection.Edge, connection.Region, connection.MaxAttempts])
        {
            command.Options.Add(option);
        }

        return connection;
    }

    private static bool TryBuildTarget(ParseResult parse, Connection connection, Func<string, string?> environment, TextWriter error, out Target target)
    {
        target = null!;
        var accountSid = NonEmpty(parse.GetValue(connection.AccountSid)) ?? NonEmpty(environment(AccountSidEnvironmentVariable));
        var authToken = NonEmpty(parse.GetValue(connection.AuthToken)) ?? NonEmpty(environment(AuthTokenEnvironmentVariable));
        if (accountSid is null)
        {
            error.WriteLine($"--account-sid is required (or set {AccountSidEnvironmentVariable})");
            return false;
        }

        if (!TwilioCredentials.IsAccountSid(accountSid))
        {
            error.WriteLine($"--account-sid: '{accountSid}' is not an Account SID (AC followed by 32 hex digits)");
            return false;
        }

        if (authToken is null)
        {
            error.WriteLine($"--auth-token is required (or set {AuthTokenEnvironmentVariable})");
            return false;
        }

        var number = parse.GetValue(connection.Number)?.Trim() ?? "";
        if (!PhoneTargets.IsE164(number))
        {
            error.WriteLine($"--number: '{number}' is not an E.164 number (+ then country code and number, 7 to 15 digits, no spaces)");
            return false;
        }

        var options = new TwilioRestClientOptions();
        if (parse.GetValue(connection.ApiBase) is { } apiBase)
        {
            if (!IsHttpUrl(apiBase))
            {
                error.WriteLine($"--api-base: '{apiBase}' is not an absolute http(s) URL");
                return false;
            }

            options = options with { BaseUri = new Uri(apiBase) };
        }

        var edges = new List<string>();
        foreach (var edge in (parse.GetValue(connection.Edge) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
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

        var maxAttempts = parse.GetValue(connection.MaxAttempts);
        if (maxAttempts is < 1 or > 20)
        {
            error.WriteLine($"--max-attempts: {maxAttempts} is outside 1-20");
            return false;
        }

        options = options with { Edges = edges, Region = NonEmpty(parse.GetValue(connection.Region)), MaxAttempts = maxAttempts };
        try
        {
            // Building every host now turns a bad region into a usage error before anything is sent.
            foreach (var edge in edges.DefaultIfEmpty())
            {
                _ = TwilioHosts.BuildHost(options.BaseUri.Host, edge, options.Region);
            }
        }
        catch (ArgumentException e)
        {
            error.WriteLine($"--region: {FirstSentence(e)}");
            return false;
        }

        target = new Target(TwilioCredentials.FromAuthToken(accountSid, authToken), number, options, edges);
        return true;
    }

    /// <summary>
    /// The voice URL with its fragment: Twilio's keys already in the URL win over the defaults, explicit options win over
    /// both, and <c>e</c> comes from <c>--edge</c> when given.
    /// </summary>
    internal static bool TryVoiceUrl(string url, ConnectionOverrides explicitValues, IReadOnlyList<string> edges, out string result, out string? problem)
    {
        result = url;
        if (!ConnectionOverrides.TryParse(url, out var inUrl, out var parseError))
        {
            problem = $"--voice-url: its fragment is not valid: {parseError}";
            return false;
        }

        var overrides = inUrl with
        {
            ConnectTimeoutMs = explicitValues.ConnectTimeoutMs ?? inUrl.ConnectTimeoutMs ?? DefaultOverrides.ConnectTimeoutMs,
            ReadTimeoutMs = explicitValues.ReadTimeoutMs ?? inUrl.ReadTimeoutMs ?? DefaultOverrides.ReadTimeoutMs,
            TotalTimeoutMs = explicitValues.TotalTimeoutMs ?? inUrl.TotalTimeoutMs ?? DefaultOverrides.TotalTimeoutMs,
            RetryCount = explicitValues.RetryCount ?? inUrl.RetryCount ?? DefaultOverrides.RetryCount,
            Edges = edges.Count > 0 ? edges : inUrl.Edges,
        };
        return TryApply(overrides, url, out result, out problem);
    }

    /// <summary>
    /// The fallback URL keeps Twilio's patient timers: it is the last line, so only the edge list is added (and a
    /// fragment the user wrote is kept as written).
    /// </summary>
    internal static bool TryFallbackUrl(string url, IReadOnlyList<string> edges, out string result, out string? problem)
    {
        result = url;
        problem = null;
        if (url.Contains('#', StringComparison.Ordinal))
        {
            if (ConnectionOverrides.TryParse(url, out _, out var parseError))
            {
                return true;
            }

            problem = $"--fallback-url: its fragment is not valid: {parseError}";
            return false;
        }

        return edges.Count == 0 || TryApply(new ConnectionOverrides { Edges = edges }, url, out result, out problem);
    }

    private static bool TryApply(ConnectionOverrides overrides, string url, out string result, out string? problem)
    {
        try
        {
            result = overrides.ApplyTo(url);
            problem = null;
            return true;
        }
        catch (ArgumentOutOfRangeException e)
        {
            var option = e.ParamName switch
            {
                "ct" or nameof(ConnectionOverrides.ConnectTimeoutMs) => "--connect-timeout",
                "rt" => "--read-timeout",
                "tt" => "--total-timeout",
                "rc" => "--retries",
                "Edges" => "--edge",
                _ => "fragment",
            };
            result = url;
            problem = $"{option}: {FirstSentence(e)}" + (e.ActualValue is { } actual ? $" (got {actual})" : "");
            return false;
        }
    }

    private static async Task<int> RunAsync(Target target, Func<HttpClient> httpClientFactory, TimeProvider time, TextWriter error, Func<TwilioRestClient, Task<int>> body)
    {
        using var http = httpClientFactory();
        var client = new TwilioRestClient(http, target.Credentials, target.Options, time, new WarningWriter(error));
        try
        {
            return await body(client).ConfigureAwait(false);
        }
        catch (TwilioAuthenticationException e)
        {
            await error.WriteLineAsync(
                $"Twilio rejected the credentials for account {target.Credentials.AccountSid} (HTTP 401{Code(e)}: {e.TwilioMessage ?? "no message"}). "
                + $"Check --account-sid and --auth-token (or ${AccountSidEnvironmentVariable} / ${AuthTokenEnvironmentVariable}).").ConfigureAwait(false);
            return ExitAuthentication;
        }
        catch (TwilioNotFoundException e)
        {
            await error.WriteLineAsync(
                $"Twilio answered 404{Code(e)} for {target.Number} in account {target.Credentials.AccountSid}: {e.TwilioMessage ?? "not found"}. "
                + "Check that the number belongs to this account (subaccounts have their own SID).").ConfigureAwait(false);
            return ExitNotFound;
        }
        catch (TwilioApiException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return ExitApiError;
        }
        catch (TwilioUnavailableException e)
        {
            await error.WriteLineAsync($"Twilio could not be reached after {e.Attempts.Count} attempt(s):").ConfigureAwait(false);
            foreach (var attempt in e.Attempts)
            {
                await error.WriteLineAsync("  " + attempt).ConfigureAwait(false);
            }

            return ExitUnavailable;
        }
    }

    private static async Task<IncomingPhoneNumber?> FindAsync(TwilioRestClient client, Target target, TextWriter error, CancellationToken cancellationToken)
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

    private static IncomingPhoneNumber Preview(IncomingPhoneNumber number, IncomingPhoneNumberUpdate update) => number with
    {
        VoiceUrl = update.VoiceUrl ?? number.VoiceUrl,
        VoiceMethod = update.VoiceMethod?.ToWireString() ?? number.VoiceMethod,
        VoiceFallbackUrl = update.VoiceFallbackUrl ?? number.VoiceFallbackUrl,
        VoiceFallbackMethod = update.VoiceFallbackMethod?.ToWireString() ?? number.VoiceFallbackMethod,
        StatusCallback = update.StatusCallback ?? number.StatusCallback,
        StatusCallbackMethod = update.StatusCallbackMethod?.ToWireString() ?? number.StatusCallbackMethod,
        SmsUrl = update.SmsUrl ?? number.SmsUrl,
        SmsMethod = update.SmsMethod?.ToWireString() ?? number.SmsMethod,
        SmsFallbackUrl = update.SmsFallbackUrl ?? number.SmsFallbackUrl,
        SmsFallbackMethod = update.SmsFallbackMethod?.ToWireString() ?? number.SmsFallbackMethod,
        VoiceApplicationSid = update.VoiceApplicationSid ?? number.VoiceApplicationSid,
        SmsApplicationSid = update.SmsApplicationSid ?? number.SmsApplicationSid,
    };

    internal static string Describe(IncomingPhoneNumber number)
    {
        var text = new StringBuilder();
        void Line(string name, string? value) => text.Append("  ").Append(name.PadRight(22)).AppendLine(string.IsNullOrEmpty(value) ? "-" : value);

        Line("friendly name", number.FriendlyName);
        Line("voice url", Method(number.VoiceMethod, number.VoiceUrl));
        Line("  overrides", OverridesText(number.VoiceUrl));
        Line("voice fallback url", Method(number.VoiceFallbackMethod, number.VoiceFallbackUrl));
        Line("  overrides", OverridesText(number.VoiceFallbackUrl));
        Line("status callback", Method(number.StatusCallbackMethod, number.StatusCallback));
        Line("sms url", Method(number.SmsMethod, number.SmsUrl));
        Line("sms fallback url", Method(number.SmsFallbackMethod, number.SmsFallbackUrl));
        if (!string.IsNullOrEmpty(number.VoiceApplicationSid))
        {
            Line("voice application", number.VoiceApplicationSid + " (Twilio ignores the voice URLs)");
        }

        if (!string.IsNullOrEmpty(number.SmsApplicationSid))
        {
            Line("sms application", number.SmsApplicationSid + " (Twilio ignores the SMS URLs)");
        }

        if (!string.IsNullOrEmpty(number.TrunkSid))
        {
            Line("trunk", number.TrunkSid + " (Twilio ignores the voice URLs)");
        }

        return text.ToString();

        static string? Method(string? method, string? url) => string.IsNullOrEmpty(url) ? null : $"{method ?? "POST"} {url}";
    }

    private static string? OverridesText(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return null;
        }

        if (!url.Contains('#', StringComparison.Ordinal))
        {
            return "none (Twilio's defaults: ct=5000 rt=15000 tt=15000 rc=1)";
        }

        if (!ConnectionOverrides.TryParse(url, out var overrides, out var problem))
        {
            return "invalid: " + problem;
        }

        var parts = new List<string>();
        if (overrides.ConnectTimeoutMs is { } ct)
        {
            parts.Add($"connect {Ms(ct)}");
        }

        if (overrides.ReadTimeoutMs is { } rt)
        {
            parts.Add($"read {Ms(rt)}");
        }

        if (overrides.TotalTimeoutMs is { } tt)
        {
            parts.Add($"total {Ms(tt)}");
        }

        if (overrides.RetryCount is { } rc)
        {
            parts.Add($"retries {rc.ToString(CultureInfo.InvariantCulture)}");
        }

        if (overrides.RetryPolicy.Count > 0)
        {
            parts.Add("retry on " + string.Join(',', overrides.RetryPolicy));
        }

        if (overrides.Edges.Count > 0)
        {
            parts.Add("edges " + string.Join(',', overrides.Edges));
        }

        return parts.Count == 0 ? "none" : string.Join(", ", parts);

        static string Ms(int ms) => ms.ToString(CultureInfo.InvariantCulture) + " ms";
    }

    internal static string ToJson(IncomingPhoneNumber number)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("sid", number.Sid);
            json.WriteString("phone_number", number.PhoneNumber);
            json.WriteString("friendly_name", number.FriendlyName);
            json.WriteString("voice_url", number.VoiceUrl);
            json.WriteString("voice_method", number.VoiceMethod);
            WriteOverrides(json, "voice_url_overrides", number.VoiceUrl);
            json.WriteString("voice_fallback_url", number.VoiceFallbackUrl);
            json.WriteString("voice_fallback_method", number.VoiceFallbackMethod);
            WriteOverrides(json, "voice_fallback_url_overrides", number.VoiceFallbackUrl);
            json.WriteString("status_callback", number.StatusCallback);
            json.WriteString("status_callback_method", number.StatusCallbackMethod);
            json.WriteString("sms_url", number.SmsUrl);
            json.WriteString("sms_method", number.SmsMethod);
            json.WriteString("sms_fallback_url", number.SmsFallbackUrl);
            json.WriteString("sms_fallback_method", number.SmsFallbackMethod);
            json.WriteString("voice_application_sid", number.VoiceApplicationSid);
            json.WriteString("sms_application_sid", number.SmsApplicationSid);
            json.WriteString("trunk_sid", number.TrunkSid);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteOverrides(Utf8JsonWriter json, string name, string? url)
    {
        if (string.IsNullOrEmpty(url) || !url.Contains('#', StringComparison.Ordinal))
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        if (!ConnectionOverrides.TryParse(url, out var overrides, out var problem))
        {
            json.WriteString("error", problem);
        }
        else
        {
            WriteNumber(json, "ct", overrides.ConnectTimeoutMs);
            WriteNumber(json, "rt", overrides.ReadTimeoutMs);
            WriteNumber(json, "tt", overrides.TotalTimeoutMs);
            WriteNumber(json, "rc", overrides.RetryCount);
            WriteList(json, "rp", overrides.RetryPolicy);
            WriteList(json, "e", overrides.Edges);
        }

        json.WriteEndObject();

        static void WriteNumber(Utf8JsonWriter json, string name, int? value)
        {
            if (value is { } v)
            {
                json.WriteNumber(name, v);
            }
        }

        static void WriteList(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
        {
            if (values.Count > 0)
            {
                json.WriteStartArray(name);
                foreach (var value in values)
                {
                    json.WriteStringValue(value);
                }

                json.WriteEndArray();
            }
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    private static string Code(TwilioApiException e) => e.ErrorCode is { } code ? $", error {code.ToString(CultureInfo.InvariantCulture)}" : "";

    // ArgumentException appends "(Parameter '…')" and the actual value on new lines; users need the first sentence only.
    private static string FirstSentence(ArgumentException e)
    {
        var message = e.Message.Split('\n')[0];
        var parameter = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return (parameter >= 0 ? message[..parameter] : message).Trim();
    }



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
