namespace IvrService.Cli.Scenarios;

/// <summary>One stated call: the conditions it starts in, what the caller (and the world) does, what must happen.</summary>
/// <param name="Name">Unique within its file.</param>
/// <param name="Line">Line of the scenario in its file (1-based), for reports.</param>
/// <param name="Given">Time, caller and locale of the call.</param>
/// <param name="Steps">Actions and expectations in order.</param>
/// <param name="End">What must hold once the call is over, or null.</param>
internal sealed record Scenario(string Name, int Line, ScenarioGiven Given, IReadOnlyList<ScenarioStep> Steps, ScenarioExpectation? End)
{
    /// <summary>The actions alone, in order.</summary>
    public IEnumerable<ScenarioAction> Actions => Steps.OfType<ScenarioAction>();
}

/// <summary>The conditions a scenario's call starts in.</summary>
internal sealed record ScenarioGiven
{
    /// <summary>The caller number used unless a scenario names one.</summary>
    public const string DefaultCaller = Simulator.CallSimulatorOptions.DefaultFrom;

    /// <summary>The instant the call happens, or null for the real clock.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>How the time was given (<c>2026-12-25 10:00</c>, <c>holiday Christmas Day</c>), for reports.</summary>
    public string? TimeText { get; init; }

    /// <summary>The caller's number (Twilio's withheld caller ID for <c>withheld</c>).</summary>
    public string Caller { get; init; } = DefaultCaller;

    /// <summary>The locale the call starts in (the number's voice URL carries it), or null for the flow's default.</summary>
    public string? Locale { get; init; }
}

/// <summary>A step of a scenario.</summary>
/// <param name="Line">Line in the file.</param>
internal abstract record ScenarioStep(int Line);

/// <summary>What the caller or the world does at this point.</summary>
internal enum ScenarioActionKind
{
    /// <summary>Keys at a menu.</summary>
    Press,

    /// <summary>Words at a menu that listens for speech.</summary>
    Say,

    /// <summary>Nothing at a menu: it times out.</summary>
    Silence,

    /// <summary>How the transfer the call is at ends.</summary>
    Transfer,

    /// <summary>What the agent session the call is at does that is no caller's word: <c>drops</c> (its socket breaks).</summary>
    Agent,

    /// <summary>A message of some seconds into the voicemail the call is at (0: silence).</summary>
    Record,

    /// <summary>The caller hangs up.</summary>
    Hangup,

    /// <summary>The primary fails the next request with a Twilio error code (Twilio then requests the fallback).</summary>
    Fail,
}

/// <summary>An action: <c>press: "1"</c>, <c>say: sales</c>, <c>silence</c>, <c>transfer: busy</c>, <c>record: 20</c>, <c>hangup</c>, <c>fail: 11200</c>.</summary>
/// <param name="Line">Line in the file.</param>
/// <param name="Kind">What is done.</param>
/// <param name="Value">Keys, words, transfer outcome (<c>answered</c>, <c>busy</c>, <c>no-answer</c>, <c>failed</c>),
/// seconds, or error code; empty for silence and hang-up.</param>
internal sealed record ScenarioAction(int Line, ScenarioActionKind Kind, string Value) : ScenarioStep(Line)
{
    /// <summary>As written in the file, for reports: <c>press 1</c>, <c>transfer busy</c>.</summary>
    public string Describe() => Value.Length == 0 ? Kind.ToString().ToLowerInvariant() : $"{Kind.ToString().ToLowerInvariant()} {Value}";

    /// <summary>True for the actions taken at a waiting point of the call (all but <see cref="ScenarioActionKind.Fail"/>).</summary>
    public bool IsCallerTurn => Kind != ScenarioActionKind.Fail;
}

/// <summary>How a call ends, as a scenario states it.</summary>
internal enum ScenarioEnding
{
    /// <summary>The line hung up (a goodbye, a give-up), not after a transfer or a message.</summary>
    Hangup,

    /// <summary>The caller left a message and the call ended.</summary>
    Voicemail,

    /// <summary>The caller was connected and the call ended after the transfer.</summary>
    Transfer,

    /// <summary>The caller hung up.</summary>
    CallerHangup,

    /// <summary>Both apps failed: the caller heard Twilio's application error.</summary>
    ApplicationError,
}

/// <summary>
/// What must be true at a point of the call (in a step: of what happened since the previous caller action; at the
/// end: of the whole call). Every set field must hold.
/// </summary>
internal sealed record ScenarioExpectation(int Line) : ScenarioStep(Line)
{
    /// <summary>Prompt ids heard, in this order (other prompts may come between).</summary>
    public IReadOnlyList<string> Hears { get; init; } = [];

    /// <summary>Texts some heard prompt contains (case-insensitive).</summary>
    public IReadOnlyList<string> HearsText { get; init; } = [];

    /// <summary>Texts something the agent said contains (case-insensitive): its welcome greeting or an answer.</summary>
    public IReadOnlyList<string> AgentSays { get; init; } = [];

    /// <summary>Prompt ids not heard.</summary>
    public IReadOnlyList<string> NotHears { get; init; } = [];

    /// <summary>The node the call waits at for the caller (a menu, transfer or voicemail).</summary>
    public string? At { get; init; }

    /// <summary>A number or SIP URI dialled (the dial target contains it).</summary>
    public string? TransferredTo { get; init; }

    /// <summary>Text a message sent to the caller contains.</summary>
    public string? TextSent { get; init; }

    /// <summary>True: no message was sent.</summary>
    public bool NoText { get; init; }

    /// <summary>How the call ends (only in the scenario's final expectation).</summary>
    public ScenarioEnding? Ends { get; init; }

    /// <summary><c>fallback</c> or <c>primary</c>: who answered (the last request of the part expected on).</summary>
    public string? ServedBy { get; init; }

    /// <summary>The error code Twilio handed the fallback.</summary>
    public int? ErrorCode { get; init; }
}
