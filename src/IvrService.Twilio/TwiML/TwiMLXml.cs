using System.Globalization;
using System.Text;
using System.Xml;

namespace IvrService.Twilio.TwiML;

/// <summary>Shared XmlWriter settings and the value formatting every element uses.</summary>
internal static class TwiMLXml
{
    // Entitize keeps \r, \n and \t exactly (as character references) instead of normalising them, so what was set is
    // what Twilio reads; the UTF-8 encoding has no BOM because Twilio's parser rejects text before "<?xml" (12100).
    internal static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = false,
        NewLineHandling = NewLineHandling.Entitize,
        CheckCharacters = true,
        CloseOutput = false,
        OmitXmlDeclaration = false,
    };

    public static void Attribute(XmlWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteAttributeString(name, Clean(value));
        }
    }

    public static void Attribute(XmlWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteAttributeString(name, v.ToString(CultureInfo.InvariantCulture));
        }
    }

    public static void Attribute(XmlWriter writer, string name, bool? value)
    {
        if (value is { } v)
        {
            writer.WriteAttributeString(name, v ? "true" : "false");
        }
    }

    public static void Attribute(XmlWriter writer, string name, TwilioHttpMethod? value)
    {
        if (value is { } v)
        {
            writer.WriteAttributeString(name, v.ToWireString());
        }
    }

    public static void Text(XmlWriter writer, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.WriteString(Clean(value));
        }
    }

    /// <summary>
    /// Removes the characters XML 1.0 cannot carry (C0 controls other than tab/CR/LF, U+FFFE/U+FFFF, lone
    /// surrogates). Stripping rather than throwing: the text often comes from callers (speech results, SMS bodies)
    /// or content files, and one stray control character must not turn a call into Twilio's application-error message.
    /// </summary>
    public static string Clean(string value)
    {
        var firstBad = IndexOfInvalid(value);
        if (firstBad < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        builder.Append(value, 0, firstBad);
        for (var i = firstBad; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder.Append(c).Append(value[i + 1]);
                i++;
            }
            else if (IsValidSingle(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static int IndexOfInvalid(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is >= ' ' and < '\uD800')
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (!IsValidSingle(c))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsValidSingle(char c) =>
        c is '\t' or '\n' or '\r' or (>= ' ' and < '\uD800') or (>= '\uE000' and <= '\uFFFD');
}
