using IvrService.Twilio.Rest;

namespace IvrService.Twilio.Tests.Rest;

public class TwilioHostsTests
{
    [Theory]
    [InlineData("api.twilio.com", null, null, "api.twilio.com")]
    [InlineData("api.twilio.com", "dublin", "ie1", "api.dublin.ie1.twilio.com")]
    [InlineData("api.twilio.com", "sydney", "au1", "api.sydney.au1.twilio.com")]
    [InlineData("api.twilio.com", "ashburn-ix", "us1", "api.ashburn-ix.us1.twilio.com")]
    [InlineData("api.twilio.com", "umatilla", null, "api.umatilla.us1.twilio.com")]
    [InlineData("api.twilio.com", "Frankfurt", null, "api.frankfurt.us1.twilio.com")]
    [InlineData("api.twilio.com", "ie1", null, "api.dublin.us1.twilio.com")]
    [InlineData("api.twilio.com", "us2", "us1", "api.umatilla.us1.twilio.com")]
    [InlineData("api.ie1.twilio.com", "dublin", null, "api.dublin.ie1.twilio.com")]
    [InlineData("api.dublin.ie1.twilio.com", null, null, "api.dublin.ie1.twilio.com")]
    [InlineData("api.dublin.ie1.twilio.com", "frankfurt", null, "api.frankfurt.ie1.twilio.com")]
    [InlineData("api.dublin.ie1.twilio.com", null, "au1", "api.dublin.au1.twilio.com")]
    [InlineData("messaging.twilio.com", "tokyo", null, "messaging.tokyo.us1.twilio.com")]
    [InlineData("127.0.0.1", "dublin", "ie1", "127.0.0.1")]
    [InlineData("localhost", "dublin", null, "localhost")]
    public void BuildHost_EdgeAndRegion(string baseHost, string? edge, string? region, string expected) =>
        Assert.Equal(expected, TwilioHosts.BuildHost(baseHost, edge, region));

    [Theory]
    [InlineData("ie1", "api.dublin.ie1.twilio.com")]
    [InlineData("au1", "api.sydney.au1.twilio.com")]
    [InlineData("us1", "api.ashburn.us1.twilio.com")]
    public void BuildHost_RegionOnly_NeverTheRetiredRegionHost(string region, string expected)
    {
        var host = TwilioHosts.BuildHost("api.twilio.com", null, region);

        Assert.Equal(expected, host);
        Assert.NotEqual($"api.{region}.twilio.com", host);
    }

    [Fact]
    public void BuildHost_RegionWithoutHomeEdge_ThrowsNamingTheFix()
    {
        var ex = Assert.Throws<ArgumentException>(() => TwilioHosts.BuildHost("api.twilio.com", null, "jp1"));

        Assert.Contains("set an edge", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dub lin")]
    [InlineData("dublin.evil.com")]
    [InlineData("-dublin")]
    public void BuildHost_MalformedEdge_Throws(string edge) =>
        Assert.Throws<ArgumentException>(() => TwilioHosts.BuildHost("api.twilio.com", edge, null));

    [Theory]
    [InlineData("au1", "sydney")]
    [InlineData("br1", "sao-paulo")]
    [InlineData("ie1", "dublin")]
    [InlineData("de1", "frankfurt")]
    [InlineData("jp1", "tokyo")]
    [InlineData("sg1", "singapore")]
    [InlineData("us1", "ashburn")]
    [InlineData("us2", "umatilla")]
    [InlineData("gll", "roaming")]
    [InlineData(" Ashburn ", "ashburn")]
    [InlineData("", null)]
    public void NormalizeEdge_LegacyIds(string edge, string? expected) => Assert.Equal(expected, TwilioHosts.NormalizeEdge(edge));

    [Fact]
    public void KnownEdges_AreValidLabels() =>
        Assert.All(TwilioHosts.KnownEdges, edge => Assert.Equal(edge, TwilioHosts.NormalizeEdge(edge)));
}
