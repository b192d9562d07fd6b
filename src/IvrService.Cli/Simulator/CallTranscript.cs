using System.Text.Json.Serialization;

namespace IvrService.Cli.Simulator;

/// <summary>How a simulated call (or message exchange) ended.</summary>
public enum CallOutcome
{
    /// <summary>The TwiML ran out without a hangup verb: Twilio ends the call normally.</summary>
    [JsonStringEnumMemberName("completed")] Completed,
    /// <summary>The application ended the call with &lt;Hangup&gt;.</summary>
    [JsonStringEnumMemberName("hangup")] Hangup,
    /// <summary>The caller hung up (script exhausted, <c>hangup</c> in the script, or end of input at the keypad).</summary>
    [JsonStringEnumMemberName("caller-hangup")] CallerHangup,
    /// <summary>The application rejected the call with &lt;Reject&gt;.</summary>
    [JsonStringEnumMemberName("rejected")] Rejected,
    /// <summary>The caller was put in a queue with &lt;Enqueue&gt;; the simulation stops there.</summary>
    [JsonStringEnumMemberName("enqueued")] Enqueued,
    /// <summary>Primary and fallback both failed (or there was no fallback): the caller hears Twilio's application-error message.</summary>
    [JsonStringEnumMemberName("application-error")] ApplicationError,
    /// <summary>The simulator's safety net (max steps or duration) stopped the call.</summary>
    [JsonStringEnumMemberName("aborted")] Aborted,
}

/// <summary>What happened at one point of the call.</summary>
public enum CallEventKind
{
    [JsonStringEnumMemberName("call")] Call,
    [JsonStringEnumMemberName("request")] Request,
    [JsonStringEnumMemberName("fallback")] Fallback,
    [JsonStringEnumMemberName("say")] Say,
    [JsonStringEnumMemberName("play")] Play,
    [JsonStringEnumMemberName("play-digits")] PlayDigits,
    [JsonStringEnumMemberName("pause")] Pause,
    [JsonStringEnumMemberName("gather")] Gather,
    [JsonStringEnumMemberName("input")] Input,
    [JsonStringEnumMemberName("dial")] Dial,
    [JsonStringEnumMemberName("record")] Record,
    [JsonStringEnumMemberName("redirect")] Redirect,
    [JsonStringEnumMemberName("message")] Message,
    [JsonStringEnumMemberName("enqueue")] Enqueue,
    [JsonStringEnumMemberName("agent-connect")] AgentConnect,
    [JsonStringEnumMemberName("agent-says")] AgentSays,
    [JsonStringEnumMemberName("agent-end")] AgentEnd,
    [JsonStringEnumMemberName("note")] Note,
    [JsonStringEnumMemberName("warning")] Warning,
    [JsonStringEnumMemberName("application-error")] ApplicationError,
    [JsonStringEnumMemberName("status-callback")] StatusCallback,
    [JsonStringEnumMemberName("end")] End,
}

/// <summary>
/// One transcript entry. A flat record so the JSON stays easy to query (<c>jq '.events[] | select(.kind=="fallback")'</c>);
/// only the fields that apply to the kind are set.
/// </summary>
public sealed record CallEvent
{
    public required CallEventKind Kind { get; init; }

    /// <summary>Seconds since the call started, on the simulated call clock (real HTTP time plus simulated audio time).</summary>
    public double At { get; init; }

    /// <summary>For requests: <c>voice</c>, <c>fallback</c>, <c>action</c>, <c>redirect</c>, <c>status-callback</c>, <c>sms</c>.</summary>
    public string? Role { get; init; }

    public string? Method { get; init; }

    public string? Url { get; init; }

    /// <summary>A &lt;Record&gt;'s action URL (its <see cref="Url"/> is the recording's), on its event and on a hang-up during it.</summary>
    public string? Action { get; init; }

    /// <summary>host:port of the app that answered (or should have).</summary>
    public string? App { get; init; }

    public int? Status { get; init; }

    public string? ContentType { get; init; }

    public long? Bytes { get; init; }

    public double? LatencyMs { get; init; }

    public int? Attempts { get; init; }

    public bool? SignatureSent { get; init; }

    public int? ErrorCode { get; init; }

    public string? ErrorUrl { get; init; }

    /// <summary>Said text, SMS body, or a note.</summary>
    public string? Text { get; init; }

    public string? Digits { get; init; }

    public string? Detail { get; init; }

    public MediaInfo? Media { get; init; }

    public IReadOnlyDictionary<string, string>? Parameters { get; init; }

    public CallOutcome? Outcome { get; init; }
}

/// <summary>What fetching a &lt;Play&gt; URL showed.</summary>
public sealed record MediaInfo
{
    public int? Status { get; init; }

    public string? ContentType { get; init; }

    public long? Bytes { get; init; }

    public double? LatencyMs { get; init; }

    /// <summary><c>miss</c>, <c>hit</c>, <c>revalidated</c> (304), <c>not-cacheable</c>.</summary>
    public string? Cache { get; init; }

    public string? CacheControl { get; init; }

    public string? ETag { get; init; }

    public double? DurationSeconds { get; init; }

    public int? ErrorCode { get; init; }

    public string? Error { get; init; }
}

/// <summary>The outcome and events of one simulated call or message.</summary>
public sealed record CallTranscript
{
    /// <summary><c>voice</c> or <c>sms</c>.</summary>
    public required string Channel { get; init; }

    public string? CallSid { get; init; }

    public string? MessageSid { get; init; }

    public required string AccountSid { get; init; }

    public required string From { get; init; }

    public required string To { get; init; }

    public required string Url { get; init; }

    public string? FallbackUrl { get; init; }

    public required CallOutcome Outcome { get; init; }

    public string? OutcomeDetail { get; init; }

    /// <summary>The Twilio error code of the failure that ended the call, if any.</summary>
    public int? ErrorCode { get; init; }

    public double DurationSeconds { get; init; }

    public int Requests { get; init; }

    public bool FallbackUsed { get; init; }

    public required IReadOnlyList<CallEvent> Events { get; init; }

    /// <summary>What the caller heard, in order: Say texts and Play URLs.</summary>
    [JsonIgnore]
    public IEnumerable<string> Heard => Events
        .Where(e => e.Kind is CallEventKind.Say or CallEventKind.Play)
        .Select(e => e.Text ?? e.Url ?? string.Empty);

    /// <summary>The requests made, in order.</summary>
    [JsonIgnore]
    public IEnumerable<CallEvent> RequestEvents => Events.Where(e => e.Kind is CallEventKind.Request or CallEventKind.StatusCallback);
}

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(CallTranscript))]
internal sealed partial class CallTranscriptJsonContext : JsonSerializerContext;
