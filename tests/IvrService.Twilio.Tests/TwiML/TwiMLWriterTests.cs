using System.Text;
using System.Xml;
using System.Xml.Linq;
using IvrService.Twilio.TwiML;

namespace IvrService.Twilio.Tests.TwiML;

/// <summary>
/// The TwiML writer must produce, byte for byte, what <see cref="XmlWriter"/> produces with the settings the
/// library used before it had its own writer (UTF-8 without BOM, no indentation, NewLineHandling.Entitize). The
/// reference here is XmlWriter itself, fed the same names, attributes and text.
/// </summary>
public class TwiMLWriterTests
{
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";

    private static readonly XmlWriterSettings ReferenceSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = false,
        NewLineHandling = NewLineHandling.Entitize,
        CheckCharacters = true,
        OmitXmlDeclaration = true,
        ConformanceLevel = ConformanceLevel.Fragment,
    };

    public static TheoryData<int> Planes()
    {
        var data = new TheoryData<int>();
        for (var start = 0; start < 0x10000; start += 0x1000)
        {
            data.Add(start);
        }

        return data;
    }

    /// <summary>Every BMP character XML can carry, in text and in an attribute, 64 to an element.</summary>
    [Theory]
    [MemberData(nameof(Planes))]
    public void EveryCharacter_InTextAndAttribute_MatchesXmlWriter(int start)
    {
        var chars = Enumerable.Range(start, 0x1000).Select(c => (char)c).Where(IsXmlChar).ToArray();
        for (var i = 0; i < chars.Length; i += 64)
        {
            var value = new string(chars, i, Math.Min(64, chars.Length - i));
            AssertSameAsXmlWriter(value);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("a & b < c > d \"e\" 'f' ]]>")]
    [InlineData("\r\n\t \n\r")]
    [InlineData("emoji 😀 and 𝄞 (surrogate pairs)")]
    [InlineData("&amp; already escaped &#xA;")]
    [InlineData("\u0085\u2028\u2029\uFEFF\uFFFD")]
    public void Samples_MatchXmlWriter(string value) => AssertSameAsXmlWriter(value);

    [Fact]
    public void SeededMixes_MatchXmlWriter()
    {
        const string alphabet = "aZ9 <>&\"'\t\n\r]=/?#%+é中😀\u0085\u2028\uFFFD";
        var random = new Random(20261124);
        var elements = alphabet.EnumerateRunes().Select(r => r.ToString()).ToArray();
        for (var n = 0; n < 2000; n++)
        {
            var builder = new StringBuilder();
            var length = random.Next(0, 40);
            for (var i = 0; i < length; i++)
            {
                builder.Append(elements[random.Next(elements.Length)]);
            }

            AssertSameAsXmlWriter(builder.ToString());
        }
    }

    [Fact]
    public void NestedAndEmptyElements_MatchXmlWriter()
    {
        var ours = Ours(writer =>
        {
            writer.StartElement("Response");
            writer.StartElement("Gather");
            writer.Attribute("numDigits", 1);
            writer.Attribute("timeout", -2147483648);
            writer.Attribute("bargeIn", true);
            writer.Attribute("method", TwilioHttpMethod.Get);
            writer.Attribute("absent", (string?)null);
            writer.Attribute("absentNumber", (int?)null);
            writer.StartElement("Pause");
            writer.EndElement();
            writer.StartElement("Say");
            writer.Text(string.Empty);
            writer.EndElement();
            writer.EndElement();
            writer.StartElement("Hangup");
            writer.EndElement();
            writer.EndElement();
        });

        var reference = Reference(writer =>
        {
            writer.WriteStartElement("Response");
            writer.WriteStartElement("Gather");
            writer.WriteAttributeString("numDigits", "1");
            writer.WriteAttributeString("timeout", "-2147483648");
            writer.WriteAttributeString("bargeIn", "true");
            writer.WriteAttributeString("method", "GET");
            writer.WriteStartElement("Pause");
            writer.WriteEndElement();
            writer.WriteStartElement("Say");
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteStartElement("Hangup");
            writer.WriteEndElement();
            writer.WriteEndElement();
        });

        Assert.Equal(reference, ours);
    }

    [Fact]
    public void AttributeAfterContent_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Ours(writer =>
        {
            writer.StartElement("Say");
            writer.Text("hi");
            writer.Attribute("voice", "alice");
        }));
    }

    /// <summary>
    /// Whole documents: the root of every generated response, parsed and written back by XmlWriter, is the same
    /// bytes the writer produced, and the prologue is the declaration plus one newline.
    /// </summary>
    [Fact]
    public void GeneratedDocuments_AreWhatXmlWriterWouldWrite()
    {
        var generator = new TwiMLCaseGenerator(20261125);
        for (var i = 0; i < 300; i++)
        {
            var (response, spec) = generator.Next();
            var ours = response.ToString();

            Assert.StartsWith(Declaration, ours, StringComparison.Ordinal);
            var root = XDocument.Parse(ours, LoadOptions.PreserveWhitespace).Root!;
            var reference = Reference(root.WriteTo);
            Assert.True(reference == ours[Declaration.Length..], $"case {i}\nspec: {spec}\nours: {ours}\nxmlwriter: {reference}");
        }
    }

    private static void AssertSameAsXmlWriter(string value)
    {
        var clean = TwiMLXml.Clean(value);
        var ours = Ours(writer =>
        {
            writer.StartElement("Say");
            writer.Attribute("voice", value);
            writer.Text(value);
            writer.EndElement();
        });
        var reference = Reference(writer =>
        {
            writer.WriteStartElement("Say");
            writer.WriteAttributeString("voice", clean);
            if (clean.Length > 0)
            {
                writer.WriteString(clean);
            }

            writer.WriteEndElement();
        });

        Assert.True(reference == ours, $"value {Escape(value)}\nours:      {Escape(ours)}\nxmlwriter: {Escape(reference)}");
    }

    private static string Ours(Action<TwiMLWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        write(new TwiMLWriter(buffer));
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Reference(Action<XmlWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, ReferenceSettings))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static bool IsXmlChar(char c) =>
        c is '\t' or '\n' or '\r' or (>= ' ' and < '\uD800') or (>= '\uE000' and <= '\uFFFD');

    private static string Escape(string value) =>
        string.Concat(value.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString()));
}
