using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace IvrService.Hosting.Logging;

/// <summary>
/// One event as one line of compact JSON (CLEF), the same document Serilog's <c>RenderedCompactJsonFormatter</c>
/// writes: <c>@t</c>, <c>@m</c> (the rendered message), <c>@i</c> (the template's event id), <c>@l</c> unless
/// Information, <c>@x</c>, <c>@tr</c>/<c>@sp</c>, then the properties (a leading <c>@</c> doubled). It writes UTF-8
/// straight into the sink's buffer with <see cref="Utf8JsonWriter"/> instead of characters through a TextWriter: the
/// primary writes one of these per webhook, and Serilog's formatter was 5 % of its CPU. Strings, numbers, booleans
/// and nulls take the fast path; any other value is written by Serilog's own <see cref="JsonValueFormatter"/>, so
/// the output means exactly what Serilog's would (the tests compare the two on every value kind).
/// </summary>
/// <remarks>Not thread-safe: it reuses its writers, and the batching sink calls it from one thread at a time.</remarks>
internal sealed class ClefLineFormatter : ILogLineFormatter
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Non-ASCII stays readable UTF-8, as in Serilog's output; quotes, backslashes and controls are still escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = true,
    };

    private readonly JsonValueFormatter _values = new(typeTagName: "$type");
    private readonly StringWriter _text = new(CultureInfo.InvariantCulture);
    private Utf8JsonWriter? _json;
    private MessageTemplate? _lastTemplate;
    private string _lastId = "";

    public void Format(LogEvent logEvent, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        ArgumentNullException.ThrowIfNull(output);

        var json = _json ??= new Utf8JsonWriter(output, WriterOptions);
        json.Reset(output);
        json.WriteStartObject();

        Span<char> timestamp = stackalloc char[40];
        logEvent.Timestamp.UtcDateTime.TryFormat(timestamp, out var length, "O", CultureInfo.InvariantCulture);
        json.WriteString("@t"u8, timestamp[..length]);

        logEvent.MessageTemplate.Render(logEvent.Properties, Reset(_text), formatProvider: null);
        json.WriteString("@m"u8, Written(_text));

        json.WriteString("@i"u8, EventId(logEvent.MessageTemplate));

        if (logEvent.Level != LogEventLevel.Information)
        {
            json.WriteString("@l"u8, logEvent.Level.ToString());
        }

        if (logEvent.Exception is not null)
        {
            json.WriteString("@x"u8, logEvent.Exception.ToString());
        }

        if (logEvent.TraceId is { } trace)
        {
            json.WriteString("@tr"u8, trace.ToHexString());
        }

        if (logEvent.SpanId is { } span)
        {
            json.WriteString("@sp"u8, span.ToHexString());
        }

        foreach (var (name, value) in logEvent.Properties)
        {
            if (name.Length > 0 && name[0] == '@')
            {
                json.WritePropertyName("@" + name);
            }
            else
            {
                json.WritePropertyName(name);
            }

            WriteValue(json, value);
        }

        json.WriteEndObject();
        json.Flush();
        output.Write("\n"u8);
    }

    public void Dispose()
    {
        _json?.Dispose();
        _text.Dispose();
    }

    // Events mostly share a handful of templates (one per webhook completion): hash a template once in a row.
    private string EventId(MessageTemplate template)
    {
        if (!ReferenceEquals(template, _lastTemplate))
        {
            _lastId = EventIdHash(template.Text).ToString("x8", CultureInfo.InvariantCulture);
            _lastTemplate = template;
        }

        return _lastId;
    }

    /// <summary>
    /// The event id CLEF gives a message template (Serilog.Formatting.Compact's <c>EventIdHash</c>): Jenkins'
    /// one-at-a-time hash of the template text.
    /// </summary>
    internal static uint EventIdHash(string template)
    {
        unchecked
        {
            uint hash = 0;
            foreach (var c in template)
            {
                hash += c;
                hash += hash << 10;
                hash ^= hash >> 6;
            }

            hash += hash << 3;
            hash ^= hash >> 11;
            hash += hash << 15;
            return hash;
        }
    }

    private void WriteValue(Utf8JsonWriter json, LogEventPropertyValue value)
    {
        if (value is ScalarValue scalar)
        {
            switch (scalar.Value)
            {
                case null:
                    json.WriteNullValue();
                    return;
                case string s:
                    json.WriteStringValue(s);
                    return;
                case bool b:
                    json.WriteBooleanValue(b);
                    return;
                case int i:
                    json.WriteNumberValue(i);
                    return;
                case long l:
                    json.WriteNumberValue(l);
                    return;
                case double d when double.IsFinite(d):
                    // Serilog writes a finite double as ToString("R"): the same text, without the string.
                    Span<byte> digits = stackalloc byte[32];
                    if (d.TryFormat(digits, out var written, "R", CultureInfo.InvariantCulture))
                    {
                        json.WriteRawValue(digits[..written], skipInputValidation: true);
                        return;
                    }

                    break;
            }
        }

        // Everything else (doubles with Serilog's "R" and NaN rules, dates, structures with $type, sequences,
        // dictionaries) exactly as Serilog writes it.
        _values.Format(value, Reset(_text));
        json.WriteRawValue(Written(_text), skipInputValidation: true);
    }

    /// <summary>What <paramref name="writer"/> holds, without a string when it sits in one chunk (the usual case).</summary>
    private static ReadOnlySpan<char> Written(StringWriter writer)
    {
        var builder = writer.GetStringBuilder();
        foreach (var chunk in builder.GetChunks())
        {
            if (chunk.Length == builder.Length)
            {
                return chunk.Span;
            }

            break;
        }

        return builder.ToString();
    }

    private static StringWriter Reset(StringWriter writer)
    {
        writer.GetStringBuilder().Clear();
        return writer;
    }
}
