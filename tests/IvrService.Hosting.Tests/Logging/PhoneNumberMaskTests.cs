using IvrService.Hosting.Logging;

namespace IvrService.Hosting.Tests.Logging;

public class PhoneNumberMaskTests
{
    [Theory]
    [InlineData("+14155551234", "+1******1234")]
    [InlineData("+442071838750", "+4*******8750")]
    [InlineData("14155551234", "1******1234")]
    [InlineData("client:alice", "client:***")]
    [InlineData("sip:bob@example.com", "sip:***")]
    [InlineData("12345", "*****")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void Mask_Value_KeepsOnlyCountryPrefixAndLastFour(string? input, string? expected)
    {
        Assert.Equal(expected, PhoneNumberMask.Mask(input));
    }

    [Fact]
    public void Mask_E164_NeverContainsTheMiddleDigits()
    {
        var masked = PhoneNumberMask.Mask("+15005550006");

        Assert.DoesNotContain("500555", masked, StringComparison.Ordinal);
        Assert.Equal("+15005550006".Length, masked!.Length);
    }
}
