using System.Text.Json.Serialization;

namespace IvrService.Flow;

/// <summary>A node of the call graph; the JSON <c>type</c> property selects the subclass.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(MenuNode), MenuNode.TypeName)]
[JsonDerivedType(typeof(PlayNode), PlayNode.TypeName)]
[JsonDerivedType(typeof(TransferNode), TransferNode.TypeName)]
[JsonDerivedType(typeof(VoicemailNode), VoicemailNode.TypeName)]
[JsonDerivedType(typeof(HoursNode), HoursNode.TypeName)]
[JsonDerivedType(typeof(LanguageNode), LanguageNode.TypeName)]
[JsonDerivedType(typeof(HangupNode), HangupNode.TypeName)]
[JsonDerivedType(typeof(GotoNode), GotoNode.TypeName)]
[JsonDerivedType(typeof(TextNode), TextNode.TypeName)]
[JsonDerivedType(typeof(AgentNode), AgentNode.TypeName)]
public abstract class FlowNode
{
    /// <summary>Every valid value of the JSON <c>type</c> property.</summary>
    public static IReadOnlyList<string> TypeNames { get; } =
    [
        MenuNode.TypeName, PlayNode.TypeName, TransferNode.TypeName, VoicemailNode.TypeName,
        HoursNode.TypeName, LanguageNode.TypeName, HangupNode.TypeName, GotoNode.TypeName, TextNode.TypeName,
        AgentNode.TypeName,
    ];

    /// <summary>Optional note for humans; ignored by the engine.</summary>
    public string? Description { get; set; }

    /// <summary>The JSON <c>type</c> of this node.</summary>
    [JsonIgnore]
    public abstract string Type { get; }

    /// <summary>
    /// Every node this node can lead to, with the JSON property (relative to the node) that names it.
    /// Used for validation, reachability and graphs.
    /// </summary>
    public abstract IEnumerable<(string Property, string? Target)> Links();

    /// <summary>Every prompt this node plays, with the JSON property (relative to the node) that names it.</summary>
    public abstract IEnumerable<(string Property, PromptRef Prompt)> PromptRefs();

    private protected static IEnumerable<(string, PromptRef)> Some(params (string Property, PromptRef? Prompt)[] prompts) =>
        prompts.Where(p => p.Prompt is not null).Select(p => (p.Property, p.Prompt!));
}

/// <summary>
/// A menu with FreeSWITCH semantics: the long greeting on the first pass, the short greeting on repeats, an
/// invalid-input prompt and a no-input prompt, failure and timeout counters with give-up branches.
/// </summary>
public sealed class MenuNode : FlowNode
{
    /// <summary>JSON type name.</summary>
    public const string TypeName = "menu";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;

    /// <summary>Played when the caller enters the menu (and on the repeat key).</summary>
    public PromptRef? GreetingLong { get; set; }

    /// <summary>Played after an invalid key or a timeout; the long greeting when absent.</summary>
    public PromptRef? GreetingShort { get; set; }

    /// <summary>Played before the short greeting after an invalid key.</summary>
    public PromptRef? InvalidPrompt { get; set; }

    /// <summary>Played before the short greeting after a timeout.</summary>
    public PromptRef? NoInputPrompt { get; set; }

    /// <summary>Seconds to wait for a key after the prompts end (Twilio <c>Gather timeout</c>); 1–60.</summary>
    public int TimeoutSeconds { get; set; } = 5;

    /// <summary>Invalid keys tolerated before giving up; 1–10.</summary>
    public int MaxFailures { get; set; } = 3;

    /// <summary>Timeouts tolerated before giving up; 1–10.</summary>
    public int MaxTimeouts { get; set; } = 3;

    /// <summary>Node after <see cref="MaxFailures"/> invalid keys; default: goodbye prompt and hang up.</summary>
    public string? OnMaxFailures { get; set; }

    /// <summary>Node after <see cref="MaxTimeouts"/> timeouts; default: goodbye prompt and hang up.</summary>
    public string? OnMaxTimeouts { get; set; }

    /// <summary>Key (one of <c>0-9 * #</c>) → option.</summary>
    public IReadOnlyDictionary<string, MenuOption> Options { get; set; } = new Dictionary<string, MenuOption>();

    /// <summary>Key that replays the long greeting without counting a failure.</summary>
    public string? RepeatKey { get; set; }

    /// <summary>Key that returns to the menu the caller came from (the start of the flow when there is none).</summary>
    public string? BackKey { get; set; }

