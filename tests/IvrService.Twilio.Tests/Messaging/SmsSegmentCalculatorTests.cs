using IvrService.Twilio.Messaging;

namespace IvrService.Twilio.Tests.Messaging;

public sealed class SmsSegmentCalculatorTests
{
    [Theory]
    [InlineData(0, 1, 160)]
    [InlineData(1, 1, 159)]
    [InlineData(160, 1, 0)]
    [InlineData(161, 2, 145)]
    [InlineData(306, 2, 0)]
    [InlineData(307, 3, 152)]
    [InlineData(459, 3, 0)]
    [InlineData(460, 4, 152)]
    public void Calculate_Gsm7Lengths_SplitAt160Then153(int length, int segments, int left)
    {
        var info = SmsSegmentCalculator.Calculate(new string('a', length));

        Assert.Equal(SmsEncoding.Gsm7, info.Encoding);
        Assert.Equal("GSM-7", info.EncodingName);
        Assert.Equal(length, info.Units);
        Assert.Equal(length, info.Characters);
        Assert.Equal(segments, info.Segments);
        Assert.Equal(left, info.UnitsLeft);
        Assert.Empty(info.Ucs2Characters);
    }

    [Fact]
    public void Calculate_FullGsm7Alphabet_StaysGsm7()
    {
        var info = SmsSegmentCalculator.Calculate("@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!\"#¤%&'()*+,-./:;<=>?¡ÄÖÑÜ§¿äöñüà\r\n");

        Assert.Equal(SmsEncoding.Gsm7, info.Encoding);
    }

    [Theory]
    [InlineData("€")]
    [InlineData("^")]
    [InlineData("{")]
    [InlineData("}")]
    [InlineData("\\")]
    [InlineData("[")]
    [InlineData("~")]
    [InlineData("]")]
    [InlineData("|")]
    public void Calculate_ExtensionCharacter_CostsTwoSeptets(string extension)
    {
        var info = SmsSegmentCalculator.Calculate("a" + extension);

        Assert.Equal(SmsEncoding.Gsm7, info.Encoding);
        Assert.Equal(2, info.Characters);
        Assert.Equal(3, info.Units);
    }

    [Fact]
    public void Calculate_ExtensionCharacterAt160_TipsIntoTwoSegments()
    {
        var fits = SmsSegmentCalculator.Calculate(new string('a', 158) + "€");
        var tips = SmsSegmentCalculator.Calculate(new string('a', 159) + "€");

        Assert.Equal((160, 1, 0), (fits.Units, fits.Segments, fits.UnitsLeft));
        Assert.Equal((161, 2), (tips.Units, tips.Segments));
    }

    [Fact]
    public void Calculate_EscapePairAtSegmentBoundary_MovesWholeToNextSegment()
    {
        // 306 septets would be exactly two segments, but the € at septets 153-154 cannot be split: segment 1 ends
        // after 152 septets, segment 2 holds € and 151 a's, and the last 'a' needs a third.
        var info = SmsSegmentCalculator.Calculate(new string('a', 152) + "€" + new string('a', 152));

        Assert.Equal(306, info.Units);
        Assert.Equal(3, info.Segments);
        Assert.Equal(152, info.UnitsLeft);
    }

    [Theory]
    [InlineData(70, 1, 0)]
    [InlineData(71, 2, 63)]
    [InlineData(134, 2, 0)]
    [InlineData(135, 3, 66)]
    public void Calculate_OneNonGsmCharacter_WholeMessageUcs2At70Then67(int length, int segments, int left)
    {
        var info = SmsSegmentCalculator.Calculate("✓" + new string('a', length - 1));

        Assert.Equal(SmsEncoding.Ucs2, info.Encoding);
        Assert.Equal(length, info.Units);
        Assert.Equal(segments, info.Segments);
        Assert.Equal(left, info.UnitsLeft);
        var reason = Assert.Single(info.Ucs2Characters);
        Assert.Equal(("✓", 0, "U+2713"), (reason.Character, reason.Index, reason.CodePoint));
        Assert.Null(reason.Gsm7Suggestion);
    }

    [Fact]
    public void Calculate_Emoji_IsOneCharacterOfTwoUnits()
    {
        var info = SmsSegmentCalculator.Calculate("Hi 😀");

        Assert.Equal(SmsEncoding.Ucs2, info.Encoding);
        Assert.Equal(4, info.Characters);
        Assert.Equal(5, info.Units);
        var emoji = Assert.Single(info.Ucs2Characters);
        Assert.Equal(("😀", 3, "U+1F600"), (emoji.Character, emoji.Index, emoji.CodePoint));
    }

    [Fact]
    public void Calculate_SurrogatePairAtSegmentBoundary_MovesWholeToNextSegment()
    {
        // 134 units would be two segments; the emoji at units 67-68 moves whole to segment 2, so a third is needed.
        var info = SmsSegmentCalculator.Calculate(new string('a', 66) + "😀" + new string('a', 66));

        Assert.Equal(134, info.Units);
        Assert.Equal(3, info.Segments);
        Assert.Equal(66, info.UnitsLeft);
    }

    [Fact]
    public void Calculate_TypographicCharacters_ReportedWithIndexAndLookAlike()
    {
        var info = SmsSegmentCalculator.Calculate("It’s “ok” — really…\u00a0á`");

        Assert.Equal(SmsEncoding.Ucs2, info.Encoding);
        Assert.Equal(
            [("’", 2, "'"), ("“", 5, "\""), ("”", 8, "\""), ("—", 10, "-"), ("…", 18, "..."), ("\u00a0", 19, " "), ("á", 20, null), ("`", 21, "'")],
            info.Ucs2Characters.Select(c => (c.Character, c.Index, c.Gsm7Suggestion)));
        Assert.True(info.Ucs2Characters[0].IsAccidental);
        Assert.False(info.Ucs2Characters[6].IsAccidental);
    }

    [Fact]
    public void ReplaceLookAlikes_TypographicText_BecomesGsm7()
    {
        var plain = SmsSegmentCalculator.ReplaceLookAlikes("It’s “ok” – really…\u200b");

        Assert.Equal("It's \"ok\" - really...", plain);
        Assert.Equal(SmsEncoding.Gsm7, SmsSegmentCalculator.Calculate(plain).Encoding);
    }

    [Fact]
    public void Calculate_LoneSurrogate_CountsOneUnitAndForcesUcs2()
    {
        var info = SmsSegmentCalculator.Calculate("\ud83da");

        Assert.Equal(SmsEncoding.Ucs2, info.Encoding);
        Assert.Equal(2, info.Units);
        Assert.Equal(0, Assert.Single(info.Ucs2Characters).Index);
    }

    [Fact]
    public void Calculate_Over1600Characters_FlagsMaximum()
    {
        Assert.False(SmsSegmentCalculator.Calculate(new string('a', 1600)).ExceedsMaximum);
        var info = SmsSegmentCalculator.Calculate(new string('a', 1601));

        Assert.True(info.ExceedsMaximum);
        Assert.Equal(11, info.Segments);
    }

    [Fact]
    public void Calculate_Null_IsEmptySingleSegment()
    {
        var info = SmsSegmentCalculator.Calculate(null);

        Assert.Equal((SmsEncoding.Gsm7, 0, 1), (info.Encoding, info.Units, info.Segments));
    }
}
