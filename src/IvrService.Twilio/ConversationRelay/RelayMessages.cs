using System.Buffers;
using System.Text.Json;

namespace IvrService.Twilio.ConversationRelay;

/// <summary>A message ConversationRelay sends the app over the session's WebSocket.</summary>
public abstract record RelayInbound;

/// <summary><c>setup</c>: the first message, naming the session and the call.</summary>
/// <param name="SessionId">The session (<c>VX…</c>).</param>
/// <param name="CallSid">The call (<c>CA…</c>).</param>
/// <param name="From">The caller.</param>
/// <param name="To">The called number.</param>
public sealed record RelaySetup(string? SessionId, string? CallSid, string? From, string? To) : RelayInbound;

/// <summary><c>prompt</c>: what the caller said; <paramref name="Last"/> false for a partial result.</summary>
public sealed record RelayPrompt(string VoicePrompt, string? Lang, bool Last) : RelayInbound;

/// <summary><c>dtmf</c>: a key the caller pressed (with <c>dtmfDetection</c> on).</summary>
public sealed record RelayDtmf(string Digit) : RelayInbound;

/// <summary><c>interrupt</c>: the caller spoke over the app's speech; what had been spoken until then.</summary>
public sealed record RelayInterrupt(string? UtteranceUntilInterrupt) : RelayInbound;

/// <summary><c>error</c>: ConversationRelay reports a problem (e.g. a message of the app's it could not use).</summary>
public sealed record RelayError(string? Description) : RelayInbound;

/// <summary>A well-formed message of a type this version does not know (newer Twilio events): ignored, logged.</summary>
public sealed record RelayUnknown(string Type) : RelayInbound;

/// <summary>A message the app sends ConversationRelay (what Twilio, or a simulator standing in for it, reads).</summary>
public abstract record RelayOutbound;

/// <summary><c>text</c>: words for Twilio to speak; <paramref name="Last"/> ends the answer.</summary>
public sealed record RelayText(string Token, bool Last) : RelayOutbound;

/// <summary><c>end</c>: the session ends; Twilio requests the <c>&lt;Connect&gt;</c> action with <paramref name="HandoffData"/>.</summary>
public sealed record RelayEnd(string? HandoffData) : RelayOutbound;

/// <summary><c>play</c>, <c>sendDigits</c>, <c>language</c> or a newer type: valid, with nothing to speak or end.</summary>
public sealed record RelayOtherOutbound(string Type) : RelayOutbound;

/// <summary>Why a frame is not a ConversationRelay message.</summary>
/// <param name="Reason">For the log: what is wrong, never the frame's content.</param>
public sealed record RelayParseFailure(string Reason);

/// <summary>
/// The ConversationRelay WebSocket messages (Twilio's JSON, twilio-protocol.md): reading what Twilio sends, strictly
/// enough that a malformed frame is reported with its reason rather than half-understood, and writing what the app
/// sends (<c>text</c>, <c>play</c>, <c>sendDigits</c>, <c>end</c>). AOT-safe (no reflection).
/// </summary>
public static class RelayMessages
{
    /// <summary>Parses one text frame from Twilio; <paramref name="failure"/> says why when it returns null.</summary>
    public static RelayInbound? Parse(ReadOnlySpan<byte> frame, out RelayParseFailure? failure) => Read(frame, Inbound, out failure);

    /// <summary>Parses one text frame from the app (the simulator's side); <paramref name="failure"/> says why when it returns null.</summary>
    public static RelayOutbound? ParseFromApp(ReadOnlySpan<byte> frame, out RelayParseFailure? failure) => Read(frame, Outbound, out failure);

