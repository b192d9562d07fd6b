using IvrService.Cli.Simulator;

namespace IvrService.Cli.Phone;

/// <summary>How the dev phone calls: the number's URLs, the token and Twilio's timers.</summary>
internal sealed record PhoneSettings
{
    public required Uri VoiceUrl { get; init; }

    public Uri? FallbackUrl { get; init; }

    public string? AuthToken { get; init; }

    public string From { get; init; } = CallSimulatorOptions.DefaultFrom;

    public string To { get; init; } = CallSimulatorOptions.DefaultTo;

    public ConnectionSettings Connection { get; init; } = ConnectionSettings.TwilioDefaults;

    /// <summary>The scenario file "Save as scenario" appends to (the flow's <c>.tests.yaml</c>), or null.</summary>
    public string? TestsPath { get; init; }
}

/// <summary>
/// The dev phone's state: at most one call at a time, run by the simulator's own engine (<see cref="CallSimulator"/>)
/// with the browser as the caller, and an append-only event log the page follows. The media cache and the failure
/// switch live as long as the phone, like Twilio's warm proxies and a primary that stays down between calls.
/// </summary>
internal sealed class PhoneHub : IDisposable
{
    /// <summary>Events kept for pages that (re)connect; a call is a few dozen.</summary>
    public const int MaxEvents = 5000;

    private readonly PhoneSettings _settings;
    private readonly Action<string>? _log;
    private readonly List<PhoneEvent> _events = [];
    private readonly Lock _lock = new();
    private readonly MediaCache _cache = new();
    private readonly PrimaryFailureHandler _handler;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _seq;
    private ActiveCall? _call;
    private (List<CallEvent> Events, CallTranscript? Transcript)? _lastCall;

    private sealed record ActiveCall(string CallSid, PhoneCallerInput Input, CancellationTokenSource Cancel)
    {
        public Task Run { get; set; } = Task.CompletedTask;

        public List<CallEvent> Events { get; } = [];
    }

    public PhoneHub(PhoneSettings settings, PhoneFlow flow, PhoneMediaStore media, Action<string>? log = null)
    {
        _settings = settings;
        Flow = flow;
        Media = media;
        _log = log;
        _handler = PrimaryFailureHandler.Create(settings.VoiceUrl, settings.FallbackUrl);
    }

    public PhoneSettings Settings => _settings;

    public PhoneFlow Flow { get; }

    public PhoneMediaStore Media { get; }

    public PrimaryFailureMode Failure => _handler.Mode;

    public bool InCall
    {
        get
        {
            lock (_lock)
            {
                return _call is not null;
            }
        }
    }

    public long LastSeq
    {
        get
        {
            lock (_lock)
            {
                return _seq;
            }
        }
    }

    /// <summary>Places a call; null when one is already going on.</summary>
    public string? StartCall()
    {
        ActiveCall call;
        lock (_lock)
        {
            if (_call is not null)
            {
                return null;
            }

            var callSid = CallSimulatorOptions.NewSid("CA");
            PhoneCallerInput input = null!;
            input = new PhoneCallerInput(gather => Publish(new PhoneEvent
            {
                Type = PhoneEventType.Listening,
                CallSid = callSid,
                Listening = new PhoneGather(gather.Input, gather.NumDigits, gather.FinishOnKey, gather.Timeout.TotalSeconds),
            }));
            call = new ActiveCall(callSid, input, new CancellationTokenSource());
            _call = call;
        }

        Publish(new PhoneEvent { Type = PhoneEventType.Call, CallSid = call.CallSid, Node = Flow.StartNode, DiagramId = Flow.DiagramId(Flow.StartNode) });
        var simulator = new CallSimulator(new CallSimulatorOptions
        {
            VoiceUrl = _settings.VoiceUrl,
            FallbackUrl = _settings.FallbackUrl,
            AuthToken = _settings.AuthToken,
            From = _settings.From,
            To = _settings.To,
            CallSid = call.CallSid,
            Input = call.Input,
            Connection = _settings.Connection,
            HandlerFactory = () => _handler,
            MediaCache = _cache,
            OnMediaBody = Media.Put,
            OnEvent = e =>
            {
                call.Events.Add(e);
                OnCallEvent(call.CallSid, e);
            },
        });
        call.Run = Task.Run(() => RunAsync(call, simulator));
        return call.CallSid;
    }

    private async Task RunAsync(ActiveCall call, CallSimulator simulator)
    {
        CallOutcome outcome;
        CallTranscript? transcript = null;
        try
        {
            transcript = await simulator.RunAsync(call.Cancel.Token).ConfigureAwait(false);
            outcome = transcript.Outcome;
        }
        catch (OperationCanceledException)
        {
            // Hung up while a request was on its way: like Twilio, nobody waits for the answer.
            outcome = CallOutcome.CallerHangup;
            Publish(new PhoneEvent { Type = PhoneEventType.Event, CallSid = call.CallSid, Text = "Caller hung up while the app was being asked." });
        }
#pragma warning disable CA1031 // The page must learn that the call ended whatever went wrong; the reason is shown.
        catch (Exception e)
#pragma warning restore CA1031
        {
            outcome = CallOutcome.Aborted;
            Publish(new PhoneEvent { Type = PhoneEventType.Event, CallSid = call.CallSid, Text = $"The simulator failed: {e.Message}" });
        }

        lock (_lock)
        {
            _call = null;
            _lastCall = (call.Events, transcript);
        }

        call.Cancel.Dispose();
        Publish(new PhoneEvent { Type = PhoneEventType.Ended, CallSid = call.CallSid, Outcome = outcome });
    }

