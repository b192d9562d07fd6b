using System.Globalization;

namespace IvrService.Cli.Simulator;

/// <summary>
/// Plays Twilio's part in one inbound call, the call loop: requests the Voice URL, hands each TwiML document to the
/// <see cref="TwimlInterpreter"/>, makes the request it asks for next (posting the caller's input to <c>action</c>
/// URLs), fails over to the Fallback URL exactly once per failed request through <see cref="TwilioFallbackRule"/>
/// (twilio-protocol.md §3, §10), and posts the status callback. One instance runs one call; create another for the next.
/// </summary>
public sealed class CallSimulator
{
    /// <summary>What Twilio plays when both the app and its fallback fail.</summary>
    public const string ApplicationErrorMessage = "We are sorry, an application error has occurred. Goodbye.";

    private readonly CallSimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly List<CallEvent> _events = [];
    private CallClock _clock = null!;
    private int _steps;
    private bool _fallbackUsed;
    private WebhookClient _client = null!;
    private TwimlInterpreter _twiml = null!;

    public CallSimulator(CallSimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = options.TimeProvider;
    }

    /// <summary>Runs the call to its end and returns the transcript. Never throws for app failures; they are the transcript.</summary>
    public async Task<CallTranscript> RunAsync(CancellationToken cancellationToken = default)
    {
        // An injected handler belongs to the caller (it may be shared by many calls); the default one is ours.
        var injected = _options.HandlerFactory?.Invoke();
        using var http = new HttpClient(injected ?? SimulatorHttp.CreateHandler(), disposeHandler: injected is null) { Timeout = Timeout.InfiniteTimeSpan };
        var sender = new TimedHttpSender(http, _time);
        _client = new WebhookClient(sender, _options.AuthToken, WebhookChannel.Voice, _options.Connection, _options.ErrorCodes, Emit, Now);
        _clock = new CallClock(_time);
        var media = new MediaFetcher(sender, _options.MediaCache ?? new MediaCache(), _time, _options.ErrorCodes, _options.OnMediaBody);
        _twiml = new TwimlInterpreter(_options, media, _clock, Emit);

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
            _clock.Advance(TwimlInterpreter.SpeechSeconds(ApplicationErrorMessage));
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

    private async Task<CallEnding> RunStepsAsync(CancellationToken cancellationToken)
    {
        var step = new TwimlRequest("voice", _options.VoiceUrl, _options.VoiceMethod, []);
        var callStatus = "ringing";
        while (true)
        {
            if (_steps >= _options.MaxSteps)
            {
                return new CallEnding(CallOutcome.Aborted, $"safety net: more than {_options.MaxSteps} TwiML requests");
            }

            if (Now() > _options.MaxDuration.TotalSeconds)
            {
                return new CallEnding(CallOutcome.Aborted, $"safety net: call longer than {_options.MaxDuration}");
            }

            _steps++;
            var response = await FetchWithFailoverAsync(step, callStatus, cancellationToken).ConfigureAwait(false);
            callStatus = "in-progress";
            if (!response.Succeeded)
            {
                return new CallEnding(CallOutcome.ApplicationError, $"{response.ErrorCode} {response.Failure.Describe()} at {response.Url}", response.ErrorCode);
            }

            var (next, ending) = await _twiml.ExecuteAsync(response.Twiml!, response.Url, cancellationToken).ConfigureAwait(false);
            if (ending is not null)
            {
                return ending;
            }

            step = next!;
        }
    }

    private async Task<WebhookResponse> FetchWithFailoverAsync(TwimlRequest step, string callStatus, CancellationToken cancellationToken)
    {
        var parameters = CallParameters(callStatus);
        parameters.AddRange(step.Extra);
        var fallback = _options.FallbackUrl is { } fallbackUrl && step.Role != "fallback" ? (fallbackUrl, _options.FallbackMethod) : ((Uri, HttpMethod)?)null;
        var (response, fellBack) = await TwilioFallbackRule.RequestAsync(
            _client, step.Role, step.Url, step.Method, parameters, fallback, Finish, Emit, Now, cancellationToken).ConfigureAwait(false);
        _fallbackUsed |= fellBack;
        return response;
    }

    private async Task PostStatusCallbackAsync(Uri url, CallEnding ending, double duration, CancellationToken cancellationToken)
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

    private double Now() => _clock.Now();

    private void Emit(CallEvent callEvent)
    {
        _events.Add(callEvent);
        _options.OnEvent?.Invoke(callEvent);
    }
}