    // The envelope both directions share: a JSON object with a string "type".
    private static T? Read<T>(ReadOnlySpan<byte> frame, Func<string, JsonElement, (T? Message, string? Failure)> message, out RelayParseFailure? failure)
        where T : class
    {
        failure = null;
        try
        {
            var reader = new Utf8JsonReader(frame, new JsonReaderOptions { MaxDepth = 8 });
            using var json = JsonDocument.ParseValue(ref reader);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                failure = new RelayParseFailure($"a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object");
                return null;
            }

            if (String(root, "type") is not { } type)
            {
                failure = new RelayParseFailure("no \"type\"");
                return null;
            }

            var (read, why) = message(type, root);
            failure = why is null ? null : new RelayParseFailure(why);
            return read;
        }
        catch (JsonException e)
        {
            failure = new RelayParseFailure("not JSON: " + e.Message.Split('.')[0]);
            return null;
        }
    }

    private static (RelayOutbound?, string?) Outbound(string type, JsonElement root) => type switch
    {
        "text" => String(root, "token") is { } token
            ? (new RelayText(token, !root.TryGetProperty("last", out var last) || last.ValueKind != JsonValueKind.False), null)
            : (null, "a text message without \"token\""),
        "end" => (new RelayEnd(String(root, "handoffData")), null),
        _ => (new RelayOtherOutbound(type.Length > 40 ? type[..40] : type), null),
    };

    private static (RelayInbound?, string?) Inbound(string type, JsonElement root)
    {
        switch (type)
        {
            case "setup":
                return (new RelaySetup(String(root, "sessionId"), String(root, "callSid"), String(root, "from"), String(root, "to")), null);
            case "prompt":
                return String(root, "voicePrompt") is { } said
                    ? (new RelayPrompt(said, String(root, "lang"), !root.TryGetProperty("last", out var last) || last.ValueKind != JsonValueKind.False), null)
                    : (null, "a prompt without \"voicePrompt\"");
            case "dtmf":
                return String(root, "digit") is { Length: 1 } digit && "0123456789*#wABCD".Contains(digit[0], StringComparison.Ordinal)
                    ? (new RelayDtmf(digit), null)
                    : (null, "a dtmf message without one key in \"digit\"");
            case "interrupt":
                return (new RelayInterrupt(String(root, "utteranceUntilInterrupt")), null);
            case "error":
                return (new RelayError(String(root, "description")), null);
            default:
                return (new RelayUnknown(type.Length > 40 ? type[..40] : type), null);
        }
    }

    /// <summary>A <c>setup</c> message, as Twilio opens a session with it.</summary>
    public static byte[] Setup(string sessionId, string accountSid, string callSid, string from, string to) => Write(writer =>
    {
        writer.WriteString("type", "setup");
        writer.WriteString("sessionId", sessionId);
        writer.WriteString("accountSid", accountSid);
        writer.WriteString("callSid", callSid);
        writer.WriteString("from", from);
        writer.WriteString("to", to);
        writer.WriteString("direction", "inbound");
    });

    /// <summary>A <c>prompt</c> message: what the caller said.</summary>
    public static byte[] Prompt(string voicePrompt, string lang, bool last = true) => Write(writer =>
    {
        writer.WriteString("type", "prompt");
        writer.WriteString("voicePrompt", voicePrompt);
        writer.WriteString("lang", lang);
        writer.WriteBoolean("last", last);
    });

    /// <summary>A <c>dtmf</c> message: one key the caller pressed.</summary>
    public static byte[] Dtmf(char digit) => Write(writer =>
    {
        writer.WriteString("type", "dtmf");
        writer.WriteString("digit", digit.ToString());
    });

    /// <summary>A <c>text</c> message: words for Twilio to speak; <paramref name="last"/> ends the answer.</summary>
    public static byte[] Text(string token, bool last = true, string? lang = null) => Write(writer =>
    {
        writer.WriteString("type", "text");
        writer.WriteString("token", token);
        writer.WriteBoolean("last", last);
        if (lang is not null)
        {
            writer.WriteString("lang", lang);
        }
    });

    /// <summary>A <c>play</c> message: audio at <paramref name="source"/>.</summary>
    public static byte[] Play(string source) => Write(writer =>
    {
        writer.WriteString("type", "play");
        writer.WriteString("source", source);
    });

    /// <summary>A <c>sendDigits</c> message: DTMF tones to the call.</summary>
    public static byte[] SendDigits(string digits) => Write(writer =>
    {
        writer.WriteString("type", "sendDigits");
        writer.WriteString("digits", digits);
    });

    /// <summary>
    /// An <c>end</c> message: the session ends and Twilio requests the <c>&lt;Connect&gt;</c> action with
    /// <paramref name="handoffData"/> as <c>HandoffData</c> (a string; by convention JSON).
    /// </summary>
    public static byte[] End(string? handoffData) => Write(writer =>
    {
        writer.WriteString("type", "end");
        if (handoffData is not null)
        {
            writer.WriteString("handoffData", handoffData);
        }
    });

    /// <summary>Handoff data as this service writes and reads it: <c>{"reason": …}</c>.</summary>
    public static string Handoff(string reason)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("reason", reason);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
