namespace IvrService.Flow;

/// <summary>What the caller (or Twilio) answered to the previous turn.</summary>
public abstract record CallInput
{
    private protected CallInput()
    {
    }

    /// <summary>The caller gave nothing (Twilio fell through a Gather or Record).</summary>
    public static CallInput NoInput { get; } = new NoInputReceived();

    /// <summary>A request carrying nothing the engine recognises.</summary>
    public static CallInput Unknown { get; } = new UnknownInput();

    /// <summary>Keys pressed.</summary>
    public static CallInput Digits(string digits) => new DigitsInput(digits ?? "");

    /// <summary>Recognised speech, with the recogniser's confidence when known.</summary>
    public static CallInput Speech(string text, double? confidence = null) => new SpeechInput(text ?? "", confidence);

    /// <summary>How a transfer ended.</summary>
    public static CallInput DialResult(DialOutcome outcome) => new DialResultInput(outcome);

    /// <summary>An agent session ended: the handoff's target and reason, or a failure.</summary>
    public static CallInput AgentEnded(string? target, string? reason, bool failed = false) => new AgentEndedInput(target, reason, failed);

    /// <summary>A finished recording: where it is and how long it lasts.</summary>
    public static CallInput RecordingResult(string? url, int durationSeconds) => new RecordingResultInput(url, durationSeconds);
}

/// <summary>Keys pressed; any string Twilio (or a forger) sends, validated by the engine.</summary>
public sealed record DigitsInput(string Value) : CallInput;

/// <summary>Recognised speech.</summary>
public sealed record SpeechInput(string Text, double? Confidence) : CallInput;

/// <summary>No input.</summary>
public sealed record NoInputReceived : CallInput;

/// <summary>How a dial ended.</summary>
public sealed record DialResultInput(DialOutcome Outcome) : CallInput;

/// <summary>A finished recording.</summary>
public sealed record RecordingResultInput(string? Url, int DurationSeconds) : CallInput;

/// <summary>Unrecognised input.</summary>
public sealed record UnknownInput : CallInput;

/// <summary>
/// An agent session (ConversationRelay) ended: the handoff the agent sent (<paramref name="Target"/> and/or
/// <paramref name="Reason"/>, as the agent named them), or <paramref name="Failed"/> when the session broke.
/// </summary>
public sealed record AgentEndedInput(string? Target, string? Reason, bool Failed) : CallInput;

/// <summary>How a transfer ended, as the engine branches on it (the call edge maps the telephony provider's status).</summary>
public enum DialOutcome
{
    /// <summary>Not a known ending.</summary>
    Unknown,

    /// <summary>The bridged call ended normally.</summary>
    Completed,

    /// <summary>Answered (reported for some call types instead of completed).</summary>
    Answered,

    /// <summary>Busy signal.</summary>
    Busy,

    /// <summary>Nobody answered within the timeout.</summary>
    NoAnswer,

    /// <summary>The call could not be placed (e.g. a bad number).</summary>
    Failed,

    /// <summary>The caller hung up while the transfer was ringing.</summary>
    Canceled,
}