    /// <inheritdoc />
    public override IEnumerable<(string Property, string? Target)> Links()
    {
        foreach (var (digit, option) in Options)
        {
            yield return ($"options['{digit}'].next", option?.Next);
        }

        if (OnMaxFailures is not null)
        {
            yield return ("onMaxFailures", OnMaxFailures);
        }

        if (OnMaxTimeouts is not null)
        {
            yield return ("onMaxTimeouts", OnMaxTimeouts);
        }
    }

    /// <inheritdoc />
    public override IEnumerable<(string Property, PromptRef Prompt)> PromptRefs() =>
        Some(("greetingLong", GreetingLong), ("greetingShort", GreetingShort),
             ("invalidPrompt", InvalidPrompt), ("noInputPrompt", NoInputPrompt));
}

/// <summary>One choice of a menu.</summary>
public sealed class MenuOption
{
    /// <summary>Node the key leads to.</summary>
    public string? Next { get; set; }

    /// <summary>Words or phrases that select this option by speech (enables speech input on the menu).</summary>
    public IReadOnlyList<string> Hints { get; set; } = [];
}

/// <summary>Plays prompts, then continues with <see cref="Next"/>.</summary>
public sealed class PlayNode : FlowNode
{
    /// <summary>JSON type name.</summary>
    public const string TypeName = "play";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;

    /// <summary>Prompts in order.</summary>
    public IReadOnlyList<PromptRef> Prompts { get; set; } = [];

    /// <summary>Node after the prompts.</summary>
    public string? Next { get; set; }

    /// <inheritdoc />
    public override IEnumerable<(string Property, string? Target)> Links() => [("next", Next)];

    /// <inheritdoc />
    public override IEnumerable<(string Property, PromptRef Prompt)> PromptRefs() =>
        Prompts.Select((p, i) => ($"prompts[{i}]", p)).Where(p => p.p is not null);
}

/// <summary>Connects the caller to a phone number or SIP URI, with branches for every way that can fail.</summary>
public sealed class TransferNode : FlowNode
{
    /// <summary>JSON type name.</summary>
    public const string TypeName = "transfer";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;

    /// <summary>Optional prompt before dialling ("Connecting you…").</summary>
    public PromptRef? Prompt { get; set; }

    /// <summary>E.164 number (<c>+15005550006</c>) or SIP URI (<c>sip:agent@example.com</c>).</summary>
    public string? To { get; set; }

    /// <summary>Seconds to ring before giving up (Twilio <c>Dial timeout</c>); 5–600.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Caller ID presented to the called party (E.164); Twilio uses the caller's number when absent.</summary>
    public string? CallerId { get; set; }

    /// <summary>Node when nobody answers; <see cref="OnFailure"/> when absent.</summary>
    public string? OnNoAnswer { get; set; }

    /// <summary>Node when the line is busy; <see cref="OnFailure"/> when absent.</summary>
    public string? OnBusy { get; set; }

    /// <summary>Node when the call could not be placed; <see cref="OnFailure"/> when absent.</summary>
    public string? OnFailed { get; set; }

    /// <summary>Catch-all for no-answer, busy and failed; default: goodbye prompt and hang up.</summary>
    public string? OnFailure { get; set; }

    /// <summary>Where a transfer nobody answered goes (the engine and the diagram both read this).</summary>
    [JsonIgnore]
    public string? NoAnswerTarget => OnNoAnswer ?? OnFailure;

    /// <summary>Where a busy transfer goes.</summary>
    [JsonIgnore]
    public string? BusyTarget => OnBusy ?? OnFailure;

    /// <summary>Where a transfer that could not be placed goes.</summary>
    [JsonIgnore]
    public string? FailedTarget => OnFailed ?? OnFailure;

    /// <summary>Node after a bridged call ends (the other party hung up); default: hang up.</summary>
    public string? OnCompleted { get; set; }

    /// <inheritdoc />
    public override IEnumerable<(string Property, string? Target)> Links()
    {
        foreach (var link in new[]
                 {
                     ("onNoAnswer", OnNoAnswer), ("onBusy", OnBusy), ("onFailed", OnFailed),
                     ("onFailure", OnFailure), ("onCompleted", OnCompleted),
                 })
        {
            if (link.Item2 is not null)
            {
                yield return link;
            }
        }
    }

    /// <inheritdoc />
    public override IEnumerable<(string Property, PromptRef Prompt)> PromptRefs() => Some(("prompt", Prompt));
}

