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
    /// <summary>Parses one text frame; <paramref name="failure"/> says why when it returns null.</summary>
    public static RelayInbound? Parse(ReadOnlySpan<byte> frame, out RelayParseFailure? failure)
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

            switch (type)
            {
                case "setup":
                    return new RelaySetup(String(root, "sessionId"), String(root, "callSid"), String(root, "from"), String(root, "to"));
                case "prompt":
                    if (String(root, "voicePrompt") is not { } said)
                    {
                        failure = new RelayParseFailure("a prompt without \"voicePrompt\"");
                        return null;
                    }

                    return new RelayPrompt(said, String(root, "lang"), !root.TryGetProperty("last", out var last) || last.ValueKind != JsonValueKind.False);
                case "dtmf":
                    if (String(root, "digit") is not { Length: 1 } digit || !"0123456789*#wABCD".Contains(digit[0], StringComparison.Ordinal))
                    {
                        failure = new RelayParseFailure("a dtmf message without one key in \"digit\"");
                        return null;
                    }

                    return new RelayDtmf(digit);
                case "interrupt":
                    return new RelayInterrupt(String(root, "utteranceUntilInterrupt"));
                case "error":
                    return new RelayError(String(root, "description"));
                default:
                    return new RelayUnknown(type.Length > 40 ? type[..40] : type);
            }
        }
        catch (JsonException e)
        {
            failure = new RelayParseFailure("not JSON: " + e.Message.Split('.')[0]);
            return null;
        }
    }

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
