using System.Globalization;
using System.Xml.Linq;
using IvrService.Twilio.Webhooks;

namespace IvrService.Cli.Simulator;

/// <summary>
/// Twilio's reading of one TwiML document in a call: what the caller hears (Say, Play with the media fetched as
/// Twilio would, Pause), what they answer at a Gather, what Dial and Record report, and which request comes next or
/// how the call ends. Events go to the simulator's transcript; time is the call's <see cref="CallClock"/>.
/// </summary>
internal sealed class TwimlInterpreter(CallSimulatorOptions options, MediaFetcher media, CallClock clock, Action<CallEvent> emit)
{
    private readonly CallSimulatorOptions _options = options;
    private readonly MediaFetcher _media = media;
    private readonly CallClock _clock = clock;

    /// <summary>
    /// Runs the verbs of <paramref name="response"/> (requested from <paramref name="documentUrl"/>, against which
    /// relative URLs resolve): the next request (an action, a redirect), or the call's ending; a document that runs
    /// out of verbs completes the call.
    /// </summary>
    public async Task<(TwimlRequest? Next, CallEnding? Ending)> ExecuteAsync(XElement response, Uri documentUrl, CancellationToken cancellationToken)
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
                    Emit(new CallEvent { Kind = CallEventKind.Redirect, At = _clock.Now(), Url = target.ToString() });
                    return (new TwimlRequest("redirect", target, Method(verb), []), null);
                case "Dial":
                    var dialed = await DialAsync(verb, documentUrl, cancellationToken).ConfigureAwait(false);
                    if (dialed is not null)
                    {
                        return (dialed, null);
                    }

                    break;
                case "Record":
                    var recorded = await RecordAsync(verb, documentUrl, cancellationToken).ConfigureAwait(false);
                    if (recorded.Next is not null || recorded.Ending is not null)
                    {
                        return recorded;
                    }

                    break;
                case "Hangup":
                    return (null, new CallEnding(CallOutcome.Hangup, "<Hangup>"));
                case "Reject":
                    var reason = Attribute(verb, "reason") ?? "rejected";
                    return (null, new CallEnding(CallOutcome.Rejected, $"<Reject reason=\"{reason}\">"));
                case "Enqueue":
                    var queue = verb.Value.Trim();
                    Emit(new CallEvent { Kind = CallEventKind.Enqueue, At = _clock.Now(), Text = queue, Detail = Attribute(verb, "waitUrl") });
                    return (null, new CallEnding(CallOutcome.Enqueued, $"caller waits in queue '{queue}'"));
                case "Sms":
                case "Message":
                    Emit(new CallEvent
                    {
                        Kind = CallEventKind.Message,
                        At = _clock.Now(),
                        Text = Normalize(verb.Value),
                        Detail = $"<{verb.Name.LocalName}> in voice TwiML: the app asks Twilio to text {Attribute(verb, "to") ?? _options.From}; not sent by the simulator",
                    });
                    break;
                case "Connect" when verb.Elements().FirstOrDefault(e => e.Name.LocalName == "ConversationRelay") is { } relay:
                    var session = await new RelayClient(_options, _clock, Emit).RunAsync(verb, relay, documentUrl, cancellationToken).ConfigureAwait(false);
                    if (session.Next is not null || session.Ending is not null)
                    {
                        return session;
                    }

