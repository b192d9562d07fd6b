using IvrService.Twilio.Rest;

namespace IvrService.Twilio.Tests.Rest;

public class TwilioDatesTests
{
    [Theory]
    [InlineData("Mon, 07 Dec 2026 06:00:00 +0000", "2026-12-07T06:00:00+00:00")]
    [InlineData("Mon, 7 Dec 2026 06:00:00 +0000", "2026-12-07T06:00:00+00:00")]
    [InlineData("Mon, 07 Dec 2026 01:00:00 -0500", "2026-12-07T01:00:00-05:00")]
    [InlineData("Mon, 07 Dec 2026 06:00:00 GMT", "2026-12-07T06:00:00+00:00")]
    [InlineData("07 Dec 2026 06:00:00 +0130", "2026-12-07T06:00:00+01:30")]
    public void ParseRfc2822_TwilioForms_ReadExactly(string text, string expected)
    {
        var parsed = TwilioDates.ParseRfc2822(text);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), parsed);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset, parsed!.Value.Offset);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-12-07T06:00:00Z")]
    [InlineData("Mon, 07 Dec 2026 06:00:00 +000")]
    [InlineData("Mon, 07 Dec 2026 06:00:00 +2400")]
    [InlineData("Mon, 32 Dec 2026 06:00:00 +0000")]
    public void ParseRfc2822_NotRfc2822_ReturnsNull(string? text) => Assert.Null(TwilioDates.ParseRfc2822(text));

    [Fact]
    public void FormatRfc2822_AnyOffset_WritesUtcLikeTwilio() =>
        Assert.Equal(
            "Mon, 07 Dec 2026 06:00:00 +0000",
            TwilioDates.FormatRfc2822(new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.FromHours(-5))));

    [Fact]
    public void MessageResource_NoDateSent_ParsedAsNull() =>
        Assert.Null(new MessageResource { DateCreated = "Mon, 07 Dec 2026 06:00:00 +0000" }.DateSentAt);
}
