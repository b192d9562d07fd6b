using System.Text;

namespace IvrService.Twilio.TwiML;

/// <summary><c>&lt;Gather input&gt;</c>: which input Twilio listens for. Combine for <c>dtmf speech</c>.</summary>
[Flags]
public enum GatherInput
{
    /// <summary>Key presses (<c>dtmf</c>).</summary>
    Dtmf = 1,

    /// <summary>Speech recognition (<c>speech</c>).</summary>
    Speech = 2,
}

/// <summary><c>&lt;Dial record&gt;</c>.</summary>
public enum DialRecord
{
    /// <summary><c>do-not-record</c></summary>
    DoNotRecord,

    /// <summary><c>record-from-answer</c></summary>
    RecordFromAnswer,

    /// <summary><c>record-from-ringing</c></summary>
    RecordFromRinging,

    /// <summary><c>record-from-answer-dual</c></summary>
    RecordFromAnswerDual,

    /// <summary><c>record-from-ringing-dual</c></summary>
    RecordFromRingingDual,
}

/// <summary><c>trim</c> on <c>&lt;Dial&gt;</c> and <c>&lt;Record&gt;</c>.</summary>
public enum TrimMode
{
    /// <summary><c>trim-silence</c></summary>
    TrimSilence,

    /// <summary><c>do-not-trim</c></summary>
    DoNotTrim,
}

/// <summary><c>recordingStatusCallbackEvent</c>: a space-separated list on the wire.</summary>
[Flags]
public enum RecordingEvent
{
    /// <summary><c>in-progress</c></summary>
    InProgress = 1,

    /// <summary><c>completed</c></summary>
    Completed = 2,

    /// <summary><c>absent</c></summary>
    Absent = 4,
}

/// <summary><c>&lt;Dial recordingTrack&gt;</c>.</summary>
public enum RecordingTrack
{
    /// <summary><c>both</c></summary>
    Both,

    /// <summary><c>inbound</c></summary>
    Inbound,

    /// <summary><c>outbound</c></summary>
    Outbound,
}

/// <summary><c>statusCallbackEvent</c> on dialled nouns: a space-separated list on the wire.</summary>
[Flags]
public enum CallProgressEvent
{
    /// <summary><c>initiated</c></summary>
    Initiated = 1,

    /// <summary><c>ringing</c></summary>
    Ringing = 2,

    /// <summary><c>answered</c></summary>
    Answered = 4,

    /// <summary><c>completed</c></summary>
    Completed = 8,
}

/// <summary><c>&lt;Reject reason&gt;</c>.</summary>
public enum RejectReason
{
    /// <summary><c>rejected</c> (Twilio's default)</summary>
    Rejected,

    /// <summary><c>busy</c></summary>
    Busy,
}

/// <summary>Wire strings of the TwiML enums; switch expressions rather than reflection so the writer stays AOT-safe.</summary>
internal static class TwiMLEnumStrings
{
    public static string? ToWire(GatherInput? value) => value switch
    {
        null or 0 => null,
        GatherInput.Dtmf => "dtmf",
        GatherInput.Speech => "speech",
        GatherInput.Dtmf | GatherInput.Speech => "dtmf speech",
        _ => throw Unknown(value),
    };

    public static string? ToWire(DialRecord? value) => value switch
    {
        null => null,
        DialRecord.DoNotRecord => "do-not-record",
        DialRecord.RecordFromAnswer => "record-from-answer",
        DialRecord.RecordFromRinging => "record-from-ringing",
        DialRecord.RecordFromAnswerDual => "record-from-answer-dual",
        DialRecord.RecordFromRingingDual => "record-from-ringing-dual",
        _ => throw Unknown(value),
    };

    public static string? ToWire(TrimMode? value) => value switch
    {
        null => null,
        TrimMode.TrimSilence => "trim-silence",
        TrimMode.DoNotTrim => "do-not-trim",
        _ => throw Unknown(value),
    };

    public static string? ToWire(RecordingTrack? value) => value switch
    {
        null => null,
        RecordingTrack.Both => "both",
        RecordingTrack.Inbound => "inbound",
        RecordingTrack.Outbound => "outbound",
        _ => throw Unknown(value),
    };

    public static string? ToWire(RejectReason? value) => value switch
    {
        null => null,
        RejectReason.Rejected => "rejected",
        RejectReason.Busy => "busy",
        _ => throw Unknown(value),
    };

    public static string? ToWire(RecordingEvent? value)
    {
        if (value is not { } v || v == 0)
        {
            return null;
        }

        if ((v & ~(RecordingEvent.InProgress | RecordingEvent.Completed | RecordingEvent.Absent)) != 0)
        {
            throw Unknown(value);
        }

        var builder = new StringBuilder(32);
        Append(builder, v.HasFlag(RecordingEvent.InProgress), "in-progress");
        Append(builder, v.HasFlag(RecordingEvent.Completed), "completed");
        Append(builder, v.HasFlag(RecordingEvent.Absent), "absent");
        return builder.ToString();
    }

    public static string? ToWire(CallProgressEvent? value)
    {
        if (value is not { } v || v == 0)
        {
            return null;
        }

        const CallProgressEvent all = CallProgressEvent.Initiated | CallProgressEvent.Ringing
            | CallProgressEvent.Answered | CallProgressEvent.Completed;
        if ((v & ~all) != 0)
        {
            throw Unknown(value);
        }

        var builder = new StringBuilder(40);
        Append(builder, v.HasFlag(CallProgressEvent.Initiated), "initiated");
        Append(builder, v.HasFlag(CallProgressEvent.Ringing), "ringing");
        Append(builder, v.HasFlag(CallProgressEvent.Answered), "answered");
        Append(builder, v.HasFlag(CallProgressEvent.Completed), "completed");
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, bool present, string word)
    {
        if (present)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(word);
        }
    }

    private static ArgumentOutOfRangeException Unknown<T>(T value) =>
        new(nameof(value), value, $"{typeof(T).Name} has no TwiML wire value for '{value}'.");
}
