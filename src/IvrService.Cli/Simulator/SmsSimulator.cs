using System.Globalization;
using System.Xml.Linq;
using IvrService.Twilio.Messaging;

namespace IvrService.Cli.Simulator;

/// <summary>How to simulate one incoming SMS.</summary>
public sealed class SmsSimulatorOptions
{
    /// <summary>The number's Messaging URL.</summary>
    public required Uri Url { get; init; }

    public HttpMethod Method { get; init; } = HttpMethod.Post;

    public Uri? FallbackUrl { get; init; }

    public HttpMethod FallbackMethod { get; init; } = HttpMethod.Post;

    public string? AuthToken { get; init; }

    public required string Body { get; init; }

    public string From { get; init; } = CallSimulatorOptions.DefaultFrom;

    public string To { get; init; } = CallSimulatorOptions.DefaultTo;

    public string AccountSid { get; init; } = CallSimulatorOptions.NewSid("AC");

    public string MessageSid { get; init; } = CallSimulatorOptions.NewSid("SM");

    public ConnectionSettings Connection { get; init; } = ConnectionSettings.TwilioDefaults;

    public ErrorCodeStyle ErrorCodes { get; init; } = ErrorCodeStyle.Classic;

    /// <summary>At most this many TwiML requests (Redirect loops).</summary>
    public int MaxSteps { get; init; } = 10;

    public Func<HttpMessageHandler>? HandlerFactory { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public Action<CallEvent>? OnEvent { get; init; }
}

/// <summary>
/// Plays Twilio's part for one incoming SMS: posts it to the Messaging URL (with the same failover as voice), follows
/// &lt;Redirect&gt; and reports each &lt;Message&gt; reply with its segment count. When primary and fallback both fail,
/// Twilio sends nothing back (it only logs), so the outcome is an application error with no reply.
/// </summary>
public sealed class SmsSimulator(SmsSimulatorOptions options)
{
    private readonly List<CallEvent> _events = [];
    private long _started;

    public async Task<CallTranscript> RunAsync(CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var time = options.TimeProvider;
        // An injected handler belongs to the caller (it may be shared by many messages); the default one is ours.
        var injected = options.HandlerFactory?.Invoke();
        using var http = new HttpClient(injected ?? SimulatorHttp.CreateHandler(), disposeHandler: injected is null) { Timeout = Timeout.InfiniteTimeSpan };
        var client = new WebhookClient(new TimedHttpSender(http, time), options.AuthToken, WebhookChannel.Messaging,
            options.Connection, options.ErrorCodes, Emit, Now);
        _started = time.GetTimestamp();

        var inbound = SmsSegmentCalculator.Calculate(options.Body);
        Emit(new CallEvent
        {
            Kind = CallEventKind.Call,
            At = 0,
            Text = $"incoming SMS {options.From} -> {options.To}: \"{options.Body}\"",
            Detail = options.MessageSid,
            Url = options.Url.ToString(),
        });

        var (outcome, detail, errorCode, fallbackUsed) = await RunStepsAsync(client, inbound, cancellationToken).ConfigureAwait(false);
        Emit(new CallEvent { Kind = CallEventKind.End, At = Now(), Outcome = outcome, Detail = detail, ErrorCode = errorCode });
        return new CallTranscript
        {
            Channel = "sms",
            MessageSid = options.MessageSid,
            AccountSid = options.AccountSid,
            From = options.From,
            To = options.To,
            Url = options.Url.ToString(),
            FallbackUrl = options.FallbackUrl?.ToString(),
            Outcome = outcome,
            OutcomeDetail = detail,
            ErrorCode = errorCode,
            DurationSeconds = Now(),
            Requests = _events.Count(e => e.Kind == CallEventKind.Request),
            FallbackUsed = fallbackUsed,
            Events = _events.ToArray(),
        };
    }

