namespace IvrService.Flow;

/// <summary>
/// One thing the call should do, as data. The web apps render steps to TwiML (<c>PlayPromptStep</c> → <c>&lt;Play&gt;</c>,
/// <c>GatherStep</c> → <c>&lt;Gather action=…&gt;</c> with the state's query, and so on); the engine never produces XML.
/// </summary>
public abstract record IvrStep
{
    private protected IvrStep()
    {
    }
}

/// <summary>Play a recorded catalog prompt.</summary>
/// <param name="PromptId">Catalog id.</param>
/// <param name="Locale">Locale the recording is in (the call's locale or the default locale as fallback).</param>
/// <param name="AudioKey"><c>&lt;locale&gt;/&lt;file&gt;</c>, the path under content/audio and the S3 key.</param>
/// <param name="Text">The recording's words, for <c>&lt;Say&gt;</c> when the audio is unavailable and for transcripts.</param>
public sealed record PlayPromptStep(string PromptId, string Locale, string AudioKey, string Text) : IvrStep;

/// <summary>Speak text with TTS (only where the flow asks for it with <c>{"say": …}</c>).</summary>
public sealed record SayStep(string Text, string Locale) : IvrStep;

/// <summary>Silence.</summary>
public sealed record PauseStep(int Seconds) : IvrStep;

/// <summary>Which inputs a gather accepts.</summary>
public enum GatherInputMode
{
    /// <summary>Keys only.</summary>
    Dtmf,

    /// <summary>Keys and speech (the menu has speech hints).</summary>
    DtmfAndSpeech,
}

/// <summary>
/// Play prompts while collecting input; the answer is posted with <see cref="Next"/>'s query. Twilio falls through
/// to the following step (a <see cref="RedirectStep"/> with a no-input marker) when the caller stays silent.
/// </summary>
/// <param name="Prompts">Only <see cref="PlayPromptStep"/>, <see cref="SayStep"/> and <see cref="PauseStep"/>.</param>
/// <param name="Next">State for the action URL.</param>
/// <param name="TimeoutSeconds">Seconds to wait after the prompts.</param>
/// <param name="NumDigits">Keys to collect before posting (1 for menus).</param>
/// <param name="Input">Keys, or keys and speech.</param>
/// <param name="Hints">Speech hints (empty for keys only).</param>
/// <param name="Language">Locale for speech recognition.</param>
public sealed record GatherStep(
    IReadOnlyList<IvrStep> Prompts,
    CallState Next,
    int TimeoutSeconds,
    int? NumDigits,
    GatherInputMode Input,
    IReadOnlyList<string> Hints,
    string Language) : IvrStep
{
    /// <summary>
    /// Twilio's <c>finishOnKey</c>. Empty (disabled) for menus, whose keys include <c>#</c> and <c>*</c>: with
    /// Twilio's default <c>#</c> that key would end the gather with empty <c>Digits</c> instead of being the answer.
    /// Render it explicitly.
    /// </summary>
    public string FinishOnKey { get; init; } = "";
}

/// <summary>Kind of dial target.</summary>
public enum DialTargetKind
{
    /// <summary>E.164 number (<c>&lt;Number&gt;</c>).</summary>
    Number,

    /// <summary>SIP URI (<c>&lt;Sip&gt;</c>).</summary>
    Sip,
}

/// <summary>Connect the caller; the outcome is posted with <see cref="Next"/>'s query (Twilio <c>DialCallStatus</c>).</summary>
public sealed record DialStep(string Target, DialTargetKind Kind, int TimeoutSeconds, string? CallerId, CallState Next) : IvrStep;

/// <summary>Record a message; the recording is posted with <see cref="Next"/>'s query.</summary>
public sealed record RecordStep(int MaxLengthSeconds, bool PlayBeep, bool Transcribe, string? TranscribeCallback, CallState Next) : IvrStep;

/// <summary>Ask Twilio to post again with <see cref="Next"/>'s query (used after a gather or record as the no-input path).</summary>
public sealed record RedirectStep(CallState Next) : IvrStep;