/// <summary>Records a message, then thanks the caller and continues (or hangs up).</summary>
public sealed class VoicemailNode : FlowNode
{
    /// <summary>JSON type name.</summary>
    public const string TypeName = "voicemail";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;

    /// <summary>Prompt before the beep ("Please leave a message…").</summary>
    public PromptRef? Prompt { get; set; }

    /// <summary>Longest message in seconds (Twilio <c>Record maxLength</c>); 1–3600.</summary>
    public int MaxLengthSeconds { get; set; } = 120;

    /// <summary>Beep before recording.</summary>
    public bool PlayBeep { get; set; } = true;

    /// <summary>Ask Twilio to transcribe the message (Twilio transcribes recordings up to 120 s).</summary>
    public bool Transcribe { get; set; }

    /// <summary>Absolute URL Twilio posts the transcription to.</summary>
    public string? TranscribeCallback { get; set; }

    /// <summary>Played after a message was recorded.</summary>
    public PromptRef? ThankYou { get; set; }

    /// <summary>Node after the thank-you; hang up when absent.</summary>
    public string? Next { get; set; }

    /// <inheritdoc />
    public override IEnumerable<(string Property, string? Target)> Links() =>
        Next is null ? [] : [("next", Next)];

    /// <inheritdoc />
    public override IEnumerable<(string Property, PromptRef Prompt)> PromptRefs() =>
        Some(("prompt", Prompt), ("thankYou", ThankYou));
}

/// <summary>Branches on the business hours in a time zone, with holidays closed all day.</summary>
public sealed class HoursNode : FlowNode
{
    /// <summary>JSON type name.</summary>
    public const string TypeName = "hours";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;

    /// <summary>IANA time zone id, e.g. <c>America/New_York</c>.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Day name (<c>monday</c> … <c>sunday</c>) → opening ranges <c>"HH:mm-HH:mm"</c> (end exclusive, up to <c>24:00</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Weekly { get; set; } =
        new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Dates (local to <see cref="TimeZone"/>) that are closed all day.</summary>
    public IReadOnlyList<Holiday> Holidays { get; set; } = [];

    /// <summary>Node while open.</summary>
    public string? Open { get; set; }

    /// <summary>Node while closed.</summary>
    public string? Closed { get; set; }

    /// <inheritdoc />
    public override IEnumerable<(string Property, string? Target)> Links() => [("open", Open), ("closed", Closed)];

    /// <summary>Which branch the engine takes at <paramref name="now"/>, and why (what the engine itself evaluates).</summary>
    public HoursDecision Evaluate(DateTimeOffset now) => BusinessHours.Evaluate(this, now);

    /// <inheritdoc />
    public override IEnumerable<(string Property, PromptRef Prompt)> PromptRefs() => [];
}

/// <summary>A closed day.</summary>
public sealed class Holiday
{
    /// <summary>Date as <c>yyyy-MM-dd</c>.</summary>
    public string? Date { get; set; }

    /// <summary>Optional name, for people and logs.</summary>
    public string? Name { get; set; }
}

/// <summary>Switches the call's locale (prompts and speech recognition), then continues.</summary>
public sealed class LanguageNode : FlowNode
{
    /// <summary>JSON type name.</summary>
    public const string TypeName = "language";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;

    /// <summary>One of the flow's <see cref="FlowDefinition.Locales"/>.</summary>
    public string? Locale { get; set; }

    /// <summary>Node to continue with.</summary>
    public string? Next { get; set; }

    /// <inheritdoc />
    public override IEnumerable<(string Property, string? Target)> Links() => [("next", Next)];

    /// <inheritdoc />
    public override IEnumerable<(string Property, PromptRef Prompt)> PromptRefs() => [];
}

/// <summary>Ends the call, optionally after a goodbye prompt.</summary>
public sealed class HangupNode : FlowNode
{
    /// <summary>JSON type name.</summary>
    public const string TypeName = "hangup";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;

    /// <summary>Optional goodbye.</summary>
    public PromptRef? Prompt { get; set; }

    /// <inheritdoc />
    public override IEnumerable<(string Property, string? Target)> Links() => [];

    /// <inheritdoc />
    public override IEnumerable<(string Property, PromptRef Prompt)> PromptRefs() => Some(("prompt", Prompt));
}

/// <summary>Jumps to another node.</summary>
public sealed class GotoNode : FlowNode
{
    /// <summary>JSON type name.</summary>
    public const string TypeName = "goto";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;

    /// <summary>Node to continue with.</summary>
    public string? Target { get; set; }

