using System.Text.Json;
using System.Text.Json.Serialization;

namespace IvrService.Flow;

/// <summary>
/// Text that may differ per locale. In JSON either one string for every locale, or an object
/// <c>{"en-US": "…", "es-US": "…"}</c>. Resolution: the requested locale, then the flow's default locale, then
/// any available text.
/// </summary>
[JsonConverter(typeof(LocalizedTextJsonConverter))]
public sealed class LocalizedText
{
    /// <summary>The same text for every locale, or <c>null</c> when the text is per locale.</summary>
    public string? Invariant { get; init; }

    /// <summary>Locale → text (empty when <see cref="Invariant"/> is used).</summary>
    public IReadOnlyDictionary<string, string> ByLocale { get; init; } = new Dictionary<string, string>();

    /// <summary>Picks the text for <paramref name="locale"/>, falling back to <paramref name="defaultLocale"/>.</summary>
    public string? Resolve(string? locale, string? defaultLocale)
    {
        if (Invariant is not null)
        {
            return Invariant;
        }

        if (locale is not null && ByLocale.TryGetValue(locale, out var text))
        {
            return text;
        }

        if (defaultLocale is not null && ByLocale.TryGetValue(defaultLocale, out text))
        {
            return text;
        }

        return ByLocale.Values.FirstOrDefault();
    }

    /// <summary>Every text variant (for validation).</summary>
    public IEnumerable<KeyValuePair<string?, string>> Variants() =>
        Invariant is not null
            ? [new KeyValuePair<string?, string>(null, Invariant)]
            : ByLocale.Select(p => new KeyValuePair<string?, string>(p.Key, p.Value));
}

/// <summary>Reads a <see cref="LocalizedText"/> from a string or a locale → string object.</summary>
internal sealed class LocalizedTextJsonConverter : JsonConverter<LocalizedText>
{
    public override LocalizedText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new LocalizedText { Invariant = reader.GetString() };
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A text is a string or an object of locale → string.");
        }

        var byLocale = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var locale = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"The text for '{locale}' must be a string.");
            }

            if (!byLocale.TryAdd(locale, reader.GetString()!))
            {
                throw new JsonException($"Duplicate locale '{locale}'.");
            }
        }

        return new LocalizedText { ByLocale = byLocale };
    }

    public override void Write(Utf8JsonWriter writer, LocalizedText value, JsonSerializerOptions options)
    {
        if (value.Invariant is not null)
        {
            writer.WriteStringValue(value.Invariant);
            return;
        }

        writer.WriteStartObject();
        foreach (var (locale, text) in value.ByLocale)
        {
            writer.WriteString(locale, text);
        }

        writer.WriteEndObject();
    }
}