                    break;
                case "Leave" or "Connect" or "Start" or "Stop" or "Pay" or "Refer" or "Echo" or "Queue":
                    Emit(new CallEvent { Kind = CallEventKind.Note, At = _clock.Now(), Text = $"<{verb.Name.LocalName}> is not simulated; skipped" });
                    break;
                default:
                    Emit(new CallEvent
                    {
                        Kind = CallEventKind.Warning,
                        At = _clock.Now(),
                        ErrorCode = 12200,
                        Text = $"unknown verb <{verb.Name.LocalName}> (schema validation warning); skipped",
                    });
                    break;
            }
        }

        return (null, new CallEnding(CallOutcome.Completed, "end of TwiML"));
    }

    private void Say(XElement verb)
    {
        var text = Normalize(verb.Value);
        var loop = Loop(verb);
        Emit(new CallEvent
        {
            Kind = CallEventKind.Say,
            At = _clock.Now(),
            Text = text,
            Detail = Describe(("voice", Attribute(verb, "voice")), ("language", Attribute(verb, "language")), ("loop", loop == 1 ? null : Attribute(verb, "loop"))),
        });
        _clock.Advance(SpeechSeconds(text) * Math.Max(1, loop));
    }

    private async Task PlayAsync(XElement verb, Uri documentUrl, CancellationToken cancellationToken)
    {
        if (Attribute(verb, "digits") is { } digits)
        {
            Emit(new CallEvent { Kind = CallEventKind.PlayDigits, At = _clock.Now(), Digits = digits });
            _clock.Advance(digits.Length * 0.5);
            return;
        }

        var source = verb.Value.Trim();
        var at = _clock.Now();
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
                At = _clock.Now(),
                ErrorCode = code,
                Url = url.ToString(),
                Text = $"<Play> media failed: {media.Error}; Twilio skips it and continues",
            });
            return;
        }

        _clock.Advance((media.DurationSeconds ?? 0) * Math.Max(1, loop));
    }

    private void Pause(XElement verb)
    {
        var length = Integer(verb, "length") ?? 1;
        Emit(new CallEvent { Kind = CallEventKind.Pause, At = _clock.Now(), Detail = $"{length} s" });
        _clock.Advance(length);
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

    private async Task<(TwimlRequest? Next, CallEnding? Ending)> GatherAsync(XElement verb, Uri documentUrl, CancellationToken cancellationToken)
    {
        foreach (var child in verb.Elements())
        {
            if (!await TrySpeakAsync(child, documentUrl, cancellationToken).ConfigureAwait(false))
            {
                Emit(new CallEvent
                {
                    Kind = CallEventKind.Warning,
                    At = _clock.Now(),
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
            At = _clock.Now(),
            Url = action.ToString(),
            Detail = Describe(("input", input), ("numDigits", numDigits?.ToString(CultureInfo.InvariantCulture)),
                ("finishOnKey", finishOnKey), ("timeout", $"{timeout.TotalSeconds:0}s")),
        });

        var caller = await _options.Input.NextAsync(new GatherContext(input, numDigits, finishOnKey, timeout) { Action = action }, cancellationToken)
            .ConfigureAwait(false);
        var wantsDtmf = input.Contains("dtmf", StringComparison.OrdinalIgnoreCase);
        var wantsSpeech = input.Contains("speech", StringComparison.OrdinalIgnoreCase);
        var extra = new List<KeyValuePair<string, string>>();
        switch (caller.Kind)
        {
            case CallerActionKind.Hangup:
                Emit(new CallEvent { Kind = CallEventKind.Input, At = _clock.Now(), Text = "caller hangs up" });
                return (null, new CallEnding(CallOutcome.CallerHangup, "caller hung up at a <Gather>"));
            case CallerActionKind.Digits when wantsDtmf:
                var (digits, finishedOn) = CollectDigits(caller.Value, numDigits, finishOnKey);
                Emit(new CallEvent { Kind = CallEventKind.Input, At = _clock.Now(), Digits = caller.Value, Detail = finishedOn is null ? null : $"finished on {finishedOn}" });
                _clock.Advance(caller.Value.Length * 0.5 + (finishedOn is null && digits.Length < (numDigits ?? int.MaxValue) ? timeout.TotalSeconds : 0));
                if (digits.Length == 0)
                {
                    break;
                }

                extra.Add(new("Digits", digits));
                extra.Add(new("FinishedOnKey", finishedOn ?? string.Empty));
                extra.Add(new("msg", "Gather End"));
                return (new TwimlRequest("action", action, Method(verb), extra), null);
            case CallerActionKind.Speech when wantsSpeech:
                Emit(new CallEvent { Kind = CallEventKind.Input, At = _clock.Now(), Text = caller.Value, Detail = "speech" });
                _clock.Advance(SpeechSeconds(caller.Value) + 1);
                extra.Add(new("SpeechResult", caller.Value));
                extra.Add(new("Confidence", "0.9"));
                extra.Add(new("msg", "Gather End"));
                return (new TwimlRequest("action", action, Method(verb), extra), null);
            default:
                Emit(new CallEvent
                {
                    Kind = CallEventKind.Input,
                    At = _clock.Now(),
                    Text = caller.Kind == CallerActionKind.Timeout ? "no input (timeout)" : $"{caller.Kind.ToString().ToLowerInvariant()} ignored: Gather listens for {input}",
                    Digits = caller.Kind == CallerActionKind.Digits ? caller.Value : null,
                });
                _clock.Advance(timeout.TotalSeconds);
                break;
        }

        // No usable input: Twilio falls through to the next verb unless actionOnEmptyResult asks for the request anyway.
        if (actionOnEmpty)
        {
            extra.Add(new("msg", "Gather End"));
            return (new TwimlRequest("action", action, Method(verb), extra), null);
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

    private async Task<TwimlRequest?> DialAsync(XElement verb, Uri documentUrl, CancellationToken cancellationToken)
    {
        var target = verb.HasElements
            ? string.Join(", ", verb.Elements().Select(e => $"{e.Name.LocalName} {Normalize(e.Value)}".Trim()))
            : Normalize(verb.Value);
        var action = Attribute(verb, "action") is null ? null : Resolve(documentUrl, Attribute(verb, "action"));
        var status = await _options.Input.DialAsync(new DialContext(target, action), cancellationToken).ConfigureAwait(false) ?? _options.DialOutcome;
        var outcome = TwilioDialCallStatuses.ToWire(status);
        var ringTimeout = Integer(verb, "timeout") ?? 30;
        var talked = status == TwilioDialCallStatus.Completed ? (int)_options.DialDuration.TotalSeconds : 0;
        Emit(new CallEvent
        {
            Kind = CallEventKind.Dial,
            At = _clock.Now(),
            Text = target,
            Url = action?.ToString(),
            Detail = outcome + (talked > 0 ? $" after {talked} s" : ""),
        });
        _clock.Advance(status switch
        {
            TwilioDialCallStatus.Completed => 5 + talked,
            TwilioDialCallStatus.NoAnswer => ringTimeout,
            _ => 2,
        });

        if (action is null)
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

        return new TwimlRequest("action", action, Method(verb), extra);
    }

    private async Task<(TwimlRequest? Next, CallEnding? Ending)> RecordAsync(XElement verb, Uri documentUrl, CancellationToken cancellationToken)
    {
        var maxLength = Integer(verb, "maxLength") ?? 3600;
        var action = Resolve(documentUrl, Attribute(verb, "action"));
        var spoken = await _options.Input.RecordAsync(new RecordContext(maxLength, action), cancellationToken).ConfigureAwait(false) ?? _options.RecordingDuration;
        if (spoken == Timeout.InfiniteTimeSpan)
        {
            Emit(new CallEvent { Kind = CallEventKind.Input, At = _clock.Now(), Text = "caller hangs up", Action = action.ToString() });
            return (null, new CallEnding(CallOutcome.CallerHangup, "caller hung up at a <Record>"));
        }

        if (spoken <= TimeSpan.Zero)
        {
            // Silence: Twilio records nothing, requests no action and goes on with the next verb.
            var silence = Integer(verb, "timeout") ?? 5;
            Emit(new CallEvent { Kind = CallEventKind.Record, At = _clock.Now(), Action = action.ToString(), Detail = $"caller stays silent {silence} s; nothing recorded" });
            _clock.Advance(silence);
            return (null, null);
        }

        var seconds = (int)Math.Min(spoken.TotalSeconds, maxLength);
        var finishOnKey = Attribute(verb, "finishOnKey") ?? "1234567890*#";
        var recordingSid = CallSimulatorOptions.NewSid("RE");
        var recordingUrl = $"https://api.twilio.com/2010-04-01/Accounts/{_options.AccountSid}/Recordings/{recordingSid}";
        var finishedWith = finishOnKey.Contains('#', StringComparison.Ordinal) ? "#" : finishOnKey.Length > 0 ? finishOnKey[..1] : null;
        var playBeep = !string.Equals(Attribute(verb, "playBeep"), "false", StringComparison.OrdinalIgnoreCase);
        Emit(new CallEvent
        {
            Kind = CallEventKind.Record,
            At = _clock.Now(),
            Url = recordingUrl,
            Action = action.ToString(),
            Digits = finishedWith,
            Detail = $"{(playBeep ? "beep, " : "")}caller speaks {seconds} s" + (finishedWith is null ? ", ends on silence" : $", presses {finishedWith}")
                + (Attribute(verb, "transcribe") == "true" ? ", transcription requested (not simulated)" : ""),
        });
        _clock.Advance(seconds + 1);

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

        return (new TwimlRequest("action", action, Method(verb), extra), null);
    }

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

    internal static double SpeechSeconds(string text) => Math.Round(text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length * 0.4, 1);

    private static string? Describe(params (string Name, string? Value)[] items)
    {
        var parts = items.Where(i => i.Value is not null).Select(i => $"{i.Name}={i.Value}").ToArray();
        return parts.Length == 0 ? null : string.Join(' ', parts);
    }

    private void Emit(CallEvent callEvent) => emit(callEvent);
}

/// <summary>The next request Twilio makes in a call: which role it plays in the transcript, where, how, and the parameters it adds.</summary>
internal sealed record TwimlRequest(string Role, Uri Url, HttpMethod Method, IReadOnlyList<KeyValuePair<string, string>> Extra);

/// <summary>How a call ended, for the transcript and the status callback.</summary>
internal sealed record CallEnding(CallOutcome Outcome, string Detail, int? ErrorCode = null);

/// <summary>
/// A simulated call's time: real elapsed time plus the seconds the caller spent listening, pressing and waiting,
/// which the simulator does not sleep through.
/// </summary>
internal sealed class CallClock(TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();
    private double _simulatedSeconds;

    /// <summary>Seconds into the call, to the millisecond.</summary>
    public double Now() => Math.Round(time.GetElapsedTime(_started).TotalSeconds + _simulatedSeconds, 3);

    /// <summary>Adds <paramref name="seconds"/> the caller spent without a request being made.</summary>
    public void Advance(double seconds) => _simulatedSeconds += seconds;
}
