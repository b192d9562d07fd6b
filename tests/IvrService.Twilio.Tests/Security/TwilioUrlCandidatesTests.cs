using IvrService.Twilio.Security;

namespace IvrService.Twilio.Tests.Security;

public class TwilioUrlCandidatesTests
{
    [Fact]
    public void For_HttpsNonDefaultPort_ReceivedFormFirstThenWithoutPort()
    {
        var candidates = TwilioUrlCandidates.For("https://host.example:8443/voice?a=1");

        Assert.Equal(["https://host.example:8443/voice?a=1", "https://host.example/voice?a=1"], candidates);
    }

    [Fact]
    public void For_NoPort_AddsSchemeDefault()
    {
        Assert.Equal(["http://h/x", "http://h:80/x"], TwilioUrlCandidates.For("http://h/x"));
    }

    [Fact]
    public void For_MixedCaseHost_AsReceivedFirstLowercasedOnlyAtTheEnd()
    {
        var candidates = TwilioUrlCandidates.For("https://MyCompany.com/a?b='c'");

        Assert.Equal(
            [
                "https://MyCompany.com/a?b='c'",
                "https://MyCompany.com:443/a?b='c'",
                "https://MyCompany.com/a?b=%27c%27",
                "https://MyCompany.com:443/a?b=%27c%27",
            ],
            candidates.Take(4));
        Assert.Equal("https://mycompany.com/a?b=%27c%27", candidates[^4]);
        Assert.Equal("https://mycompany.com:443/a?b=%27c%27", candidates[^3]);
        Assert.All(candidates.SkipLast(4), c => Assert.Contains("MyCompany.com", c, StringComparison.Ordinal));
    }

    [Fact]
    public void For_QueryNeedingEscapes_AddsWhatwgThenLegacyForms()
    {
        var candidates = TwilioUrlCandidates.For("https://h/x?b=It's+ok&a=1&b=2");

        Assert.Equal(
            [
                "https://h/x?b=It's+ok&a=1&b=2",
                "https://h:443/x?b=It's+ok&a=1&b=2",
                "https://h/x?b=It%27s+ok&a=1&b=2",
                "https://h:443/x?b=It%27s+ok&a=1&b=2",
                "https://h/x?b=It's%20ok&b=2&a=1",
                "https://h:443/x?b=It's%20ok&b=2&a=1",
            ],
            candidates);
    }

    [Fact]
    public void For_Ipv6Host_PortSplitAfterBracket()
    {
        Assert.Equal(["http://[::1]:5080/voice", "http://[::1]/voice"], TwilioUrlCandidates.For("http://[::1]:5080/voice"));
    }

    [Fact]
    public void For_UserInfo_StrippedFirstKeptLast()
    {
        var candidates = TwilioUrlCandidates.For("https://u:p@h/x");

        Assert.Equal(["https://h/x", "https://h:443/x", "https://u:p@h/x", "https://u:p@h:443/x"], candidates);
    }

    [Theory]
    [InlineData("a=1&&b=2&=x&c&%ZZ=1&d=%E9&e=%20+", "a=1&b=2&=x&c=&%25ZZ=1&d=%EF%BF%BD&e=%20%20")]
    [InlineData("4294967295=x&4294967294=y&01=z&b=1&0=q", "0=q&4294967294=y&4294967295=x&01=z&b=1")]
    [InlineData("a=1=2&%", "a=1%3D2&%25=")]
    public void LegacyQueryString_NodeExamples_MatchNodeOutput(string query, string expected)
    {
        // Expected values printed by node 20's querystring.stringify(querystring.parse(query)).
        Assert.Equal(expected, TwilioUrlCandidates.LegacyQueryString(query));
    }

    [Fact]
    public void StripUserInfoAndFragment_RemovesBoth()
    {
        Assert.Equal("https://h:1/p?q", TwilioUrlCandidates.StripUserInfoAndFragment("https://u:p@h:1/p?q#rc=1"));
    }
}
