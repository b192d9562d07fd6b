using IvrService.Cli.Simulator;

namespace IvrService.Cli.Tests.Simulator;

public sealed class SmsSegmentsTests
{
    [Theory]
    [InlineData(0, "GSM-7", 1)]
    [InlineData(160, "GSM-7", 1)]
    [InlineData(161, "GSM-7", 2)]
    [InlineData(306, "GSM-7", 2)]
    [InlineData(307, "GSM-7", 3)]
    public void Measure_Gsm7Lengths_SegmentsAt160And153(int length, string encoding, int segments)
    {
        var info = SmsSegments.Measure(new string('a', length));

        Assert.Equal(encoding, info.Encoding);
        Assert.Equal(segments, info.Segments);
    }

    [Fact]
    public void Measure_ExtensionCharacters_CostTwoSeptets()
    {
        var info = SmsSegments.Measure(new string('a', 158) + "€");

        Assert.Equal(160, info.Units);
        Assert.Equal(1, info.Segments);
        Assert.Equal(2, SmsSegments.Measure(new string('a', 159) + "€").Segments);
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Measure_OneNonGsmCharacter_WholeMessageUcs2(int length, int segments)
    {
        var info = SmsSegments.Measure("✓" + new string('a', length - 1));

        Assert.Equal("UCS-2", info.Encoding);
        Assert.Equal(segments, info.Segments);
    }

    [Fact]
    public void Measure_Emoji_CountsTwoUtf16Units()
    {
        Assert.Equal(2, SmsSegments.Measure("😀").Units);
    }
}