/// <summary>
/// Send a text message, in the background: not TwiML. The app hands it to its outbound queue and replaces it with
/// <see cref="SentPrompt"/> or <see cref="UnavailablePrompt"/> (<see cref="IvrTurn.WithTextOutcomes"/>) before rendering.
/// </summary>
/// <param name="NodeId">The <c>text</c> node (with the CallSid, the key that stops a repeated webhook from sending twice).</param>
/// <param name="Body">The message in <paramref name="Locale"/>.</param>
/// <param name="Locale">Locale of the body (the call's, or the default locale as fallback).</param>
/// <param name="To">Recipient from the flow, or <c>null</c> for the caller.</param>
/// <param name="From">Sender from the flow (E.164 or <c>MG…</c>), or <c>null</c> for the app's default.</param>
/// <param name="SentPrompt">Played when the text was accepted for sending, or <c>null</c>.</param>
/// <param name="UnavailablePrompt">Played when it cannot be sent, or <c>null</c>.</param>
public sealed record SendTextStep(
    string NodeId, string Body, string Locale, string? To, string? From, IvrStep? SentPrompt, IvrStep? UnavailablePrompt) : IvrStep;

/// <summary>
/// Hand the call to a conversational agent (ConversationRelay): the session's settings resolved for the call's locale.
/// When the session ends the provider posts <see cref="Next"/>'s query with the handoff; the app renders the
/// <c>builtin</c> backend's WebSocket URL itself (<see cref="Url"/> is null then).
/// </summary>
/// <param name="NodeId">The <c>agent</c> node.</param>
/// <param name="Backend"><see cref="AgentBackends.Builtin"/> or <see cref="AgentBackends.Url"/>.</param>
/// <param name="Url">The external agent's <c>wss://</c> URL, or null for the built-in one.</param>
/// <param name="Locale">The session's language (the call's locale).</param>
/// <param name="WelcomeGreeting">Spoken when the session connects, or null.</param>
/// <param name="Voice">The text-to-speech voice for the locale, or null for the provider's default.</param>
/// <param name="TtsProvider">The text-to-speech provider, or null.</param>
/// <param name="TranscriptionProvider">The speech recognition provider, or null.</param>
/// <param name="Interruptible"><c>none</c>, <c>dtmf</c>, <c>speech</c>, <c>any</c>, or null.</param>
/// <param name="DtmfDetection">Key presses reach the agent.</param>
/// <param name="Hints">Recognition hints (the node's, and the built-in intents' examples).</param>
/// <param name="Next">The state the session's end is posted with.</param>
public sealed record ConnectAgentStep(
    string NodeId, string Backend, string? Url, string Locale, string? WelcomeGreeting, string? Voice, string? TtsProvider,
    string? TranscriptionProvider, string? Interruptible, bool DtmfDetection, IReadOnlyList<string> Hints, CallState Next) : IvrStep;

/// <summary>End the call.</summary>
public sealed record HangupStep : IvrStep
{
    /// <summary>The one instance.</summary>
    public static HangupStep Instance { get; } = new();
}

/// <summary>What the engine decided for one webhook request.</summary>
/// <param name="Steps">Steps in order; the last is always a gather+redirect pair, a dial, a record+redirect pair or a hangup.</param>
/// <param name="NodeId">The node the turn ended at (for logs).</param>
/// <param name="Locale">The call's locale at the end of the turn.</param>
/// <param name="Outcome">What happened, for logs: e.g. <c>entered</c>, <c>option</c>, <c>invalid</c>, <c>no-input</c>,
/// <c>max-failures</c>, <c>max-timeouts</c>, <c>repeat</c>, <c>back</c>, <c>dial-busy</c>, <c>recorded</c>, <c>hop-limit</c>.</param>
/// <param name="Path">Node ids visited in this turn, in order.</param>
public sealed record IvrTurn(IReadOnlyList<IvrStep> Steps, string NodeId, string Locale, string Outcome, IReadOnlyList<string> Path)
{
    /// <summary>Every text this turn asks to send, in order.</summary>
    public IEnumerable<SendTextStep> TextSteps => Steps.OfType<SendTextStep>();

    /// <summary>
    /// The turn as the caller hears it: each <see cref="SendTextStep"/> is offered to <paramref name="send"/> (true:
    /// accepted for sending) and replaced by its sent or unavailable prompt. The result holds only TwiML steps.
    /// </summary>
    public IvrTurn WithTextOutcomes(Func<SendTextStep, bool> send)
    {
        ArgumentNullException.ThrowIfNull(send);
        if (!Steps.Any(s => s is SendTextStep))
        {
            return this;
        }

        var steps = new List<IvrStep>(Steps.Count);
        foreach (var step in Steps)
        {
            if (step is not SendTextStep text)
            {
                steps.Add(step);
            }
            else if ((send(text) ? text.SentPrompt : text.UnavailablePrompt) is { } prompt)
            {
                steps.Add(prompt);
            }
        }

        return this with { Steps = steps };
    }
}
