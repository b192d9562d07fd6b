using System.Collections.Concurrent;

namespace IvrService.Flow;

/// <summary>
/// The IVR as a pure function: (state, input) → steps. Stateless and thread-safe; one instance serves every call.
/// Non-interactive nodes (play, hours, language, goto) are walked through within one turn; a turn ends at a menu
/// (gather), a transfer (dial), a voicemail (record) or a hang-up. The engine never throws for bad input or a
/// broken flow: anything it cannot follow ends in the goodbye prompt and a hang-up. It treats the flow as immutable
/// once created (a changed flow gets a new engine): what every call derives from the flow alone, menu hints and
/// resolved prompts, is worked out once and shared.
/// </summary>
public sealed class FlowEngine
{
    /// <summary>Most nodes walked in one turn; beyond it the call ends (a loop the validator would have reported).</summary>
    public const int MaxHops = 32;

    private const int MaxSpeechLength = 500;

    private readonly FlowDefinition _flow;
    private readonly TimeProvider _time;
    private readonly string _defaultLocale;
    private readonly ConcurrentDictionary<MenuNode, string[]> _menuHints = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<AgentNode, string[]> _agentHints = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<(string Id, string Locale), IvrStep?> _prompts = new();

    private readonly bool _agents;

    /// <summary>Creates an engine over <paramref name="flow"/> with <paramref name="time"/> for business hours.</summary>
    /// <param name="flow">The flow.</param>
    /// <param name="time">The clock business hours are judged by.</param>
    /// <param name="agents">
    /// False where no agent session can be held (the fallback app, which depends on nothing the primary does): an
    /// <c>agent</c> node is then the way back to the nearest menu.
    /// </param>
    public FlowEngine(FlowDefinition flow, TimeProvider time, bool agents = true)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(time);
        _flow = flow;
        _time = time;
        _agents = agents;
        _defaultLocale = flow.DefaultLocale ?? (flow.Locales.Count > 0 ? flow.Locales[0] : "en-US");
    }

    /// <summary>The flow this engine runs.</summary>
    public FlowDefinition Flow => _flow;

    /// <summary>First turn of a new call: enters the start node in <paramref name="locale"/> (default locale when null or unknown).</summary>
    public IvrTurn Start(string? locale = null)
    {
        var turn = new Turn(this, ValidLocale(locale), []);
        return Walk(turn, _flow.Start, "start");
    }

    /// <summary>
    /// Next turn of a call at <paramref name="state"/> given what the caller did. A state with the
    /// <see cref="CallStateMarker.NoInput"/> marker is treated as no input whatever <paramref name="input"/> says;
    /// <see cref="CallStateMarker.Enter"/> enters the node afresh.
    /// </summary>
    public IvrTurn Continue(CallState state, CallInput input)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(input);
        var turn = new Turn(this, ValidLocale(state.Locale), BackMenus(state.Back));
        var node = _flow.FindNode(state.NodeId);
        if (node is null)
        {
            return Walk(turn, _flow.Start, "repaired");
        }

        if (state.Marker == CallStateMarker.Enter)
        {
            return Walk(turn, state.NodeId, "entered");
        }

        if (state.Marker == CallStateMarker.NoInput)
        {
            input = CallInput.NoInput;
        }

        // The node answered here is where the turn is, unless the answer walks on (a hang-up after a message ends here).
        turn.Path.Add(state.NodeId);
        turn.At = state.NodeId;
        return node switch
        {
            MenuNode menu => OnMenuInput(turn, state, menu, input),
            TransferNode transfer when input is DialResultInput dial => OnDialResult(turn, transfer, dial.Outcome),
            VoicemailNode voicemail when input is RecordingResultInput or NoInputReceived => OnRecording(turn, voicemail, input),
            AgentNode agent when input is AgentEndedInput ended => OnAgentEnded(turn, state.NodeId, agent, ended),
            _ => Walk(turn.Restart(), state.NodeId, "entered"),
        };
    }

    // The back stack as received, keeping only ids that still name menus, at most MaxBackDepth (the most recent).
    private List<string> BackMenus(IReadOnlyList<string> back)
    {
        var menus = new List<string>(Math.Min(back.Count, CallState.MaxBackDepth + 1));
        foreach (var id in back)
        {
            if (_flow.FindNode(id) is MenuNode)
            {
                menus.Add(id);
            }
        }

        if (menus.Count > CallState.MaxBackDepth)
        {
            menus.RemoveRange(0, menus.Count - CallState.MaxBackDepth);
        }

        return menus;
    }

    private IvrTurn OnMenuInput(Turn turn, CallState state, MenuNode menu, CallInput input)
    {
        var id = state.NodeId;
        switch (input)
        {
            case NoInputReceived:
                var timeouts = state.Timeouts + 1;
                if (timeouts >= menu.MaxTimeouts)
                {
                    turn.Play(menu.NoInputPrompt);
                    return GiveUp(turn, menu.OnMaxTimeouts, "max-timeouts");
                }

                return PresentMenu(turn, id, menu, state.Failures, timeouts, menu.NoInputPrompt, menu.GreetingShort ?? menu.GreetingLong, "no-input");

            case DigitsInput digits:
                return OnKey(turn, state, menu, digits.Value);

            case SpeechInput speech:
                return OnKey(turn, state, menu, MatchSpeech(menu, speech.Text));

            default:
                // Not an answer a menu asked for (e.g. a replayed dial callback): present the menu again, uncounted.
                return PresentMenu(turn, id, menu, state.Failures, state.Timeouts, null, menu.GreetingLong, "unexpected-input");
        }
    }

    private IvrTurn OnKey(Turn turn, CallState state, MenuNode menu, string? key)
    {
        var id = state.NodeId;
        if (key is { Length: 1 })
        {
            if (key == menu.RepeatKey)
            {
                return PresentMenu(turn, id, menu, state.Failures, state.Timeouts, null, menu.GreetingLong, "repeat");
            }

            if (key == menu.BackKey)
            {
                if (turn.Back.Count > 0)
                {
                    var previous = turn.Back[^1];
                    turn.Back.RemoveAt(turn.Back.Count - 1);
                    return Walk(turn, previous, "back");
                }

                return PresentMenu(turn, id, menu, state.Failures, state.Timeouts, null, menu.GreetingLong, "back-at-top");
            }

            if (menu.Options.TryGetValue(key, out var option) && option?.Next is not null)
            {
                if (turn.Back.Count == 0 || turn.Back[^1] != id)
                {
                    turn.Back.Add(id);
                    if (turn.Back.Count > CallState.MaxBackDepth)
                    {
                        turn.Back.RemoveAt(0);
                    }
                }

                return Walk(turn, option.Next, "option");
            }
        }

        var failures = state.Failures + 1;
        if (failures >= menu.MaxFailures)
        {
            turn.Play(menu.InvalidPrompt);
            return GiveUp(turn, menu.OnMaxFailures, "max-failures");
        }

        return PresentMenu(turn, id, menu, failures, state.Timeouts, menu.InvalidPrompt, menu.GreetingShort ?? menu.GreetingLong, "invalid");
    }

    // Speech selects an option when it is the key itself ("1") or contains one of the option's hints as whole words.
    private static string? MatchSpeech(MenuNode menu, string text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxSpeechLength)
        {
            return null;
        }

        var spoken = SpokenWords.Of(text);
        if (spoken.Trim() is { Length: 1 } single && menu.Options.ContainsKey(single))
        {
            return single;
        }

        foreach (var (key, option) in menu.Options)
        {
            if (option?.Hints.Any(h => !string.IsNullOrWhiteSpace(h) && SpokenWords.Contains(spoken, h)) == true)
            {
                return key;
            }
        }

        return null;
    }

    private IvrTurn OnDialResult(Turn turn, TransferNode transfer, DialOutcome outcome)
    {
        switch (outcome)
        {
            case DialOutcome.Completed or DialOutcome.Answered:
                if (transfer.OnCompleted is not null)
                {
                    return Walk(turn, transfer.OnCompleted, "dial-completed");
                }

                turn.Steps.Add(HangupStep.Instance);
                return turn.End("dial-completed");
            case DialOutcome.Canceled:
                // The caller hung up while it rang: there is nobody left to play anything to.
                turn.Steps.Add(HangupStep.Instance);
                return turn.End("dial-canceled");
            case DialOutcome.Busy:
                return GiveUp(turn, transfer.BusyTarget, "dial-busy");
            case DialOutcome.NoAnswer:
                return GiveUp(turn, transfer.NoAnswerTarget, "dial-no-answer");
            default:
                return GiveUp(turn, transfer.FailedTarget, "dial-failed");
        }
    }

    private IvrTurn OnRecording(Turn turn, VoicemailNode voicemail, CallInput input)
    {
        if (input is not RecordingResultInput { Url.Length: > 0, DurationSeconds: > 0 })
        {
            return GiveUp(turn, null, "no-message");
        }

        turn.Play(voicemail.ThankYou);
        if (voicemail.Next is not null)
        {
            return Walk(turn, voicemail.Next, "recorded");
        }

        turn.Steps.Add(HangupStep.Instance);
        return turn.End("recorded");
    }

    // The handoff's target, else its reason, else "default" names the way on; a failed session or no match goes to
    // onError or back to the nearest menu, never to dead air.
    private IvrTurn OnAgentEnded(Turn turn, string id, AgentNode agent, AgentEndedInput ended)
    {
        if (ended.Failed)
        {
            return Walk(turn, agent.OnError ?? NearestMenu(turn, id), "agent-failed");
        }

        return agent.HandoffKey(ended.Target, ended.Reason) is { } key
            ? Walk(turn, agent.OnHandoff[key], "handoff")
            : Walk(turn, NearestMenu(turn, id), "agent-returned");
    }

    /// <summary>The menu a caller at <paramref name="nodeId"/> goes back to: the one they came from, else one with an option to it, else the start.</summary>
    private string? NearestMenu(Turn turn, string nodeId) =>
        turn.Back.Count > 0 ? turn.Back[^1] : _flow.WayBackFrom(nodeId);

    private IvrTurn GiveUp(Turn turn, string? target, string outcome)
    {
        if (target is not null)
        {
            return Walk(turn, target, outcome);
        }

        turn.Play(_flow.GoodbyePrompt is null ? null : PromptRef.ForId(_flow.GoodbyePrompt));
        turn.Steps.Add(HangupStep.Instance);
        return turn.End(outcome);
    }

    private IvrTurn Walk(Turn turn, string? nodeId, string outcome)
    {
        var id = nodeId;
        for (var hop = 0; hop < MaxHops; hop++)
        {
            var node = _flow.FindNode(id);
            if (node is null)
            {
                return GiveUp(turn, null, "broken-reference");
            }

            turn.Path.Add(id!);
            turn.At = id!;
            switch (node)
            {
                case PlayNode play:
                    foreach (var prompt in play.Prompts)
                    {
                        turn.Play(prompt);
                    }

                    id = play.Next;
                    break;
                case LanguageNode language:
                    if (language.Locale is not null && IsFlowLocale(language.Locale))
                    {
                        turn.Locale = language.Locale;
                    }

                    id = language.Next;
                    break;
                case GotoNode @goto:
                    id = @goto.Target;
                    break;
                case TextNode text:
                    var body = text.Body?.Resolve(turn.Locale, _defaultLocale);
                    if (!string.IsNullOrWhiteSpace(body))
                    {
                        var bodyLocale = text.Body!.Invariant is null && !text.Body.ByLocale.ContainsKey(turn.Locale) ? _defaultLocale : turn.Locale;
                        turn.Steps.Add(new SendTextStep(id!, body, bodyLocale, text.To, text.From,
                            ResolvePrompt(text.Prompt, turn.Locale), ResolvePrompt(text.UnavailablePrompt, turn.Locale)));
                    }

                    id = text.Next;
                    break;
                case HoursNode hours:
                    id = BusinessHours.Evaluate(hours, _time.GetUtcNow()).IsOpen ? hours.Open : hours.Closed;
                    break;
                case MenuNode menu:
                    while (turn.Back.Count > 0 && turn.Back[^1] == id)
                    {
                        turn.Back.RemoveAt(turn.Back.Count - 1);
                    }

                    return PresentMenu(turn, id!, menu, 0, 0, null, menu.GreetingLong, outcome);
                case TransferNode transfer:
                    turn.Play(transfer.Prompt);
                    var to = transfer.To ?? "";
                    var kind = to.StartsWith("sip", StringComparison.OrdinalIgnoreCase) ? DialTargetKind.Sip : DialTargetKind.Number;
                    turn.Steps.Add(new DialStep(to, kind, transfer.TimeoutSeconds, transfer.CallerId, turn.State(id!)));
                    return turn.End(outcome);
                case VoicemailNode voicemail:
                    turn.Play(voicemail.Prompt);
                    turn.Steps.Add(new RecordStep(voicemail.MaxLengthSeconds, voicemail.PlayBeep, voicemail.Transcribe,
                        voicemail.TranscribeCallback, turn.State(id!)));
                    turn.Steps.Add(new RedirectStep(turn.State(id!) with { Marker = CallStateMarker.NoInput }));
                    return turn.End(outcome);
                case HangupNode hangup:
                    turn.Play(hangup.Prompt);
                    turn.Steps.Add(HangupStep.Instance);
                    return turn.End(outcome);
                case AgentNode when !_agents:
                    outcome = "agent-unavailable";
                    id = NearestMenu(turn, id!);
                    break;
                case AgentNode agent:
                    turn.Steps.Add(ConnectAgent(id!, agent, turn));
                    return turn.End(outcome);
                default:
                    return GiveUp(turn, null, "broken-reference");
            }
        }

        return GiveUp(turn, null, "hop-limit");
    }

    private ConnectAgentStep ConnectAgent(string id, AgentNode agent, Turn turn)
    {
        var builtin = agent.Backend != AgentBackends.Url;
        // Worked out once per node (the flow is read-only), like a menu's speech hints.
        var hints = _agentHints.GetOrAdd(agent, static (node, isBuiltin) => [.. node.Hints
            .Concat(isBuiltin ? node.Intents.Where(i => i is not null).SelectMany(i => i.Examples) : [])
            .Where(h => !string.IsNullOrWhiteSpace(h)).Distinct(StringComparer.OrdinalIgnoreCase)], builtin);
        return new ConnectAgentStep(
            id, builtin ? AgentBackends.Builtin : AgentBackends.Url, builtin ? null : agent.Url, turn.Locale,
            agent.WelcomeGreeting?.Resolve(turn.Locale, _defaultLocale), agent.Voice?.Resolve(turn.Locale, _defaultLocale),
            agent.TtsProvider, agent.TranscriptionProvider, agent.Interruptible, agent.DtmfDetection, hints, turn.State(id));
    }

    private IvrTurn PresentMenu(Turn turn, string id, MenuNode menu, int failures, int timeouts, PromptRef? lead, PromptRef? greeting, string outcome)
    {
        turn.At = id;
        var prompts = new List<IvrStep>(2);
        turn.Resolve(lead, prompts);
        turn.Resolve(greeting, prompts);
        var hints = _menuHints.GetOrAdd(menu, static m => m.Options.Values
            .SelectMany(o => o?.Hints ?? [])
            .Where(h => !string.IsNullOrWhiteSpace(h))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray());
        var next = turn.State(id) with { Failures = failures, Timeouts = timeouts };
        turn.Steps.Add(new GatherStep(prompts, next, menu.TimeoutSeconds, 1,
            hints.Length > 0 ? GatherInputMode.DtmfAndSpeech : GatherInputMode.Dtmf, hints, turn.Locale));
        turn.Steps.Add(new RedirectStep(next with { Marker = CallStateMarker.NoInput }));
        return turn.End(outcome);
    }

    private string ValidLocale(string? locale) => locale is not null && IsFlowLocale(locale) ? locale : _defaultLocale;

    private bool IsFlowLocale(string locale)
    {
        var locales = _flow.Locales;
        for (var i = 0; i < locales.Count; i++)
        {
            if (string.Equals(locales[i], locale, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Turns a prompt reference into a step in the call's locale, falling back to the default locale.</summary>
    internal IvrStep? ResolvePrompt(PromptRef? prompt, string locale)
    {
        if (prompt is null)
        {
            return null;
        }

        if (prompt.Say is not null)
        {
            return string.IsNullOrWhiteSpace(prompt.Say) ? null : new SayStep(prompt.Say, locale);
        }

        if (prompt.PauseSeconds is { } seconds)
        {
            return new PauseStep(Math.Clamp(seconds, 1, 60));
        }

        if (prompt.Id is null)
        {
            return null;
        }

        // Recorded prompts resolve the same way for every call: once per id and locale (the ids come from the flow).
        return _prompts.GetOrAdd((prompt.Id, locale), static (key, engine) => engine.ResolveRecorded(key.Id, key.Locale), this);
    }

    private IvrStep? ResolveRecorded(string id, string locale)
    {
        foreach (var candidate in locale == _defaultLocale ? [locale] : new[] { locale, _defaultLocale })
        {
            if (_flow.Prompts.TryGetValue(candidate, out var entries) && entries is not null &&
                entries.TryGetValue(id, out var entry) && entry is not null)
            {
                if (!string.IsNullOrEmpty(entry.File))
                {
                    return new PlayPromptStep(id, candidate, PromptEntry.AudioKeyFor(candidate, entry.File), entry.Text ?? "");
                }

                if (!string.IsNullOrWhiteSpace(entry.Text))
                {
                    // Only in a flow that failed validation: better spoken than silent.
                    return new SayStep(entry.Text, candidate);
                }
            }
        }

        return null;
    }

    private sealed class Turn(FlowEngine engine, string locale, List<string> back)
    {
        private readonly string _initialLocale = locale;
        private readonly List<string> _initialBack = [.. back];

        public List<IvrStep> Steps { get; private set; } = [];

        public List<string> Path { get; } = [];

        public List<string> Back { get; private set; } = back;

        public string Locale { get; set; } = locale;

        public string At { get; set; } = "";

        public void Play(PromptRef? prompt) => Resolve(prompt, Steps);

        public void Resolve(PromptRef? prompt, List<IvrStep> into)
        {
            if (engine.ResolvePrompt(prompt, Locale) is { } step)
            {
                into.Add(step);
            }
        }

        public CallState State(string id) => new(id, Locale) { Back = [.. Back] };

        // Re-entering a node starts the turn over (the node is walked again from scratch).
        public Turn Restart()
        {
            Steps = [];
            Path.Clear();
            Back = [.. _initialBack];
            Locale = _initialLocale;
            return this;
        }

        public IvrTurn End(string outcome) => new(Steps, At, Locale, outcome, Path);
    }
}
