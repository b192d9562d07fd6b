using System.Globalization;

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

    /// <summary>Keys pressed (Twilio <c>Digits</c>).</summary>
    public static CallInput Digits(string digits) => new DigitsInput(digits ?? "");

    /// <summary>Recognised speech (Twilio <c>SpeechResult</c>, <c>Confidence</c>).</summary>
    public static CallInput Speech(string text, double? confidence = null) => new SpeechInput(text ?? "", confidence);

    /// <summary>How a transfer ended (Twilio <c>DialCallStatus</c>).</summary>
    public static CallInput DialResult(DialOutcome outcome) => new DialResultInput(outcome);

    /// <summary>A finished recording (Twilio <c>RecordingUrl</c>, <c>RecordingDuration</c>).</summary>
    public static CallInput RecordingResult(string? url, int durationSeconds) => new RecordingResultInput(url, durationSeconds);

    /// <summary>
    /// Builds the input from a webhook's parameters by their Twilio names (<c>Digits</c>, <c>SpeechResult</c>,
    /// <c>Confidence</c>, <c>DialCallStatus</c>, <c>RecordingUrl</c>, <c>RecordingDuration</c>); lenient about
    /// missing or malformed values.
    /// </summary>
    public static CallInput FromParameters(IReadOnlyDictionary<string, string?> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        string? Get(string name) => parameters.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

        if (Get("DialCallStatus") is { } status)
        {
            return DialResult(ParseDialOutcome(status));
        }

        if (Get("RecordingUrl") is { } url)
        {
            var seconds = int.TryParse(Get("RecordingDuration"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) ? d : 0;
            return RecordingResult(url, seconds);
        }

        if (Get("Digits") is { } digits && !string.Equals(digits, "hangup", StringComparison.Ordinal))
        {
            return Digits(digits);
        }

        if (Get("SpeechResult") is { } speech)
        {
            double? confidence = double.TryParse(Get("Confidence"), NumberStyles.Float, CultureInfo.InvariantCulture, out var c) ? c : null;
            return Speech(speech, confidence);
        }

        return Unknown;
    }

    /// <summary>Maps Twilio's <c>DialCallStatus</c> value.</summary>
    public static DialOutcome ParseDialOutcome(string? status) => status switch
    {
        "completed" => DialOutcome.Completed,
        "answered" => DialOutcome.Answered,
        "busy" => DialOutcome.Busy,
        "no-answer" => DialOutcome.NoAnswer,
        "failed" => DialOutcome.Failed,
        "canceled" => DialOutcome.Canceled,
        _ => DialOutcome.Unknown,
    };
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

/// <summary>Twilio <c>DialCallStatus</c> values.</summary>
public enum DialOutcome
{
    /// <summary>Not a value Twilio documents.</summary>
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
