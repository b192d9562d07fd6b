using System.Globalization;
using System.Xml.Linq;
using IvrService.Twilio.Webhooks;

namespace IvrService.Cli.Simulator;

/// <summary>
/// Plays Twilio's part in one inbound call: requests the Voice URL, follows the TwiML it gets back, posts the caller's
/// input to <c>action</c> URLs, and fails over to the Fallback URL exactly once per failed request
/// (twilio-protocol.md §3, §10). One instance runs one call; create another for the next.
/// </summary>
public sealed class CallSimulator
{
    /// <summary>What Twilio plays when both the app and its fallback fail.</summary>
    public const string ApplicationErrorMessage = "We are sorry, an application error has occurred. Goodbye.";

    private readonly CallSimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly List<CallEvent> _events = [];
    private long _started;
    private double _simulatedSeconds;
    private int _steps;
    private bool _fallbackUsed;
    private WebhookClient _client = null!;
    private MediaFetcher _media = null!;

    public CallSimulator(CallSimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = options.TimeProvider;
    }

    private sealed record Step(string Role, Uri Url, HttpMethod Method, IReadOnlyList<KeyValuePair<string, string>> Extra);

    private sealed record Ending(CallOutcome Outcome, string Detail, int? ErrorCode = null);

    /// <summary>Runs the call to its end and returns the transcript. Never throws for app failures; they are the transcript.</summary>
    public async Task<CallTranscript> RunAsync(CancellationToken cancellationToken = default)
    {
        // An injected handler belongs to the caller (it may be shared by many calls); the default one is ours.
        var injected = _options.HandlerFactory?.Invoke();
        using var http = new HttpClient(injected ?? SimulatorHttp.CreateHandler(), disposeHandler: injected is null) { Timeout = Timeout.InfiniteTimeSpan };
        var sender = new TimedHttpSender(http, _time);
        _client = new WebhookClient(sender, _options.AuthToken, WebhookChannel.Voice, _options.Connection, _options.ErrorCodes, Emit, Now);
        _media = new MediaFetcher(sender, _options.MediaCache ?? new MediaCache(), _time, _options.ErrorCodes, _options.OnMediaBody);
        _started = _time.GetTimestamp();

        Emit(new CallEvent
        {
            Kind = CallEventKind.Call,
            At = 0,
            Text = $"incoming call {_options.From} -> {_options.To}",
            Detail = _options.CallSid,
            Url = _options.VoiceUrl.ToString(),
        });

        var ending = await RunStepsAsync(cancellationToken).ConfigureAwait(false);
        if (ending.Outcome == CallOutcome.ApplicationError)
        {
            Emit(new CallEvent { Kind = CallEventKind.ApplicationError, At = Now(), Text = ApplicationErrorMessage, ErrorCode = ending.ErrorCode });
            _simulatedSeconds += SpeechSeconds(ApplicationErrorMessage);
        }

        var duration = Math.Round(Now(), 3);
        Emit(new CallEvent { Kind = CallEventKind.End, At = duration, Outcome = ending.Outcome, Detail = ending.Detail, ErrorCode = ending.ErrorCode });

        if (_options.StatusCallbackUrl is { } statusCallback)
        {
            await PostStatusCallbackAsync(statusCallback, ending, duration, cancellationToken).ConfigureAwait(false);
        }

        return new CallTranscript
        {
            Channel = "voice",
            CallSid = _options.CallSid,
            AccountSid = _options.AccountSid,
            From = _options.From,
            To = _options.To,
            Url = _options.VoiceUrl.ToString(),
            FallbackUrl = _options.FallbackUrl?.ToString(),
            Outcome = ending.Outcome,
            OutcomeDetail = ending.Detail,
            ErrorCode = ending.ErrorCode,
            DurationSeconds = duration,
            Requests = _events.Count(e => e.Kind is CallEventKind.Request or CallEventKind.StatusCallback),
            FallbackUsed = _fallbackUsed,
            Events = _events.ToArray(),
        };
    }

