using System.Globalization;
using System.Runtime.CompilerServices;
using IvrService.Flow;
using IvrService.Twilio;
using IvrService.Twilio.TwiML;

namespace IvrService.Voice.Rendering;

/// <summary>
/// Turns the engine's steps into TwiML at the edge, for both apps. Every action URL is
/// <see cref="ContinuePath"/> plus the caller's <see cref="CallState"/> as query (Twilio signs it, no session store)
/// and any extra parameters the app carries; every recorded prompt is voiced by the app's <see cref="IPromptVerbs"/>.
/// </summary>
/// <param name="prompts">How recorded prompts become verbs.</param>
/// <param name="continuePath">The app's callback route, e.g. <c>/voice/continue</c> or <c>/fallback/voice/continue</c>.</param>
public sealed class VoiceTwimlRenderer(IPromptVerbs prompts, string continuePath = VoiceRoutes.Continue)
{
    /// <summary>Path of the one callback route every Gather, Dial, Record and Redirect posts to.</summary>
    public string ContinuePath { get; } = continuePath.StartsWith('/') ? continuePath : "/" + continuePath;

    /// <summary><c>voice</c> of every <c>&lt;Say&gt;</c> this renderer writes (null: Twilio's default).</summary>
    public string? SayVoice { get; init; }

    /// <summary>
    /// Query parameters appended to every action URL after the call state (the fallback's media flag, for one);
    /// their names must not collide with <see cref="CallState.ToQuery"/>'s.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> ExtraQuery { get; init; } = [];

    /// <summary>The query of a flow's state in an action URL: <see cref="CallState.ToQueryPairs"/>.</summary>
    public static Func<CallState, IReadOnlyList<KeyValuePair<string, string>>> FlowStateQuery { get; } = static state => state.ToQueryPairs();

    /// <summary>
    /// How a step's <see cref="CallState"/> becomes the action URL's query: <see cref="FlowStateQuery"/> for a flow's
    /// turns. A turn that is not the flow's (the fallback's last resort, whose states are its own stages) renders
    /// with its own mapping.
    /// </summary>
    public Func<CallState, IReadOnlyList<KeyValuePair<string, string>>> StateQuery { get; init; } = FlowStateQuery;

    /// <summary>Renders <paramref name="turn"/> for a request whose public base URL is <paramref name="publicBase"/>.</summary>
    public VoiceResponse Render(IvrTurn turn, Uri publicBase)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(publicBase);

        var response = new VoiceResponse();
        foreach (var step in turn.Steps)
        {
            switch (step)
            {
                case PlayPromptStep or SayStep or PauseStep:
                    response.Append((IVoiceVerb)Prompt(step, publicBase));
                    break;
                case GatherStep gather:
                    response.Append(Gather(gather, publicBase));
                    break;
                case DialStep dial:
                    response.Append(Dial(dial, publicBase));
                    break;
                case RecordStep record:
                    response.Append(new Record
                    {
                        Action = ActionUrl(record.Next, publicBase),
                        Method = TwilioHttpMethod.Post,
                        MaxLength = record.MaxLengthSeconds,
                        PlayBeep = record.PlayBeep,
                        Transcribe = record.Transcribe ? true : null,
                        TranscribeCallback = record.Transcribe ? record.TranscribeCallback : null,
                    });
                    break;
                case RedirectStep redirect:
                    response.Redirect(ActionUrl(redirect.Next, publicBase), TwilioHttpMethod.Post);
                    break;
                case HangupStep:
                    response.Hangup();
                    break;
                case ConnectAgentStep agent:
                    response.Append(Connect(agent, publicBase));
                    break;
                case SendTextStep text:
                    // The app replaces text steps with their outcome (IvrTurn.WithTextOutcomes) after handing them to its
                    // sender; one still here was never sent, so the caller must not be told it was.
                    if (text.UnavailablePrompt is { } unavailable)
                    {
                        response.Append((IVoiceVerb)Prompt(unavailable, publicBase));
                    }

                    break;
                default:
                    throw new InvalidOperationException($"No TwiML rendering for step {step.GetType().Name}.");
            }
        }

