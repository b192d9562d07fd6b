using System.Globalization;
using System.Text;
using System.Text.Json;
using IvrService.Twilio.Errors;

namespace IvrService.Cli.Simulator;

/// <summary>Renders a transcript as readable lines or as one JSON document.</summary>
public static class TranscriptRenderer
{
    private static readonly string[] ShownParameters =
        ["Digits", "SpeechResult", "DialCallStatus", "RecordingDuration", "ErrorCode", "ErrorUrl", "Body", "CallStatus"];

    /// <summary>The transcript as one JSON document (source-generated serializer).</summary>
    public static string ToJson(CallTranscript transcript) =>
        JsonSerializer.Serialize(transcript, CallTranscriptJsonContext.Default.CallTranscript);

    /// <summary>Parses a document written by <see cref="ToJson"/>.</summary>
    public static CallTranscript? FromJson(string json) =>
        JsonSerializer.Deserialize(json, CallTranscriptJsonContext.Default.CallTranscript);

    /// <summary>All events, one line each, then a summary line.</summary>
    public static string ToText(CallTranscript transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var text = new StringBuilder();
        foreach (var e in transcript.Events)
        {
            text.AppendLine(Line(e));
        }

        text.AppendLine(Summary(transcript));
        return text.ToString();
    }

    /// <summary>The closing summary line.</summary>
    public static string Summary(CallTranscript transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var what = transcript.Channel == "sms" ? "message" : "call";
        var error = transcript.ErrorCode is { } code ? $", error {code}" : "";
        var fallback = transcript.FallbackUsed ? ", fallback used" : "";
        return F($"{what} {Name(transcript.Outcome)}{error}{fallback}: {transcript.Requests} request(s), {transcript.DurationSeconds:0.0} s");
    }

    /// <summary>One event as one line, prefixed with the call clock.</summary>
    public static string Line(CallEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var body = e.Kind switch
        {
            CallEventKind.Call => $"{e.Text} ({e.Detail}) to {e.Url}",
            CallEventKind.Request or CallEventKind.StatusCallback => Request(e),
            CallEventKind.Fallback => $"FALLBACK  {Code(e.ErrorCode)}: {e.Detail} at {e.ErrorUrl} -> {e.Url}",
            CallEventKind.Say => $"caller hears: \"{e.Text}\"{Suffix(e.Detail)}",
            CallEventKind.Play => Play(e),
            CallEventKind.PlayDigits => $"app plays tones: {e.Digits}",
            CallEventKind.Pause => $"silence {e.Detail}",
            CallEventKind.Gather => $"listening ({e.Detail}) -> {e.Url}",
            CallEventKind.Input => e.Digits is not null && e.Text is null
                ? $"caller presses: {e.Digits}{Suffix(e.Detail)}"
                : $"caller: {e.Text}{(e.Digits is null ? "" : $" [{e.Digits}]")}{Suffix(e.Detail)}",
            CallEventKind.Dial => $"dial {e.Text}: {e.Detail}",
            CallEventKind.Record => $"recording: {e.Detail}",
            CallEventKind.Redirect => $"redirect -> {e.Url}",
            CallEventKind.Message => $"message: \"{e.Text}\"{Suffix(e.Detail)}",
            CallEventKind.Enqueue => $"enqueued in '{e.Text}'{Suffix(e.Detail)}",
            CallEventKind.AgentConnect => $"agent session (ConversationRelay) -> {e.Url}{Suffix(e.Detail)}",
            CallEventKind.AgentSays => $"agent says: \"{e.Text}\"{Suffix(e.Detail)}",
            CallEventKind.AgentEnd => $"agent ends the session{Suffix(e.Detail)}",
            CallEventKind.Note => $"note: {e.Text}",
            CallEventKind.Warning => $"WARNING {Code(e.ErrorCode)}: {e.Text}",
            CallEventKind.ApplicationError => $"APPLICATION ERROR {Code(e.ErrorCode)}: caller hears \"{e.Text}\"",
            CallEventKind.End => $"ended: {(e.Outcome is { } o ? Name(o) : "?")} ({e.Detail})",
            _ => e.Kind.ToString(),
        };
        return F($"[{e.At,8:0.000}s] {body}");
    }

    private static string Request(CallEvent e)
    {
        var label = e.Kind == CallEventKind.StatusCallback ? "status callback " : e.Role == "fallback" ? "fallback " : "";
        var head = $"{label}{e.Method} {e.Url}";
        var shown = e.Parameters is null
            ? ""
            : string.Join(' ', ShownParameters.Where(p => e.Parameters.ContainsKey(p) && e.Parameters[p].Length > 0 && !(p == "CallStatus" && e.Kind != CallEventKind.StatusCallback))
                .Select(p => $"{p}={e.Parameters[p]}"));
        var answer = e.ErrorCode is { } code
            ? $"FAILED {Code(code)} ({e.Detail}){(e.Status is { } s ? F($" HTTP {s}") : "")}"
            : F($"{e.Status} {e.ContentType} {e.Bytes} B");
        var timing = e.LatencyMs is { } ms ? F($" in {ms:0} ms") : "";
        var attempts = e.Attempts is > 1 ? F($", {e.Attempts} attempts") : "";
        return $"{head}{(shown.Length > 0 ? $" [{shown}]" : "")} -> {answer}{timing}{attempts} by {e.App}";
    }

    private static string Play(CallEvent e)
    {
        var m = e.Media;
        if (m is null)
        {
            return $"caller hears audio: {e.Url}";
        }

        var facts = new List<string>();
        if (m.ContentType is not null)
        {
            facts.Add(m.ContentType);
        }

        if (m.Bytes is { } bytes)
        {
            facts.Add(F($"{bytes} B"));
        }

        if (m.DurationSeconds is { } seconds)
        {
            facts.Add(F($"{seconds:0.0} s"));
        }

        if (m.LatencyMs is { } latency)
        {
            facts.Add(F($"{latency:0} ms"));
        }

        if (m.Cache is not null)
        {
            facts.Add($"cache {m.Cache}");
        }

        if (m.CacheControl is not null)
        {
            facts.Add($"Cache-Control: {m.CacheControl}");
        }

        if (m.ETag is not null)
        {
            facts.Add($"ETag {m.ETag}");
        }

        var verb = m.ErrorCode is null ? "caller hears audio" : "audio NOT played";
        return $"{verb}: {e.Url} ({string.Join(", ", facts)}){Suffix(e.Detail)}";
    }

    /// <summary>The code with its name from the shared catalog: "11205 HTTP connection failure".</summary>
    private static string Code(int? code) => code is { } value
        ? F($"{value} {TwilioErrorCatalog.Lookup(value).Name}")
        : "?";

    private static string Suffix(string? detail) => detail is null ? "" : $" ({detail})";

    /// <summary>An outcome as the JSON transcript spells it (<c>no-answer</c>).</summary>
    internal static string Name(CallOutcome outcome) => JsonSerializer.Serialize(outcome, CallTranscriptJsonContext.Default.CallOutcome).Trim('"');

    private static string F(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
