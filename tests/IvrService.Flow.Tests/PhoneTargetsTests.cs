namespace IvrService.Flow.Tests;

public class PhoneTargetsTests
{
    [Theory]
    [InlineData("MG0123456789abcdef0123456789ABCDEF", true)]
    [InlineData("MG0123456789abcdef0123456789abcde", false)]
    [InlineData("mg0123456789abcdef0123456789abcdef", false)]
    [InlineData("AC0123456789abcdef0123456789abcdef", false)]
    [InlineData("+15005550006", false)]
    [InlineData(null, false)]
    public void IsMessagingServiceSid_AcceptsOnlyMGAnd32HexDigits(string? value, bool expected) =>
        Assert.Equal(expected, PhoneTargets.IsMessagingServiceSid(value));
}