        return response;
    }

    /// <summary>The absolute callback URL that resumes the call at <paramref name="state"/>.</summary>
    public string ActionUrl(CallState state, Uri publicBase) => StateUrl(state, publicBase, publicBase.AbsoluteUri, ContinuePath);

    /// <summary>
    /// The built-in agent's WebSocket URL for a session at <paramref name="state"/>: the public base with <c>wss</c>
    /// for <c>https</c> (<c>ws</c> for <c>http</c>), <see cref="VoiceRoutes.Agent"/> and the state, so the session knows
    /// its node and locale and the signature covers them.
    /// </summary>
    public string AgentUrl(CallState state, Uri publicBase)
    {
        ArgumentNullException.ThrowIfNull(publicBase);
        var scheme = publicBase.Scheme == Uri.UriSchemeHttp ? "ws" : "wss";
        var socketBase = new UriBuilder(publicBase) { Scheme = scheme, Port = publicBase.IsDefaultPort ? -1 : publicBase.Port }.Uri.AbsoluteUri;
        return StateUrl(state, publicBase, socketBase, VoiceRoutes.Agent);
    }

    private string StateUrl(CallState state, Uri publicBase, string baseUrl, string path)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(publicBase);

        // Two or three of these per webhook: built in one stack buffer, one string at the end.
        var url = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[512]);
        url.AppendFormatted(baseUrl.AsSpan().TrimEnd('/'));
        url.AppendLiteral(path);
        var first = true;
        foreach (var (key, value) in StateQuery(state))
        {
            AppendParameter(ref url, key, value, ref first);
        }

        foreach (var (key, value) in ExtraQuery)
        {
            AppendParameter(ref url, key, value, ref first);
        }

        return url.ToStringAndClear();
    }

    private static void AppendParameter(ref DefaultInterpolatedStringHandler url, string key, string value, ref bool first)
    {
        url.AppendLiteral(first ? "?" : "&");
        url.AppendLiteral(Uri.EscapeDataString(key));
        url.AppendLiteral("=");
        url.AppendLiteral(Uri.EscapeDataString(value));
        first = false;
    }

    private Connect Connect(ConnectAgentStep step, Uri publicBase) =>
        new Connect { Action = ActionUrl(step.Next, publicBase), Method = TwilioHttpMethod.Post }
            .Append(new ConversationRelay(step.Url ?? AgentUrl(step.Next, publicBase))
            {
                Language = step.Locale,
                Voice = step.Voice,
                TtsProvider = step.TtsProvider,
                TranscriptionProvider = step.TranscriptionProvider,
                WelcomeGreeting = step.WelcomeGreeting,
                Interruptible = step.Interruptible,
                DtmfDetection = step.DtmfDetection ? true : null,
                Hints = step.Hints.Count == 0 ? null : string.Join(',', step.Hints.Select(h => h.Replace(",", " ", StringComparison.Ordinal))),
            });

    private IGatherChild Prompt(IvrStep step, Uri publicBase) => step switch
    {
        PlayPromptStep play => prompts.Prompt(play, publicBase),
        SayStep say => new Say(say.Text) { Language = say.Locale, Voice = SayVoice },
        PauseStep pause => new Pause { Length = pause.Seconds },
        _ => throw new InvalidOperationException($"{step.GetType().Name} cannot be spoken inside a Gather."),
    };

    private Gather Gather(GatherStep step, Uri publicBase)
    {
        var gather = new Gather
        {
            Action = ActionUrl(step.Next, publicBase),
            Method = TwilioHttpMethod.Post,
            Timeout = step.TimeoutSeconds,
            NumDigits = step.NumDigits,
            // "" turns Twilio's default '#' finish key off, so '#' can be a menu key like any other.
            FinishOnKey = step.FinishOnKey,
            Input = step.Input == GatherInputMode.DtmfAndSpeech ? GatherInput.Dtmf | GatherInput.Speech : GatherInput.Dtmf,
            Language = step.Input == GatherInputMode.DtmfAndSpeech ? step.Language : null,
            Hints = step.Hints.Count > 0 ? string.Join(", ", step.Hints) : null,
        };
        foreach (var prompt in step.Prompts)
        {
            gather.Append(Prompt(prompt, publicBase));
        }

        return gather;
    }

    private Dial Dial(DialStep step, Uri publicBase)
    {
        var dial = new Dial
        {
            Action = ActionUrl(step.Next, publicBase),
            Method = TwilioHttpMethod.Post,
            Timeout = step.TimeoutSeconds,
            CallerId = step.CallerId,
        };
        dial.Append(step.Kind == DialTargetKind.Sip ? new Sip(step.Target) : new Number(step.Target));
        return dial;
    }
}
