using System.CommandLine;
using IvrService.Cli.Simulator;
using IvrService.Twilio.Webhooks;

namespace IvrService.Cli.Commands;

/// <summary><c>ivr call</c> and <c>ivr sms</c>: Twilio's side of a call or message, simulated locally.</summary>
internal static class CallCommands
{
    /// <summary>The call ended normally (whatever the ending).</summary>
    public const int ExitOk = 0;

    /// <summary>Bad arguments.</summary>
    public const int ExitUsage = 1;

    /// <summary>Primary and fallback failed: the caller heard Twilio's application-error message.</summary>
    public const int ExitApplicationError = 2;

    /// <summary>The simulator's safety net stopped the call (max steps or duration).</summary>
    public const int ExitAborted = 3;

    public const string TokenEnvironmentVariable = "TWILIO_AUTH_TOKEN";

    private sealed record Common(
        Option<string> Url,
        Option<string?> FallbackUrl,
        Option<string?> Token,
        Option<string> From,
        Option<string> To,
        Option<bool> Json,
        Option<int?> ConnectTimeout,
        Option<int?> ReadTimeout,
        Option<int?> TotalTimeout,
        Option<string> Method,
        Option<string> FallbackMethod,
        Option<string> ErrorCodes);

    public static Command CreateCall(Func<string, string?>? environment = null, Func<bool>? isInteractive = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        isInteractive ??= () => !Console.IsInputRedirected;
        var command = new Command("call", "Simulate an inbound call the way Twilio makes it: signed webhooks, TwiML, fallback, timers.");
        var common = AddCommon(command, "Voice URL of the number (a #ct=..&rt=..&tt=..&rc=.. fragment sets Twilio's timers)");
        var digits = new Option<string?>("--digits", "-d")
        {
            Description = "Caller input per <Gather>, comma-separated: 1, 1234#, timeout, hangup, speech:words. Without it a terminal gets a keypad prompt.",
        };
        var dialOutcome = new Option<string>("--dial-outcome")
        {
            Description = "What <Dial> reports in DialCallStatus",
            DefaultValueFactory = _ => "completed",
        };
        dialOutcome.AcceptOnlyFromAmong("completed", "busy", "no-answer", "failed");
        var maxSteps = new Option<int>("--max-steps") { Description = "Safety net: most TwiML requests in one call", DefaultValueFactory = _ => 50 };
        var statusCallback = new Option<string?>("--status-callback") { Description = "URL posted with CallStatus=completed when the call ends" };
        var fuzz = new Option<bool>("--fuzz") { Description = "Shuffle parameters and add an unknown, non-ASCII one, as Twilio may" };
        command.Options.Add(digits);
        command.Options.Add(dialOutcome);
        command.Options.Add(maxSteps);
        command.Options.Add(statusCallback);
        command.Options.Add(fuzz);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (!TryBuildShared(parse, common, environment, error, out var shared))
            {
                return ExitUsage;
            }

            Uri? statusCallbackUrl = null;
            if (parse.GetValue(statusCallback) is { } statusText && !TryUrl(statusText, "--status-callback", error, out statusCallbackUrl))
            {
                return ExitUsage;
            }

            ICallerInput input;
            var script = parse.GetValue(digits);
            if (script is not null)
            {
                try
                {
                    input = ScriptedCallerInput.Parse(script);
                }
                catch (FormatException e)
                {
                    await error.WriteLineAsync($"--digits: {e.Message}").ConfigureAwait(false);
                    return ExitUsage;
                }
            }
            else if (isInteractive())
            {
                input = new KeypadCallerInput(Console.In, output);
            }
            else
            {
                input = new ScriptedCallerInput([]);
            }

            var json = parse.GetValue(common.Json);
            var simulator = new CallSimulator(new CallSimulatorOptions
            {
                VoiceUrl = shared.Url,
                VoiceMethod = shared.Method,
                FallbackUrl = shared.FallbackUrl,
                FallbackMethod = shared.FallbackMethod,
                StatusCallbackUrl = statusCallbackUrl,
                AuthToken = shared.Token,
                From = shared.From,
                To = shared.To,
                Input = input,
                DialOutcome = TwilioDialCallStatuses.Parse(parse.GetValue(dialOutcome)) is var status and not TwilioDialCallStatus.Unknown
                    ? status
                    : TwilioDialCallStatus.Completed,
                Connection = shared.Connection,
                ErrorCodes = shared.ErrorCodes,
                MaxSteps = Math.Max(1, parse.GetValue(maxSteps)),
                FuzzParameters = parse.GetValue(fuzz),
                OnEvent = json ? null : e => output.WriteLine(TranscriptRenderer.Line(e)),
            });

            var transcript = await simulator.RunAsync(cancellationToken).ConfigureAwait(false);
            await WriteResultAsync(output, transcript, json).ConfigureAwait(false);
            return ExitCode(transcript);
        });
        return command;
    }

    public static Command CreateSms(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var command = new Command("sms", "Simulate an incoming SMS: signed webhook, fallback, and the <Message> replies with their segments.");
        var common = AddCommon(command, "Messaging URL of the number");
        var body = new Option<string>("--body", "-b") { Description = "The text the sender writes", Required = true };
        command.Options.Add(body);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (!TryBuildShared(parse, common, environment, error, out var shared))
            {
                return ExitUsage;
            }

            var json = parse.GetValue(common.Json);
            var simulator = new SmsSimulator(new SmsSimulatorOptions
            {
                Url = shared.Url,
                Method = shared.Method,
                FallbackUrl = shared.FallbackUrl,
                FallbackMethod = shared.FallbackMethod,
                AuthToken = shared.Token,
                Body = parse.GetValue(body) ?? string.Empty,
                From = shared.From,
                To = shared.To,
                Connection = shared.Connection,
                ErrorCodes = shared.ErrorCodes,
                OnEvent = json ? null : e => output.WriteLine(TranscriptRenderer.Line(e)),
            });
            var transcript = await simulator.RunAsync(cancellationToken).ConfigureAwait(false);
            await WriteResultAsync(output, transcript, json).ConfigureAwait(false);
            return ExitCode(transcript);
        });
        return command;
    }

    internal static int ExitCode(CallTranscript transcript) => transcript.Outcome switch
    {
        CallOutcome.ApplicationError => ExitApplicationError,
        CallOutcome.Aborted => ExitAborted,
        _ => ExitOk,
    };

    private static async Task WriteResultAsync(TextWriter output, CallTranscript transcript, bool json)
    {
        if (json)
        {
            await output.WriteLineAsync(TranscriptRenderer.ToJson(transcript)).ConfigureAwait(false);
        }
        else
        {
            await output.WriteLineAsync(TranscriptRenderer.Summary(transcript)).ConfigureAwait(false);
        }
    }

    private static Common AddCommon(Command command, string urlDescription)
    {
        var method = new Option<string>("--method") { Description = "How the URL is requested", DefaultValueFactory = _ => "POST" };
        method.AcceptOnlyFromAmong("POST", "GET");
        var fallbackMethod = new Option<string>("--fallback-method") { Description = "How the fallback URL is requested", DefaultValueFactory = _ => "POST" };
        fallbackMethod.AcceptOnlyFromAmong("POST", "GET");
        var errorCodes = new Option<string>("--error-codes")
        {
            Description = "classic: 11205 for refused connections, 11200 for 4xx/5xx; specific: 11202 and 11217",
            DefaultValueFactory = _ => "classic",
        };
        errorCodes.AcceptOnlyFromAmong("classic", "specific");
        var common = new Common(
            new Option<string>("--url", "-u") { Description = urlDescription, Required = true },
            new Option<string?>("--fallback-url") { Description = "Fallback URL: gets ErrorCode and ErrorUrl when the URL fails" },
            new Option<string?>("--token") { Description = $"Auth token that signs every request (default: ${TokenEnvironmentVariable}; none = unsigned)" },
            new Option<string>("--from") { Description = "Caller number", DefaultValueFactory = _ => CallSimulatorOptions.DefaultFrom },
            new Option<string>("--to") { Description = "Called number", DefaultValueFactory = _ => CallSimulatorOptions.DefaultTo },
            new Option<bool>("--json") { Description = "Print the transcript as one JSON document" },
            new Option<int?>("--timeout-connect") { Description = "TCP connect timeout per attempt in ms (Twilio: 5000, two attempts)" },
            new Option<int?>("--timeout-read") { Description = "Read timeout in ms (Twilio: 15000)" },
            new Option<int?>("--timeout-total") { Description = "Total time per request in ms, connect included (Twilio: 15000)" },
            method,
            fallbackMethod,
            errorCodes);
        foreach (var option in (Option[])[common.Url, common.FallbackUrl, common.Token, common.From, common.To, common.Json,
                     common.ConnectTimeout, common.ReadTimeout, common.TotalTimeout, method, fallbackMethod, errorCodes])
        {
            command.Options.Add(option);
        }

        return common;
    }

    private sealed record Shared(Uri Url, HttpMethod Method, Uri? FallbackUrl, HttpMethod FallbackMethod, string? Token, string From, string To,
        ConnectionSettings Connection, ErrorCodeStyle ErrorCodes);

    private static bool TryBuildShared(ParseResult parse, Common common, Func<string, string?> environment, TextWriter error, out Shared shared)
    {
        shared = null!;
        if (!TryUrl(parse.GetValue(common.Url), "--url", error, out var url))
        {
            return false;
        }

        Uri? fallback = null;
        if (parse.GetValue(common.FallbackUrl) is { } fallbackText && !TryUrl(fallbackText, "--fallback-url", error, out fallback))
        {
            return false;
        }

        var connection = ConnectionSettings.TwilioDefaults;
        foreach (var (option, apply) in new (Option<int?> Option, Func<ConnectionSettings, TimeSpan, ConnectionSettings> Apply)[]
                 {
                     (common.ConnectTimeout, (c, t) => c with { ConnectTimeout = t }),
                     (common.ReadTimeout, (c, t) => c with { ReadTimeout = t }),
                     (common.TotalTimeout, (c, t) => c with { TotalTimeout = t }),
                 })
        {
            if (parse.GetValue(option) is { } ms)
            {
                if (ms <= 0)
                {
                    error.WriteLine($"{option.Name} must be a positive number of milliseconds");
                    return false;
                }

                connection = apply(connection, TimeSpan.FromMilliseconds(ms));
            }
        }

        var token = parse.GetValue(common.Token);
        if (string.IsNullOrEmpty(token))
        {
            token = environment(TokenEnvironmentVariable);
        }

        shared = new Shared(
            url!,
            parse.GetValue(common.Method) == "GET" ? HttpMethod.Get : HttpMethod.Post,
            fallback,
            parse.GetValue(common.FallbackMethod) == "GET" ? HttpMethod.Get : HttpMethod.Post,
            string.IsNullOrEmpty(token) ? null : token,
            parse.GetValue(common.From) ?? CallSimulatorOptions.DefaultFrom,
            parse.GetValue(common.To) ?? CallSimulatorOptions.DefaultTo,
            connection,
            parse.GetValue(common.ErrorCodes) == "specific" ? ErrorCodeStyle.Specific : ErrorCodeStyle.Classic);
        return true;
    }

    internal static bool TryUrl(string? text, string name, TextWriter error, out Uri? url)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            return true;
        }

        error.WriteLine($"{name}: '{text}' is not an absolute http(s) URL");
        url = null;
        return false;
    }
}
