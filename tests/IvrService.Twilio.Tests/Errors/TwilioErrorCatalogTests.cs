using IvrService.Twilio.Errors;

namespace IvrService.Twilio.Tests.Errors;

public class TwilioErrorCatalogTests
{
    [Theory]
    [InlineData(11100)]
    [InlineData(11200)]
    [InlineData(11202)]
    [InlineData(11205)]
    [InlineData(11210)]
    [InlineData(11215)]
    [InlineData(11220)]
    [InlineData(11235)]
    [InlineData(11236)]
    [InlineData(11237)]
    [InlineData(11241)]
    [InlineData(11242)]
    public void Lookup_ConnectionCodes_ArePrimaryUnreachable(int code) => AssertKnown(code, ErrorFamily.PrimaryUnreachable);

    [Theory]
    [InlineData(11206)]
    [InlineData(11217)]
    [InlineData(11750)]
    [InlineData(12100)]
    [InlineData(12101)]
    [InlineData(12102)]
    [InlineData(12200)]
    [InlineData(12300)]
    [InlineData(12400)]
    public void Lookup_ResponseCodes_ArePrimaryAnsweredBadly(int code) => AssertKnown(code, ErrorFamily.PrimaryAnsweredBadly);

    [Theory]
    [InlineData(13420)]
    [InlineData(13221)]
    [InlineData(13224)]
    public void Lookup_VerbCodes_AreMediaProblem(int code) => AssertKnown(code, ErrorFamily.MediaProblem);

    [Theory]
    [InlineData(13999, ErrorFamily.MediaProblem)]
    [InlineData(11299, ErrorFamily.PrimaryUnreachable)]
    [InlineData(12150, ErrorFamily.PrimaryAnsweredBadly)]
    [InlineData(20003, ErrorFamily.Other)]
    [InlineData(1, ErrorFamily.Other)]
    public void Lookup_UnlistedCode_FamilyFromRange(int code, ErrorFamily family)
    {
        var error = TwilioErrorCatalog.Lookup(code);

        Assert.False(error.IsKnown);
        Assert.Equal(code, error.Code);
        Assert.Equal(family, error.Family);
        Assert.Contains(code.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Name, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("11205", 11205)]
    [InlineData(" 12100 ", 12100)]
    [InlineData("013420", 13420)]
    public void TryParse_Numbers_LookUp(string raw, int expected) => Assert.Equal(expected, TwilioErrorCatalog.TryParse(raw).Code);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc")]
    [InlineData("-11200")]
    [InlineData("+11200")]
    [InlineData("11200.5")]
    [InlineData("0")]
    [InlineData("99999999999999999999")]
    public void TryParse_Garbage_IsUnknownOther(string? raw)
    {
        var error = TwilioErrorCatalog.TryParse(raw);

        Assert.Same(TwilioErrorCatalog.Unknown, error);
        Assert.Equal(ErrorFamily.Other, error.Family);
        Assert.False(error.IsKnown);
    }

    [Fact]
    public void All_EntriesHaveNamesDescriptionsAndDocLinks()
    {
        foreach (var error in TwilioErrorCatalog.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(error.Name));
            Assert.False(string.IsNullOrWhiteSpace(error.Description));
            Assert.Equal($"https://www.twilio.com/docs/api/errors/{error.Code}", error.DocumentationUrl.ToString());
            Assert.Same(error, TwilioErrorCatalog.Lookup(error.Code));
        }
    }

    private static void AssertKnown(int code, ErrorFamily family)
    {
        var error = TwilioErrorCatalog.Lookup(code);

        Assert.True(error.IsKnown, $"{code} should be catalogued");
        Assert.Equal(code, error.Code);
        Assert.Equal(family, error.Family);
    }
}
