using System.Text.Json;
using System.Text.Json.Serialization;

namespace IvrService.Flow;

/// <summary>
/// What a node asks to be played. In JSON either a prompt id string (<c>"welcome"</c>, resolved through the
/// catalog), explicit text-to-speech (<c>{"say": "…"}</c>) or silence (<c>{"pause": 2}</c>).
/// </summary>
[JsonConverter(typeof(PromptRefJsonConverter))]
public sealed record PromptRef
{
    /// <summary>Catalog prompt id, or <c>null</c> for TTS / pause.</summary>
    public string? Id { get; init; }

    /// <summary>Text to speak with TTS (rendered as <c>&lt;Say&gt;</c>), or <c>null</c>.</summary>
    public string? Say { get; init; }

    /// <summary>Seconds of silence, or <c>null</c>.</summary>
    public int? PauseSeconds { get; init; }

    /// <summary>A reference to a catalog prompt.</summary>
    public static PromptRef ForId(string id) => new() { Id = id };

    /// <inheritdoc />
    public override string ToString() =>
        Id ?? (Say is not null ? $"say:{Say}" : PauseSeconds is { } p ? $"pause:{p}" : "(empty)");
}

/// <summary>Reads a <see cref="PromptRef"/> from a string or a <c>{"say"}</c> / <c>{"pause"}</c> object.</summary>
internal sealed class PromptRefJsonConverter : JsonConverter<PromptRef>
{
    public override PromptRef Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new PromptRef { Id = reader.GetString() };
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A prompt is a prompt id string, {\"say\": \"text\"} or {\"pause\": seconds}.");
        }

        string? say = null;
        int? pause = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "say" when reader.TokenType == JsonTokenType.String:
                    say = reader.GetString();
                    break;
                case "pause" when reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var seconds):
                    pause = seconds;
                    break;
                default:
                    throw new JsonException($"Unexpected '{name}' in a prompt object; use \"say\" (text) or \"pause\" (whole seconds).");
            }
        }

        if ((say is null) == (pause is null))
        {
            throw new JsonException("A prompt object needs exactly one of \"say\" or \"pause\".");
        }

        return new PromptRef { Say = say, PauseSeconds = pause };
    }

    public override void Write(Utf8JsonWriter writer, PromptRef value, JsonSerializerOptions options)
    {
        if (value.Id is not null)
        {
            writer.WriteStringValue(value.Id);
            return;
        }

        writer.WriteStartObject();
        if (value.Say is not null)
        {
            writer.WriteString("say", value.Say);
        }
        else
        {
            writer.WriteNumber("pause", value.PauseSeconds ?? 0);
        }

        writer.WriteEndObject();
    }
}
