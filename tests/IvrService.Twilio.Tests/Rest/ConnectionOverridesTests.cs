using IvrService.Twilio.Rest;

namespace IvrService.Twilio.Tests.Rest;

public class ConnectionOverridesTests
{
    [Fact]
    public void ToFragment_AllKeys_InDocumentedOrder()
    {
        var overrides = new ConnectionOverrides
        {
            ConnectTimeoutMs = 1000,
            ReadTimeoutMs = 3000,
            TotalTimeoutMs = 4500,
            RetryCount = 1,
            RetryPolicy = ["ct", "5xx"],
            Edges = ["ashburn", "umatilla"],
            Sni = true,
        };

        Assert.Equal("ct=1000&rt=3000&tt=4500&rc=1&rp=ct,5xx&e=ashburn,umatilla&sni=y", overrides.ToFragment());
    }

    [Fact]
    public void ToFragment_Nothing_IsEmpty() => Assert.Equal("", new ConnectionOverrides().ToFragment());

    [Theory]
    [InlineData(99, null, null, null, "ct")]
    [InlineData(10001, null, null, null, "ct")]
    [InlineData(null, 99, null, null, "rt")]
    [InlineData(null, 15001, null, null, "rt")]
    [InlineData(null, null, 99, null, "tt")]
    [InlineData(null, null, 15001, null, "tt")]
    [InlineData(null, null, null, -1, "rc")]
    [InlineData(null, null, null, 6, "rc")]
    public void ToFragment_OutOfRange_ThrowsNamingTheKey(int? ct, int? rt, int? tt, int? rc, string key)
    {
        var overrides = new ConnectionOverrides { ConnectTimeoutMs = ct, ReadTimeoutMs = rt, TotalTimeoutMs = tt, RetryCount = rc };

        var ex = Assert.Throws<ArgumentOutOfRangeException>(overrides.ToFragment);

        Assert.Equal(key, ex.ParamName);
    }

    [Theory]
    [InlineData(100, 100, 100, 0)]
    [InlineData(10000, 15000, 15000, 5)]
    public void ToFragment_RangeBounds_Accepted(int ct, int rt, int tt, int rc) =>
        Assert.Equal($"ct={ct}&rt={rt}&tt={tt}&rc={rc}",
            new ConnectionOverrides { ConnectTimeoutMs = ct, ReadTimeoutMs = rt, TotalTimeoutMs = tt, RetryCount = rc }.ToFragment());

    [Fact]
    public void ToFragment_ConnectLongerThanTotal_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(new ConnectionOverrides { ConnectTimeoutMs = 5000, TotalTimeoutMs = 2000 }.ToFragment);

    [Fact]
    public void ToFragment_UnknownRetryPolicy_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(new ConnectionOverrides { RetryPolicy = ["sometimes"] }.ToFragment);

    [Fact]
    public void ToFragment_LegacyEdgeId_MappedToEdge() =>
        Assert.Equal("e=umatilla", new ConnectionOverrides { Edges = ["us2"] }.ToFragment());

    [Theory]
    [InlineData("https://p.example.com/voice", "https://p.example.com/voice#ct=1000&rc=2")]
    [InlineData("https://p.example.com/voice?x=1#old=1", "https://p.example.com/voice?x=1#ct=1000&rc=2")]
    public void ApplyTo_ReplacesFragment(string url, string expected) =>
        Assert.Equal(expected, new ConnectionOverrides { ConnectTimeoutMs = 1000, RetryCount = 2 }.ApplyTo(url));

    [Fact]
    public void ApplyTo_NoOverrides_RemovesFragment() =>
        Assert.Equal("https://p/voice", new ConnectionOverrides().ApplyTo("https://p/voice#ct=1"));

    [Fact]
    public void TryParse_RoundTripsToFragment()
    {
        var original = new ConnectionOverrides { ConnectTimeoutMs = 2000, ReadTimeoutMs = 4000, TotalTimeoutMs = 6000, RetryCount = 2, RetryPolicy = ["all"], Edges = ["dublin"], Sni = false };

        Assert.True(ConnectionOverrides.TryParse(original.ApplyTo("https://p/voice?q=1"), out var parsed, out var error));
        Assert.Null(error);
        Assert.Equal(original.ToFragment(), parsed.ToFragment());
    }

    [Theory]
    [InlineData("https://p/voice#ct=50", "ct")]
    [InlineData("https://p/voice#rc=x", "rc")]
    [InlineData("rt=99999", "rt")]
    public void TryParse_BadValue_FalseWithReason(string input, string key)
    {
        Assert.False(ConnectionOverrides.TryParse(input, out _, out var error));
        Assert.Contains(key, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("https://p/voice")]
    [InlineData("https://p/voice#unknown=1")]
    public void TryParse_NoOverrides_TrueAndEmpty(string? input)
    {
        Assert.True(ConnectionOverrides.TryParse(input, out var parsed, out _));
        Assert.Equal("", parsed.ToFragment());
    }
}