    private async Task<(CallOutcome, string, int?, bool)> RunStepsAsync(WebhookClient client, SmsSegmentInfo inbound, CancellationToken cancellationToken)
    {
        var url = options.Url;
        var method = options.Method;
        var role = "sms";
        var fallbackUsed = false;
        var replies = 0;
        for (var step = 0; step < options.MaxSteps; step++)
        {
            var parameters = Parameters(inbound);
            var fallback = options.FallbackUrl is { } fallbackUrl ? (fallbackUrl, options.FallbackMethod) : ((Uri, HttpMethod)?)null;
            var (response, fellBack) = await TwilioFallbackRule.RequestAsync(
                client, role, url, method, parameters, fallback, static p => p, Emit, Now, cancellationToken).ConfigureAwait(false);
            fallbackUsed |= fellBack;

            if (!response.Succeeded)
            {
                return (CallOutcome.ApplicationError, $"{response.ErrorCode} {response.Failure.Describe()} at {response.Url}; no reply sent", response.ErrorCode, fallbackUsed);
            }

            Uri? redirect = null;
            foreach (var verb in response.Twiml!.Elements())
            {
                switch (verb.Name.LocalName)
                {
                    case "Message":
                        replies++;
                        Reply(verb, response.Url);
                        break;
                    case "Redirect":
                        redirect = TwimlInterpreter.Resolve(response.Url, verb.Value.Trim());
                        method = string.Equals(verb.Attribute("method")?.Value, "GET", StringComparison.OrdinalIgnoreCase) ? HttpMethod.Get : HttpMethod.Post;
                        Emit(new CallEvent { Kind = CallEventKind.Redirect, At = Now(), Url = redirect.ToString() });
                        break;
                    default:
                        Emit(new CallEvent { Kind = CallEventKind.Warning, At = Now(), ErrorCode = 12200, Text = $"<{verb.Name.LocalName}> is not a messaging verb; skipped" });
                        break;
                }

                if (redirect is not null)
                {
                    break;
                }
            }

            if (redirect is null)
            {
                return (CallOutcome.Completed, replies == 0 ? "no reply (TwiML without <Message>)" : $"{replies} reply message(s)", null, fallbackUsed);
            }

            url = redirect;
            role = "redirect";
        }

        return (CallOutcome.Aborted, $"safety net: more than {options.MaxSteps} TwiML requests", null, fallbackUsed);
    }

    private void Reply(XElement message, Uri documentUrl)
    {
        var bodyElement = message.Element("Body");
        var body = bodyElement?.Value ?? string.Concat(message.Nodes().OfType<XText>().Select(t => t.Value)).Trim();
        var media = message.Elements("Media").Select(m => TwimlInterpreter.Resolve(documentUrl, m.Value.Trim()).ToString()).ToArray();
        var segments = SmsSegmentCalculator.Calculate(body);
        var to = message.Attribute("to")?.Value ?? options.From;
        var parts = new List<string> { $"to {to}", $"{segments.EncodingName}, {segments.Units} units, {segments.Segments} segment(s)" };
        if (segments.Ucs2Characters.FirstOrDefault(c => c.IsAccidental) is { } accident)
        {
            // The one hint worth a line in a transcript: the message would be cheaper with a plain character.
            parts.Add($"UCS-2 because of '{accident.Character}' ({accident.CodePoint}) at {accident.Index}; '{accident.Gsm7Suggestion}' would keep it GSM-7");
        }
        if (media.Length > 0)
        {
            parts.Add($"media: {string.Join(' ', media)}");
        }

        if (message.Attribute("action")?.Value is { } action)
        {
            parts.Add($"action {action} not simulated");
        }

        Emit(new CallEvent { Kind = CallEventKind.Message, At = Now(), Text = body, Detail = string.Join("; ", parts) });
    }

    private List<KeyValuePair<string, string>> Parameters(SmsSegmentInfo inbound)
    {
        var (fromCity, fromState, fromZip, fromCountry) = CallSimulator.Geo(options.From);
        var (toCity, toState, toZip, toCountry) = CallSimulator.Geo(options.To);
        return
        [
            new("AccountSid", options.AccountSid),
            new("ApiVersion", "2010-04-01"),
            new("Body", options.Body),
            new("From", options.From),
            new("FromCity", fromCity),
            new("FromCountry", fromCountry),
            new("FromState", fromState),
            new("FromZip", fromZip),
            new("MessageSid", options.MessageSid),
            new("NumMedia", "0"),
            new("NumSegments", inbound.Segments.ToString(CultureInfo.InvariantCulture)),
            new("SmsMessageSid", options.MessageSid),
            new("SmsSid", options.MessageSid),
            new("SmsStatus", "received"),
            new("To", options.To),
            new("ToCity", toCity),
            new("ToCountry", toCountry),
            new("ToState", toState),
            new("ToZip", toZip),
        ];
    }

    private double Now() => Math.Round(options.TimeProvider.GetElapsedTime(_started).TotalSeconds, 3);

    private void Emit(CallEvent callEvent)
    {
        _events.Add(callEvent);
        options.OnEvent?.Invoke(callEvent);
    }
}