    /// <inheritdoc />
    public override IEnumerable<(string Property, string? Target)> Links() => [("target", Target)];

    /// <inheritdoc />
    public override IEnumerable<(string Property, PromptRef Prompt)> PromptRefs() => [];
}

/// <summary>
/// Sends the caller a text message ("we've sent you a text with our booking link") and continues with
/// <see cref="Next"/> in the same turn. The engine only returns a <see cref="SendTextStep"/>; the app sends it in the
/// background, so the caller never waits for Twilio's REST API.
/// </summary>
public sealed class TextNode : FlowNode
{
    /// <summary>JSON type name.</summary>
    public const string TypeName = "text";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;

    /// <summary>The message, per locale like other texts; sent in the call's locale.</summary>
    public LocalizedText? Body { get; set; }

    /// <summary>Recipient (E.164); default: the caller (the call's <c>From</c>).</summary>
    public string? To { get; set; }

    /// <summary>Sender: an E.164 number or a Messaging Service SID (<c>MG…</c>); default: the app's configured
    /// sender, else the number that was called (the call's <c>To</c>).</summary>
    public string? From { get; set; }

    /// <summary>Played when the text was handed over for sending ("We have sent you a text…").</summary>
    public PromptRef? Prompt { get; set; }

    /// <summary>Played instead when the text cannot be sent (caller ID withheld, the app's queue is full, the fallback
    /// is answering); nothing is said when absent.</summary>
    public PromptRef? UnavailablePrompt { get; set; }

    /// <summary>Node to continue with.</summary>
    public string? Next { get; set; }

    /// <inheritdoc />
    public override IEnumerable<(string Property, string? Target)> Links() => [("next", Next)];

    /// <inheritdoc />
    public override IEnumerable<(string Property, PromptRef Prompt)> PromptRefs() =>
        Some(("prompt", Prompt), ("unavailablePrompt", UnavailablePrompt));
}

/// <summary>Replies to incoming text messages by keyword.</summary>
public sealed class SmsSettings
{
    /// <summary>Default of <see cref="MaxSegments"/>.</summary>
    public const int DefaultMaxSegments = 3;

    /// <summary>
    /// Segment budget for every text the flow sends (keyword replies, the default reply, <c>text</c> nodes):
    /// a longer text is a validation error. Default <see cref="DefaultMaxSegments"/>; 1–24 (1600 UCS-2 characters
    /// are 24 segments).
    /// </summary>
    public int? MaxSegments { get; set; }

    /// <summary>Keyword groups, checked in order.</summary>
    public IReadOnlyList<SmsKeyword> Keywords { get; set; } = [];

    /// <summary>Reply when no keyword matches; no reply when absent.</summary>
    public LocalizedText? DefaultReply { get; set; }
}

/// <summary>A keyword and its aliases with one reply.</summary>
public sealed class SmsKeyword
{
    /// <summary>The keyword and its aliases, e.g. <c>["HOURS", "OPEN"]</c>; matched case-insensitively on the trimmed message.</summary>
    public IReadOnlyList<string> Match { get; set; } = [];

    /// <summary>The reply text.</summary>
    public LocalizedText? Reply { get; set; }
}

/// <summary>
/// Hands the caller to a conversational agent over Twilio's ConversationRelay (speech recognition and text-to-speech
/// by Twilio, the conversation over a WebSocket), and takes them back into the flow when the agent ends the session:
/// the handoff's <c>target</c> or <c>reason</c> names the way on (<see cref="OnHandoff"/>). The agent is the team's own
/// (<see cref="AgentBackends.Url"/>) or the primary's built-in answerer (<see cref="AgentBackends.Builtin"/>), which
/// answers from the flow's own data with <see cref="Intents"/>.
/// </summary>
public sealed class AgentNode : FlowNode
{
    /// <summary>JSON type name.</summary>
    public const string TypeName = "agent";

    /// <summary>The handoff key that applies when no other matches.</summary>
    public const string DefaultHandoff = "default";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Type => TypeName;

    /// <summary><c>builtin</c> (the primary hosts the WebSocket) or <c>url</c> (an external agent at <see cref="Url"/>).</summary>
    public string? Backend { get; set; }

    /// <summary>The external agent's <c>wss://</c> endpoint (<c>url</c> backend only).</summary>
    public string? Url { get; set; }

    /// <summary>Spoken by Twilio when the session connects, per locale.</summary>
    public LocalizedText? WelcomeGreeting { get; set; }

