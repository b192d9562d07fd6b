using IvrService.Twilio.Rest;

namespace IvrService.Twilio.Tests.Rest;

public class TwilioCredentialsTests
{
    [Fact]
    public void ToString_NeverShowsTheSecret()
    {
        var text = TwilioCredentials.FromAuthToken("AC1", "super-secret-token").ToString();

        Assert.DoesNotContain("super-secret-token", text, StringComparison.Ordinal);
        Assert.Contains("AC1", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "token")]
    [InlineData("AC1", "")]
    [InlineData(" ", "token")]
    public void FromAuthToken_Missing_Throws(string sid, string token) =>
        Assert.ThrowsAny<ArgumentException>(() => TwilioCredentials.FromAuthToken(sid, token));

    [Fact]
    public void FromApiKey_KeySidIsTheUser()
    {
        var credentials = TwilioCredentials.FromApiKey("AC1", "SK1", "s");

        Assert.Equal("SK1", credentials.Username);
        Assert.Equal("AC1", credentials.AccountSid);
    }

    [Theory]
    [InlineData("AC0123456789abcdef0123456789ABCDEF", true)]
    [InlineData("AC0123456789abcdef0123456789abcde", false)]
    [InlineData("AC0123456789abcdef0123456789abcdeff", false)]
    [InlineData("ac0123456789abcdef0123456789abcdef", false)]
    [InlineData("AC0123456789abcdef0123456789abcdeg", false)]
    [InlineData("MG0123456789abcdef0123456789abcdef", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsAccountSid_AcceptsOnlyACAnd32HexDigits(string? value, bool expected) =>
        Assert.Equal(expected, TwilioCredentials.IsAccountSid(value));
}
