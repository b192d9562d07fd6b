using System.Text;

namespace IvrService.Twilio.TwiML;

/// <summary>Text rules every element shares.</summary>
internal static class TwiMLXml
{
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