    private void OnCallEvent(string callSid, CallEvent e)
    {
        string? answered = null;
        if (e.Kind == CallEventKind.Request)
        {
            var url = e.Url is not null && Uri.TryCreate(e.Url, UriKind.Absolute, out var parsed) ? parsed : null;
            answered = e.Role == "fallback" || (url is not null && _handler.IsFallback(url)) ? "fallback"
                : url is not null && _handler.IsPrimary(url) ? "primary"
                : "other";
        }

        string? audio = null;
        if (e.Kind == CallEventKind.Play && e.Media?.ErrorCode is null && e.Url is not null && Uri.TryCreate(e.Url, UriKind.Absolute, out var mediaUrl))
        {
            var key = MediaFetcher.Key(mediaUrl);
            if (Media.TryGet(key, out _))
            {
                audio = "/media?url=" + Uri.EscapeDataString(key);
            }
        }

        var node = Flow.NodeFor(e, _settings.VoiceUrl);
        var line = TranscriptRenderer.Line(e);
        _log?.Invoke(line);
        Publish(new PhoneEvent
        {
            Type = PhoneEventType.Event,
            CallSid = callSid,
            Event = e,
            Text = Flow.Describe(e, answered),
            Line = line,
            Node = node,
            DiagramId = Flow.DiagramId(node),
            Answered = answered,
            Audio = audio,
        });
    }

    /// <summary>
    /// The last finished call as a scenario named <paramref name="name"/> (<see cref="Scenarios.ScenarioRecorder"/>),
    /// appended to <paramref name="testsPath"/>; the problems when it cannot be (no call yet, no flow, a check failed).
    /// </summary>
    public IReadOnlyList<string> SaveScenario(string name, string testsPath)
    {
        (List<CallEvent> Events, CallTranscript? Transcript)? last;
        lock (_lock)
        {
            last = _call is null ? _lastCall : null;
        }

        if (last is not { } call)
        {
            return ["There is no finished call to save; make a call and hang up first."];
        }

        if (Flow.Definition is not { } flow)
        {
            return [$"The flow is not loaded: {Flow.Error}"];
        }

        var yaml = Scenarios.ScenarioRecorder.ToYaml(name, _settings.From, call.Events, flow, call.Transcript);
        var problems = Scenarios.ScenarioRecorder.Append(testsPath, yaml, flow);
        _log?.Invoke(problems.Count == 0 ? $"saved the call as scenario '{name}' in {testsPath}" : $"scenario not saved: {problems[0]}");
        return problems.Select(p => p.ToString()).ToList();
    }

    /// <summary>The caller's answer to the waiting Gather; false when nothing listens.</summary>
    public bool Submit(CallerAction action)
    {
        ActiveCall? call;
        lock (_lock)
        {
            call = _call;
        }

        return call is not null && call.Input.TrySubmit(action);
    }

    /// <summary>Hangs up the current call, if any: at a Gather it ends cleanly; mid-request the request is abandoned.</summary>
    public bool HangUp()
    {
        ActiveCall? call;
        lock (_lock)
        {
            call = _call;
        }

        if (call is null)
        {
            return false;
        }

        var listening = call.Input.IsListening;
        call.Input.HangUp();
        if (!listening)
        {
            try
            {
                call.Cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The call ended on its own in the meantime.
            }
        }

        return true;
    }

    public void SetFailure(PrimaryFailureMode mode)
    {
        _handler.Mode = mode;
        _log?.Invoke(mode == PrimaryFailureMode.None ? "primary failure switch: off" : $"primary failure switch: {mode}");
        Publish(new PhoneEvent { Type = PhoneEventType.Failure, Failure = mode });
    }

    /// <summary>Events after <paramref name="after"/>, and a task that completes when more arrive.</summary>
    public (IReadOnlyList<PhoneEvent> Events, Task Changed) Since(long after)
    {
        lock (_lock)
        {
            var first = _events.FindIndex(e => e.Seq > after);
            return (first < 0 ? [] : _events.GetRange(first, _events.Count - first), _changed.Task);
        }
    }

    private void Publish(PhoneEvent e)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _events.Add(e with { Seq = ++_seq });
            if (_events.Count > MaxEvents)
            {
                _events.RemoveRange(0, _events.Count - MaxEvents);
            }

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>The current call's run, or a completed task (shutdown waits for it).</summary>
    public Task CurrentCallTask
    {
        get
        {
            lock (_lock)
            {
                return _call?.Run ?? Task.CompletedTask;
            }
        }
    }

    public void Dispose()
    {
        // Hang up, then let the call's run finish (briefly) before its HTTP handler goes away under it.
        HangUp();
        ((IAsyncResult)CurrentCallTask).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(5));
        _handler.Dispose();
    }
}
