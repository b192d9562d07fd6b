using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace IvrService.Twilio.Messaging;

/// <summary>How an SMS body travels: the whole message is in one encoding.</summary>
public enum SmsEncoding
{
    /// <summary>The GSM 03.38 default alphabet, 7 bits per character (extension-table characters take two).</summary>
    Gsm7,

    /// <summary>UCS-2, 16 bits per UTF-16 unit; an emoji outside the BMP takes two.</summary>
    Ucs2,
}

/// <summary>A character that is not in GSM-7 and so made the whole message UCS-2.</summary>
/// <param name="Character">The character (a surrogate pair stays together, e.g. an emoji).</param>
/// <param name="Index">Its position in the body, in UTF-16 units from 0 (the index <c>string</c> APIs use).</param>
/// <param name="Gsm7Suggestion">A GSM-7 look-alike that would keep the message GSM-7 (<c>’</c> → <c>'</c>, a non-breaking
/// space → a space, a zero-width space → nothing, which is <c>""</c>), or <c>null</c> when there is none (e.g. <c>á</c>, an emoji).</param>
public sealed record SmsUcs2Character(string Character, int Index, string? Gsm7Suggestion)
{
    /// <summary>The code point as <c>U+2019</c>, for messages.</summary>
    public string CodePoint => Rune.TryGetRuneAt(Character, 0, out var rune)
        ? "U+" + rune.Value.ToString("X4", CultureInfo.InvariantCulture)
        : "U+" + ((int)Character[0]).ToString("X4", CultureInfo.InvariantCulture);

    /// <summary>True when a look-alike exists: the UCS-2 encoding was probably an accident (text pasted from a word processor).</summary>
    public bool IsAccidental => Gsm7Suggestion is not null;
}

/// <summary>What <see cref="SmsSegmentCalculator.Calculate"/> found.</summary>
/// <param name="Encoding">GSM-7 when every character fits, otherwise UCS-2.</param>
/// <param name="Characters">Unicode characters (scalar values) in the body.</param>
/// <param name="Units">Encoded size: septets for GSM-7 (extension characters count 2), UTF-16 units for UCS-2.</param>
/// <param name="Segments">Segments Twilio bills and sends (1 for an empty body).</param>
/// <param name="UnitsLeft">Units still free in the last segment: how many more plain characters fit before another segment is needed.</param>
/// <param name="Ucs2Characters">Every character that is not GSM-7, in order; empty for GSM-7.</param>
public sealed record SmsSegmentInfo(
    SmsEncoding Encoding,
    int Characters,
    int Units,
    int Segments,
    int UnitsLeft,
    IReadOnlyList<SmsUcs2Character> Ucs2Characters)
{
    /// <summary><c>GSM-7</c> or <c>UCS-2</c>, as people write it.</summary>
    public string EncodingName => Encoding == SmsEncoding.Gsm7 ? "GSM-7" : "UCS-2";

    /// <summary>True when the body is longer than Twilio accepts (<see cref="SmsSegmentCalculator.MaxCharacters"/>).</summary>
    public bool ExceedsMaximum => Characters > SmsSegmentCalculator.MaxCharacters;
}

/// <summary>
/// GSM-7 / UCS-2 segment arithmetic as Twilio and handsets do it (twilio-protocol.md §9): a single message holds 160
/// septets or 70 UTF-16 units; a concatenated one 153 or 67 per segment (the 6-byte header takes the rest). A
/// character never straddles two segments: an extension character's escape pair and an emoji's surrogate pair move
/// whole to the next segment, leaving a unit unused. Pure and thread-safe.
/// </summary>
public static class SmsSegmentCalculator
{
    /// <summary>Septets in a single GSM-7 message.</summary>
    public const int Gsm7Single = 160;

    /// <summary>Septets per segment of a concatenated GSM-7 message.</summary>
    public const int Gsm7PerSegment = 153;

    /// <summary>UTF-16 units in a single UCS-2 message.</summary>
    public const int Ucs2Single = 70;

    /// <summary>UTF-16 units per segment of a concatenated UCS-2 message.</summary>
    public const int Ucs2PerSegment = 67;

    /// <summary>Longest body Twilio accepts, in characters.</summary>
    public const int MaxCharacters = 1600;

    // GSM 03.38 default alphabet (without ESC, which is not a character a text can contain).
    private static readonly FrozenSet<char> Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
            .ToFrozenSet();

    // Reached through ESC, so each costs two septets.
    private static readonly FrozenSet<char> Extension = "\f^{}\\[~]|€".ToFrozenSet();