    private async Task<Ending> RunStepsAsync(CancellationToken cancellationToken)
    {
        var step = new Step("voice", _options.VoiceUrl, _options.VoiceMethod, []);
        var callStatus = "ringing";
        while (true)
        {
            if (_steps >= _options.MaxSteps)
            {
                return new Ending(CallOutcome.Aborted, $"safety net: more than {_options.MaxSteps} TwiML requests");
            }

            if (Now() > _options.MaxDuration.TotalSeconds)
            {
                return new Ending(CallOutcome.Aborted, $"safety net: call longer than {_options.MaxDuration}");
            }

            _steps++;
            var response = await FetchWithFailoverAsync(step, callStatus, cancellationToken).ConfigureAwait(false);
            callStatus = "in-progress";
            if (!response.Succeeded)
            {
                return new Ending(CallOutcome.ApplicationError, $"{response.ErrorCode} {response.Failure.Describe()} at {response.Url}", response.ErrorCode);
            }

            var (next, ending) = await ExecuteAsync(response.Twiml!, response.Url, cancellationToken).ConfigureAwait(false);
            if (ending is not null)
            {
                return ending;
            }

            step = next!;
        }
    }

    private async Task<WebhookResponse> FetchWithFailoverAsync(Step step, string callStatus, CancellationToken cancellationToken)
    {
        var parameters = CallParameters(callStatus);
        parameters.AddRange(step.Extra);
        var response = await _client.RequestAsync(step.Role, step.Url, step.Method, Finish(parameters), expectTwiml: true, cancellationToken)
            .ConfigureAwait(false);
        if (response.Succeeded || _options.FallbackUrl is not { } fallbackUrl || step.Role == "fallback")
        {
            return response;
        }

        // Twilio sends the failed request's parameters again, plus what went wrong and where.
        _fallbackUsed = true;
        Emit(TwilioFallbackRule.HandOver(response, fallbackUrl, Now()));
        TwilioFallbackRule.AddFailure(parameters, response);
        return await _client.RequestAsync("fallback", fallbackUrl, _options.FallbackMethod, Finish(parameters), expectTwiml: true, cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<(Step? Next, Ending? Ending)> ExecuteAsync(XElement response, Uri documentUrl, CancellationToken cancellationToken)
    {
        foreach (var verb in response.Elements())
        {
            if (await TrySpeakAsync(verb, documentUrl, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            switch (verb.Name.LocalName)
            {
                case "Gather":
                    var gathered = await GatherAsync(verb, documentUrl, cancellationToken).ConfigureAwait(false);
                    if (gathered.Next is not null || gathered.Ending is not null)
                    {
                        return gathered;
                    }

                    break;
                case "Redirect":
                    var target = Resolve(documentUrl, verb.Value.Trim());
                    Emit(new CallEvent { Kind = CallEventKind.Redirect, At = Now(), Url = target.ToString() });
                    return (new Step("redirect", target, Method(verb), []), null);
                case "Dial":
                    var dialed = Dial(verb, documentUrl);
                    if (dialed is not null)
                    {
                        return (dialed, null);
                    }

                    break;
                case "Record":
                    return (Record(verb, documentUrl), null);
                case "Hangup":
                    return (null, new Ending(CallOutcome.Hangup, "<Hangup>"));
                case "Reject":
                    var reason = Attribute(verb, "reason") ?? "rejected";
                    return (null, new Ending(CallOutcome.Rejected, $"<Reject reason=\"{reason}\">"));
                case "Enqueue":
                    var queue = verb.Value.Trim();
                    Emit(new CallEvent { Kind = CallEventKind.Enqueue, At = Now(), Text = queue, Detail = Attribute(verb, "waitUrl") });
                    return (null, new Ending(CallOutcome.Enqueued, $"caller waits in queue '{queue}'"));
                case "Sms":
                case "Message":
                    Emit(new CallEvent
                    {
                        Kind = CallEventKind.Message,
                        At = Now(),
                        Text = Normalize(verb.Value),
                        Detail = $"<{verb.Name.LocalName}> in voice TwiML: the app asks Twilio to text {Attribute(verb, "to") ?? _options.From}; not sent by the simulator",
                    });
                    break;
                case "Leave" or "Connect" or "Start" or "Stop" or "Pay" or "Refer" or "Echo" or "Queue":
                    Emit(new CallEvent { Kind = CallEventKind.Note, At = Now(), Text = $"<{verb.Name.LocalName}> is not simulated; skipped" });
                    break;
                default:
                    Emit(new CallEvent
                    {
                        Kind = CallEventKind.Warning,
                        At = Now(),
                        ErrorCode = 12200,
                        Text = $"unknown verb <{verb.Name.LocalName}> (schema validation warning); skipped",
                    });
                    break;
            }
        }

        return (null, new Ending(CallOutcome.Completed, "end of TwiML"));
    }

    private void Say(XElement verb)
    {
        var text = Normalize(verb.Value);
        var loop = Loop(verb);
        Emit(new CallEvent
        {
            Kind = CallEventKind.Say,
            At = Now(),
            Text = text,
            Detail = Describe(("voice", Attribute(verb, "voice")), ("language", Attribute(verb, "language")), ("loop", loop == 1 ? null : Attribute(verb, "loop"))),
        });
        _simulatedSeconds += SpeechSeconds(text) * Math.Max(1, loop);
    }

    private async Task PlayAsync(XElement verb, Uri documentUrl, CancellationToken cancellationToken)
    {
        if (Attribute(verb, "digits") is { } digits)
        {
            Emit(new CallEvent { Kind = CallEventKind.PlayDigits, At = Now(), Digits = digits });
            _simulatedSeconds += digits.Length * 0.5;
            return;
        }

        var source = verb.Value.Trim();
        var at = Now();
        Uri url;
        try
        {
            url = Resolve(documentUrl, source);
        }
        catch (UriFormatException)
        {
            Emit(new CallEvent { Kind = CallEventKind.Warning, At = at, ErrorCode = 11100, Text = $"<Play> URL '{source}' is invalid; skipped" });
            return;
        }

        var notes = new List<string>();
        var settings = _options.Connection.WithFragment(url.Fragment, notes, out _);
        var media = await _media.FetchAsync(url, settings, cancellationToken).ConfigureAwait(false);
        var loop = Loop(verb);
        Emit(new CallEvent
        {
            Kind = CallEventKind.Play,
            At = at,
            Url = url.ToString(),
            App = $"{url.Host}:{url.Port}",
            Media = media,
            ErrorCode = media.ErrorCode,
            Detail = loop == 1 ? null : $"loop={Attribute(verb, "loop")}",
        });
        if (media.ErrorCode is { } code)
        {
            // Twilio logs the failed fetch and moves on to the next verb; the caller hears nothing for this <Play>.
            Emit(new CallEvent
            {
                Kind = CallEventKind.Warning,
                At = Now(),
                ErrorCode = code,
                Url = url.ToString(),
                Text = $"<Play> media failed: {media.Error}; Twilio skips it and continues",
            });
            return;
        }

        _simulatedSeconds += (media.DurationSeconds ?? 0) * Math.Max(1, loop);
    }

    private void Pause(XElement verb)
    {
        var length = Integer(verb, "length") ?? 1;
        Emit(new CallEvent { Kind = CallEventKind.Pause, At = Now(), Detail = $"{length} s" });
        _simulatedSeconds += length;
    }

    /// <summary>Say, Play and Pause: what the caller hears, at top level or inside a Gather.</summary>
    private async Task<bool> TrySpeakAsync(XElement verb, Uri documentUrl, CancellationToken cancellationToken)
    {
        switch (verb.Name.LocalName)
        {
            case "Say":
                Say(verb);
                return true;
            case "Play":
                await PlayAsync(verb, documentUrl, cancellationToken).ConfigureAwait(false);
                return true;
            case "Pause":
                Pause(verb);
                return true;
            default:
                return false;
        }
    }

    private async Task<(Step? Next, Ending? Ending)> GatherAsync(XElement verb, Uri documentUrl, CancellationToken cancellationToken)
    {
        foreach (var child in verb.Elements())
        {
            if (!await TrySpeakAsync(child, documentUrl, cancellationToken).ConfigureAwait(false))
            {
                Emit(new CallEvent
                {
                    Kind = CallEventKind.Warning,
                    At = Now(),
                    ErrorCode = 12200,
                    Text = $"<{child.Name.LocalName}> is not allowed inside <Gather>; skipped",
                });
            }
        }

        var input = Attribute(verb, "input") ?? "dtmf";
        var numDigits = Integer(verb, "numDigits");
        var finishOnKey = Attribute(verb, "finishOnKey") ?? "#";
        var timeout = TimeSpan.FromSeconds(Integer(verb, "timeout") ?? 5);
        var actionOnEmpty = string.Equals(Attribute(verb, "actionOnEmptyResult"), "true", StringComparison.OrdinalIgnoreCase);
        var action = Resolve(documentUrl, Attribute(verb, "action"));
        Emit(new CallEvent
        {
            Kind = CallEventKind.Gather,
            At = Now(),
            Url = action.ToString(),
            Detail = Describe(("input", input), ("numDigits", numDigits?.ToString(CultureInfo.InvariantCulture)),
                ("finishOnKey", finishOnKey), ("timeout", $"{timeout.TotalSeconds:0}s")),
        });

        var caller = await _options.Input.NextAsync(new GatherContext(input, numDigits, finishOnKey, timeout), cancellationToken).ConfigureAwait(false);
        var wantsDtmf = input.Contains("dtmf", StringComparison.OrdinalIgnoreCase);
        var wantsSpeech = input.Contains("speech", StringComparison.OrdinalIgnoreCase);
        var extra = new List<KeyValuePair<string, string>>();
        switch (caller.Kind)
        {
            case CallerActionKind.Hangup:
                Emit(new CallEvent { Kind = CallEventKind.Input, At = Now(), Text = "caller hangs up" });
                return (null, new Ending(CallOutcome.CallerHangup, "caller hung up at a <Gather>"));
            case CallerActionKind.Digits when wantsDtmf:
                var (digits, finishedOn) = CollectDigits(caller.Value, numDigits, finishOnKey);
                Emit(new CallEvent { Kind = CallEventKind.Input, At = Now(), Digits = caller.Value, Detail = finishedOn is null ? null : $"finished on {finishedOn}" });
                _simulatedSeconds += caller.Value.Length * 0.5 + (finishedOn is null && digits.Length < (numDigits ?? int.MaxValue) ? timeout.TotalSeconds : 0);
                if (digits.Length == 0)
                {
                    break;
                }

                extra.Add(new("Digits", digits));
                extra.Add(new("FinishedOnKey", finishedOn ?? string.Empty));
                extra.Add(new("msg", "Gather End"));
                return (new Step("action", action, Method(verb), extra), null);
            case CallerActionKind.Speech when wantsSpeech:
                Emit(new CallEvent { Kind = CallEventKind.Input, At = Now(), Text = caller.Value, Detail = "speech" });
                _simulatedSeconds += SpeechSeconds(caller.Value) + 1;
                extra.Add(new("SpeechResult", caller.Value));
                extra.Add(new("Confidence", "0.9"));
                extra.Add(new("msg", "Gather End"));
                return (new Step("action", action, Method(verb), extra), null);
            default:
                Emit(new CallEvent
                {
                    Kind = CallEventKind.Input,
                    At = Now(),
                    Text = caller.Kind == CallerActionKind.Timeout ? "no input (timeout)" : $"{caller.Kind.ToString().ToLowerInvariant()} ignored: Gather listens for {input}",
                    Digits = caller.Kind == CallerActionKind.Digits ? caller.Value : null,
                });
                _simulatedSeconds += timeout.TotalSeconds;
                break;
        }

        // No usable input: Twilio falls through to the next verb unless actionOnEmptyResult asks for the request anyway.
        if (actionOnEmpty)
        {
            extra.Add(new("msg", "Gather End"));
            return (new Step("action", action, Method(verb), extra), null);
        }

        return (null, null);
    }

    internal static (string Digits, string? FinishedOn) CollectDigits(string pressed, int? numDigits, string finishOnKey)
    {
        var digits = new System.Text.StringBuilder();
        foreach (var key in pressed)
        {
            if (finishOnKey.Length > 0 && finishOnKey.Contains(key, StringComparison.Ordinal))
            {
                return (digits.ToString(), key.ToString());
            }

            digits.Append(key);
            if (numDigits is { } n && digits.Length >= n)
            {
                break;
            }
        }

        return (digits.ToString(), null);
    }

    private Step? Dial(XElement verb, Uri documentUrl)
    {
        var target = verb.HasElements
            ? string.Join(", ", verb.Elements().Select(e => $"{e.Name.LocalName} {Normalize(e.Value)}".Trim()))
            : Normalize(verb.Value);
        var outcome = TwilioDialCallStatuses.ToWire(_options.DialOutcome);
        var ringTimeout = Integer(verb, "timeout") ?? 30;
        var talked = _options.DialOutcome == TwilioDialCallStatus.Completed ? (int)_options.DialDuration.TotalSeconds : 0;
        Emit(new CallEvent { Kind = CallEventKind.Dial, At = Now(), Text = target, Detail = outcome + (talked > 0 ? $" after {talked} s" : "") });
        _simulatedSeconds += _options.DialOutcome switch
        {
            TwilioDialCallStatus.Completed => 5 + talked,
            TwilioDialCallStatus.NoAnswer => ringTimeout,
            _ => 2,
        };

        if (Attribute(verb, "action") is null)
        {
            return null;
        }

        var extra = new List<KeyValuePair<string, string>>
        {
            new("DialCallStatus", outcome),
            new("DialCallSid", CallSimulatorOptions.NewSid("CA")),
        };
        if (talked > 0)
        {
            extra.Add(new("DialCallDuration", talked.ToString(CultureInfo.InvariantCulture)));
        }

        return new Step("action", Resolve(documentUrl, Attribute(verb, "action")), Method(verb), extra);
    }

    private Step Record(XElement verb, Uri documentUrl)
    {
        var maxLength = Integer(verb, "maxLength") ?? 3600;
        var seconds = (int)Math.Min(_options.RecordingDuration.TotalSeconds, maxLength);
        var finishOnKey = Attribute(verb, "finishOnKey") ?? "1234567890*#";
        var recordingSid = CallSimulatorOptions.NewSid("RE");
        var recordingUrl = $"https://api.twilio.com/2010-04-01/Accounts/{_options.AccountSid}/Recordings/{recordingSid}";
        var finishedWith = finishOnKey.Contains('#', StringComparison.Ordinal) ? "#" : finishOnKey.Length > 0 ? finishOnKey[..1] : null;
        var playBeep = !string.Equals(Attribute(verb, "playBeep"), "false", StringComparison.OrdinalIgnoreCase);
        Emit(new CallEvent
        {
            Kind = CallEventKind.Record,
            At = Now(),
            Url = recordingUrl,
            Digits = finishedWith,
            Detail = $"{(playBeep ? "beep, " : "")}caller speaks {seconds} s" + (finishedWith is null ? ", ends on silence" : $", presses {finishedWith}")
                + (Attribute(verb, "transcribe") == "true" ? ", transcription requested (not simulated)" : ""),
        });
        _simulatedSeconds += seconds + 1;

        var extra = new List<KeyValuePair<string, string>>
        {
            new("RecordingUrl", recordingUrl),
            new("RecordingDuration", seconds.ToString(CultureInfo.InvariantCulture)),
            new("RecordingSid", recordingSid),
        };
        if (finishedWith is not null)
        {
            extra.Add(new("Digits", finishedWith));
        }

        return new Step("action", Resolve(documentUrl, Attribute(verb, "action")), Method(verb), extra);
    }

    private async Task PostStatusCallbackAsync(Uri url, Ending ending, double duration, CancellationToken cancellationToken)
    {
        var status = ending.Outcome == CallOutcome.Rejected
            ? ending.Detail.Contains("busy", StringComparison.Ordinal) ? "busy" : "no-answer"
            : "completed";
        var parameters = CallParameters(status);
        var seconds = (int)Math.Ceiling(duration);
        parameters.Add(new("CallDuration", seconds.ToString(CultureInfo.InvariantCulture)));
        parameters.Add(new("Duration", ((seconds + 59) / 60).ToString(CultureInfo.InvariantCulture)));
        parameters.Add(new("Timestamp", _time.GetUtcNow().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture)));
        parameters.Add(new("CallbackSource", "call-progress-events"));
        parameters.Add(new("SequenceNumber", "0"));
        await _client.RequestAsync("status-callback", url, HttpMethod.Post, Finish(parameters), expectTwiml: false, cancellationToken).ConfigureAwait(false);
    }

    private List<KeyValuePair<string, string>> CallParameters(string callStatus)
    {
        var (fromCity, fromState, fromZip, fromCountry) = Geo(_options.From);
        var (toCity, toState, toZip, toCountry) = Geo(_options.To);
        return
        [
            new("AccountSid", _options.AccountSid),
            new("ApiVersion", "2010-04-01"),
            new("CallSid", _options.CallSid),
            new("CallStatus", callStatus),
            new("Called", _options.To),
            new("CalledCity", toCity),
            new("CalledCountry", toCountry),
            new("CalledState", toState),
            new("CalledZip", toZip),
            new("Caller", _options.From),
            new("CallerCity", fromCity),
            new("CallerCountry", fromCountry),
            new("CallerState", fromState),
            new("CallerZip", fromZip),
            new("Direction", "inbound"),
            new("From", _options.From),
            new("FromCity", fromCity),
            new("FromCountry", fromCountry),
            new("FromState", fromState),
            new("FromZip", fromZip),
            new("To", _options.To),
            new("ToCity", toCity),
            new("ToCountry", toCountry),
            new("ToState", toState),
            new("ToZip", toZip),
        ];
    }

    private List<KeyValuePair<string, string>> Finish(List<KeyValuePair<string, string>> parameters)
    {
        if (!_options.FuzzParameters)
        {
            return parameters;
        }

        // New parameters appear without notice and order is not guaranteed: apps must bind leniently and sign everything.
        var fuzzed = new List<KeyValuePair<string, string>>(parameters) { new("SimulatorProbe", "caf\u00e9 \u2713") };
        Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(fuzzed));
        return fuzzed;
    }

    internal static (string City, string State, string Zip, string Country) Geo(string number) => number switch
    {
        _ when number.StartsWith("+1415", StringComparison.Ordinal) => ("SAN FRANCISCO", "CA", "94103", "US"),
        _ when number.StartsWith("+1212", StringComparison.Ordinal) => ("NEW YORK", "NY", "10001", "US"),
        _ when number.StartsWith("+1", StringComparison.Ordinal) => ("", "", "", "US"),
        _ when number.StartsWith("+44", StringComparison.Ordinal) => ("", "", "", "GB"),
        _ => ("", "", "", ""),
    };

    internal static Uri Resolve(Uri documentUrl, string? reference)
    {
        // Relative action/Redirect/Play URLs resolve against the current document; an absent one means the document itself.
        var baseUrl = new Uri(documentUrl.GetComponents(UriComponents.HttpRequestUrl | UriComponents.UserInfo, UriFormat.UriEscaped));
        return string.IsNullOrWhiteSpace(reference) ? baseUrl : new Uri(baseUrl, reference.Trim());
    }

    private static HttpMethod Method(XElement verb) =>
        string.Equals(Attribute(verb, "method"), "GET", StringComparison.OrdinalIgnoreCase) ? HttpMethod.Get : HttpMethod.Post;

    private static string? Attribute(XElement element, string name) => element.Attribute(name)?.Value;

    private static int? Integer(XElement element, string name) =>
        int.TryParse(Attribute(element, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static int Loop(XElement verb) => Integer(verb, "loop") ?? 1;

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static double SpeechSeconds(string text) => Math.Round(text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length * 0.4, 1);

    private static string? Describe(params (string Name, string? Value)[] items)
    {
        var parts = items.Where(i => i.Value is not null).Select(i => $"{i.Name}={i.Value}").ToArray();
        return parts.Length == 0 ? null : string.Join(' ', parts);
    }

    private double Now() => Math.Round(_time.GetElapsedTime(_started).TotalSeconds + _simulatedSeconds, 3);

    private void Emit(CallEvent callEvent)
    {
        _events.Add(callEvent);
        _options.OnEvent?.Invoke(callEvent);
    }
}
