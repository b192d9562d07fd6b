using System.Buffers;
using System.Buffers.Text;
using System.Globalization;

namespace IvrService.Twilio.TwiML;

/// <summary>
/// Writes a TwiML document as UTF-8 straight into an <see cref="IBufferWriter{T}"/>. It covers only what TwiML
/// needs (elements, attributes, text) and produces the bytes <see cref="System.Xml.XmlWriter"/> produced with
/// Twilio's settings (no BOM, no indentation, <c>NewLineHandling.Entitize</c>), which the tests hold it to
/// character by character. XmlWriter itself allocated about 7 KB of buffers per document; this allocates itself
/// and its element stack (128 bytes for a menu answer).
/// </summary>
/// <remarks>
/// Escaping, as XmlWriter does it: in attribute values <c>&lt; &gt; &amp; "</c> and tab, LF and CR become
/// references; in text <c>&lt; &gt; &amp;</c> and CR do (LF and tab stay, as they survive parsing). Characters XML
/// cannot carry are removed by <see cref="TwiMLXml.Clean"/> before they get here.
/// </remarks>
internal sealed class TwiMLWriter
{
    private static readonly SearchValues<char> AttributeSpecials = SearchValues.Create("<>&\"\t\n\r");
    private static readonly SearchValues<char> TextSpecials = SearchValues.Create("<>&\r");

    private readonly IBufferWriter<byte> _output;
    private readonly Stack<string> _open = new();
    private bool _startTagOpen;

    public TwiMLWriter(IBufferWriter<byte> output) => _output = output;

    /// <summary>The XML declaration and the newline Twilio's C# SDK puts before the root.</summary>
    public void Declaration() => Put("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"u8);

    public void StartElement(string name)
    {
        CloseStartTag();
        Put("<"u8);
        Utf8(name);
        _open.Push(name);
        _startTagOpen = true;
    }

    /// <summary>Closes the innermost element: <c> /&gt;</c> when it has no content, as XmlWriter writes it.</summary>
    public void EndElement()
    {
        var name = _open.Pop();
        if (_startTagOpen)
        {
            Put(" />"u8);
            _startTagOpen = false;
            return;
        }

        Put("</"u8);
        Utf8(name);
        Put(">"u8);
    }

    public void Attribute(string name, string? value)
    {
        if (value is not null)
        {
            AttributeRaw(name, TwiMLXml.Clean(value));
        }
    }

    public void Attribute(string name, int? value)
    {
        if (value is not { } v)
        {
            return;
        }

        StartAttribute(name);
        Span<byte> digits = stackalloc byte[11];
        if (!Utf8Formatter.TryFormat(v, digits, out var written))
        {
            throw new InvalidOperationException("An int did not fit in 11 bytes.");
        }

        Put(digits[..written]);
        Put("\""u8);
    }

    public void Attribute(string name, bool? value)
    {
        if (value is { } v)
        {
            AttributeRaw(name, v ? "true" : "false");
        }
    }

    public void Attribute(string name, TwilioHttpMethod? value)
    {
        if (value is { } v)
        {
            AttributeRaw(name, v.ToWireString());
        }
    }

    /// <summary>Element text; null or empty writes nothing (the element stays empty).</summary>
    public void Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        CloseStartTag();
        Escaped(TwiMLXml.Clean(value), TextSpecials);
    }

    private void AttributeRaw(string name, string value)
    {
        StartAttribute(name);
        Escaped(value, AttributeSpecials);
        Put("\""u8);
    }

    private void StartAttribute(string name)
    {
        if (!_startTagOpen)
        {
            throw new InvalidOperationException("An attribute must follow its start tag.");
        }

        Put(" "u8);
        Utf8(name);
        Put("=\""u8);
    }

    private void CloseStartTag()
    {
        if (_startTagOpen)
        {
            Put(">"u8);
            _startTagOpen = false;
        }
    }

    private void Escaped(ReadOnlySpan<char> value, SearchValues<char> specials)
    {
        while (!value.IsEmpty)
        {
            var next = value.IndexOfAny(specials);
            var run = next < 0 ? value : value[..next];
            Utf8(run);

            if (next < 0)
            {
                return;
            }

            Put(value[next] switch
            {
                '<' => "&lt;"u8,
                '>' => "&gt;"u8,
                '&' => "&amp;"u8,
                '"' => "&quot;"u8,
                '\t' => "&#x9;"u8,
                '\n' => "&#xA;"u8,
                '\r' => "&#xD;"u8,
                var c => throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"No escape for U+{(int)c:X4}.")),
            });
            value = value[(next + 1)..];
        }
    }

    /// <summary>
    /// Encodes text as UTF-8 in place when the output offers room for the worst case (3 bytes per UTF-16 unit), in
    /// chunks otherwise. The text never holds a lone surrogate (<see cref="TwiMLXml.Clean"/> removed them).
    /// </summary>
    private void Utf8(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        var worst = text.Length * 3;
        var span = _output.GetSpan(worst);
        if (span.Length >= worst)
        {
            System.Text.Unicode.Utf8.FromUtf16(text, span, out _, out var written);
            _output.Advance(written);
            return;
        }

        Span<byte> chunk = stackalloc byte[256];
        while (!text.IsEmpty)
        {
            System.Text.Unicode.Utf8.FromUtf16(text, chunk, out var read, out var written);
            Put(chunk[..written]);
            text = text[read..];
        }
    }

    /// <summary>Copies bytes out, in one piece when the output has room, else across as many spans as it gives.</summary>
    private void Put(ReadOnlySpan<byte> bytes)
    {
        var span = _output.GetSpan(bytes.Length);
        if (span.Length >= bytes.Length)
        {
            bytes.CopyTo(span);
            _output.Advance(bytes.Length);
            return;
        }

        while (!bytes.IsEmpty)
        {
            span = _output.GetSpan(1);
            var count = Math.Min(span.Length, bytes.Length);
            bytes[..count].CopyTo(span);
            _output.Advance(count);
            bytes = bytes[count..];
        }
    }
}