    // Typographic characters word processors and phones substitute for plain ones. Letters with accents are left
    // out on purpose: "á" in a Spanish text is content, not an accident, and has no look-alike that keeps its meaning.
    private static readonly FrozenDictionary<int, string> LookAlikes = new Dictionary<int, string>
    {
        [0x2018] = "'", [0x2019] = "'", [0x201A] = "'", [0x201B] = "'", [0x2032] = "'", [0x00B4] = "'", [0x02BC] = "'", [0x0060] = "'",
        [0x201C] = "\"", [0x201D] = "\"", [0x201E] = "\"", [0x201F] = "\"", [0x2033] = "\"", [0x00AB] = "\"", [0x00BB] = "\"",
        [0x2010] = "-", [0x2011] = "-", [0x2012] = "-", [0x2013] = "-", [0x2014] = "-", [0x2015] = "-", [0x2212] = "-", [0x2022] = "-",
        [0x2026] = "...",
        [0x00A0] = " ", [0x2002] = " ", [0x2003] = " ", [0x2004] = " ", [0x2005] = " ", [0x2006] = " ", [0x2007] = " ",
        [0x2008] = " ", [0x2009] = " ", [0x200A] = " ", [0x202F] = " ", [0x205F] = " ", [0x3000] = " ", [0x0009] = " ",
        [0x200B] = "", [0x200C] = "", [0x200D] = "", [0x2060] = "", [0xFEFF] = "", [0x00AD] = "",
        [0x2039] = "<", [0x203A] = ">", [0x2044] = "/", [0x02C6] = "^", [0x02DC] = "~", [0x00D7] = "x",
    }.ToFrozenDictionary();

    /// <summary>Encoding, size and segments of <paramref name="body"/>; <c>null</c> counts as empty.</summary>
    public static SmsSegmentInfo Calculate(string? body)
    {
        body ??= "";
        var characters = 0;
        var ucs2 = new List<SmsUcs2Character>();
        for (var i = 0; i < body.Length;)
        {
            var width = Width(body, i);
            var c = body[i];
            if (!Basic.Contains(c) && !Extension.Contains(c))
            {
                var text = body.Substring(i, width);
                ucs2.Add(new SmsUcs2Character(text, i, Suggest(text)));
            }

            characters++;
            i += width;
        }

        return ucs2.Count == 0
            ? Pack(body, SmsEncoding.Gsm7, characters, ucs2, Gsm7Single, Gsm7PerSegment, static (s, i) => (Extension.Contains(s[i]) ? 2 : 1, 1))
            : Pack(body, SmsEncoding.Ucs2, characters, ucs2, Ucs2Single, Ucs2PerSegment, static (s, i) => (Width(s, i), Width(s, i)));
    }

    /// <summary>The body with every character that has a GSM-7 look-alike replaced by it (what Twilio's Smart Encoding would send).</summary>
    public static string ReplaceLookAlikes(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var builder = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length;)
        {
            var width = Width(body, i);
            var text = body.Substring(i, width);
            builder.Append(!Basic.Contains(body[i]) && !Extension.Contains(body[i]) && Suggest(text) is { } plain ? plain : text);
            i += width;
        }

        return builder.ToString();
    }

    // Each character is placed whole: (units it costs, UTF-16 units it spans in the string).
    private static SmsSegmentInfo Pack(
        string body, SmsEncoding encoding, int characters, List<SmsUcs2Character> ucs2, int single, int perSegment,
        Func<string, int, (int Units, int Span)> measure)
    {
        var total = 0;
        for (var i = 0; i < body.Length;)
        {
            var (units, span) = measure(body, i);
            total += units;
            i += span;
        }

        if (total <= single)
        {
            return new SmsSegmentInfo(encoding, characters, total, 1, single - total, ucs2);
        }

        var segments = 1;
        var used = 0;
        for (var i = 0; i < body.Length;)
        {
            var (units, span) = measure(body, i);
            if (used + units > perSegment)
            {
                segments++;
                used = 0;
            }

            used += units;
            i += span;
        }

        return new SmsSegmentInfo(encoding, characters, total, segments, perSegment - used, ucs2);
    }

    // A valid surrogate pair is one character of two units; a lone surrogate counts as one unit on its own.
    private static int Width(string s, int i) =>
        char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1;

    private static string? Suggest(string character) =>
        Rune.TryGetRuneAt(character, 0, out var rune) && LookAlikes.TryGetValue(rune.Value, out var plain) ? plain : null;
}