    /// <summary>The text-to-speech voice, per locale (the provider's voice name).</summary>
    public LocalizedText? Voice { get; set; }

    /// <summary>Twilio's text-to-speech provider (<c>ElevenLabs</c>, <c>Google</c>, <c>Amazon</c>); Twilio's default when absent.</summary>
    public string? TtsProvider { get; set; }

    /// <summary>Twilio's speech recognition provider (<c>Deepgram</c>, <c>Google</c>); Twilio's default when absent.</summary>
    public string? TranscriptionProvider { get; set; }

    /// <summary>What may interrupt the agent's speech: <c>none</c>, <c>dtmf</c>, <c>speech</c> or <c>any</c>.</summary>
    public string? Interruptible { get; set; }

    /// <summary>Key presses reach the agent (as <c>dtmf</c> messages).</summary>
    public bool DtmfDetection { get; set; }

    /// <summary>Phrases that help speech recognition; the built-in intents' examples are added.</summary>
    public IReadOnlyList<string> Hints { get; set; } = [];

    /// <summary>What the built-in answerer understands (<c>builtin</c> backend only).</summary>
    public IReadOnlyList<AgentIntent> Intents { get; set; } = [];

    /// <summary>The built-in answerer's reply when nothing matched, per locale.</summary>
    public LocalizedText? NoMatch { get; set; }

    /// <summary>Unmatched utterances in a row after which the built-in answerer hands off with reason <c>default</c>; 1–10.</summary>
    public int MaxNoMatch { get; set; } = 3;

    /// <summary>
    /// Handoff <c>target</c> or <c>reason</c> → node (<c>transfer</c> → <c>sales</c>, <c>voicemail</c> → <c>voicemail</c>),
    /// and <see cref="DefaultHandoff"/> for anything else; without a match the call returns to the nearest menu.
    /// </summary>
    public IReadOnlyDictionary<string, string> OnHandoff { get; set; } = new Dictionary<string, string>();

    /// <summary>Node when the session fails (the agent unreachable, an error); default: back to the nearest menu.</summary>
    public string? OnError { get; set; }

    /// <summary>
    /// The <see cref="OnHandoff"/> key a session's end takes: its <paramref name="target"/>, else its
    /// <paramref name="reason"/>, else <see cref="DefaultHandoff"/>; null when none is mapped (back to the nearest menu).
    /// </summary>
    public string? HandoffKey(string? target, string? reason)
    {
        foreach (var key in new[] { target, reason, DefaultHandoff })
        {
            if (key is not null && OnHandoff.ContainsKey(key))
            {
                return key;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override IEnumerable<(string Property, string? Target)> Links()
    {
        foreach (var (key, target) in OnHandoff)
        {
            yield return ($"onHandoff['{key}']", target);
        }

        if (OnError is not null)
        {
            yield return ("onError", OnError);
        }
    }

    /// <inheritdoc />
    public override IEnumerable<(string Property, PromptRef Prompt)> PromptRefs() =>
        Intents.Select((intent, i) => ($"intents[{i}].sayPrompt", intent?.SayPrompt is { } id ? PromptRef.ForId(id) : null))
            .Where(p => p.Item2 is not null)
            .Select(p => (p.Item1, p.Item2!));
}

/// <summary>The backends of an <see cref="AgentNode"/>.</summary>
public static class AgentBackends
{
    /// <summary>The primary hosts the WebSocket and answers from the flow's data.</summary>
    public const string Builtin = "builtin";

    /// <summary>An external agent at the node's <c>url</c>.</summary>
    public const string Url = "url";
}

/// <summary>One thing the built-in answerer understands: example phrases, and an answer or a handoff.</summary>
public sealed class AgentIntent
{
    /// <summary>Names the intent in logs and tests.</summary>
    public string? Id { get; set; }

    /// <summary>Phrases in any of the flow's locales; an utterance containing one (as SMS keywords and menu hints match) selects the intent.</summary>
    public IReadOnlyList<string> Examples { get; set; } = [];

    /// <summary>The answer's words, per locale.</summary>
    public LocalizedText? Say { get; set; }

    /// <summary>The answer is this catalog prompt's words (in the call's locale).</summary>
    public string? SayPrompt { get; set; }

    /// <summary>The answer is this <c>text</c> node's body (in the call's locale), e.g. the booking link.</summary>
    public string? SayText { get; set; }

    /// <summary>After the answer (if any), end the session with this handoff reason (a key of <see cref="AgentNode.OnHandoff"/>).</summary>
    public string? Handoff { get; set; }
}
