namespace IvrService.Fallback.Tests;

/// <summary>ErrorUrl is attacker-controlled text: parsed defensively, resumed only for allow-listed hosts.</summary>
public class ErrorUrlInfoTests
{
    private static readonly string[] Hosts = ["primary.example.com", "localhost:5080"];

    [Theory]
    [InlineData("https://primary.example.com/voice", ResumePoint.Start)]
    [InlineData("https://PRIMARY.example.com/ivr/voice/", ResumePoint.Start)]
    [InlineData("https://primary.example.com/voice/continue?n=main&l=es-US&f=1", ResumePoint.Continue)]
    [InlineData("http://localhost:5080/voice/continue?n=sales", ResumePoint.Continue)]
    [InlineData("https://primary.example.com/voice/continue", ResumePoint.None)]
    [InlineData("https://primary.example.com/voice/status", ResumePoint.None)]
    [InlineData("https://primary.example.com/sms", ResumePoint.None)]
    [InlineData("http://localhost:5081/voice", ResumePoint.None)]
    [InlineData("https://evil.example/voice", ResumePoint.None)]
    [InlineData("https://primary.example.com@evil.example/voice", ResumePoint.None)]
    [InlineData("//primary.example.com/voice", ResumePoint.None)]
    [InlineData("file:///primary.example.com/voice", ResumePoint.None)]
    public void Parse_Url_FindsTheResumePointOnlyForAllowListedHosts(string url, ResumePoint expected)
    {
        Assert.Equal(expected, ErrorUrlInfo.Parse(url, Hosts).Resume);
    }

    [Fact]
    public void Parse_Continue_KeepsOnlyTheCallStateParameters()
    {
        var info = ErrorUrlInfo.Parse("https://primary.example.com/voice/continue?n=main&l=en-US&sig=abc&x=noinput", Hosts);

        Assert.Equal(["l", "n", "x"], info.State.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("https://primary.example.com/voice/continue?n=main&l=en-US&sig=***&x=noinput", info.ForLog);
    }

    [Theory]
    [InlineData(null, "(none)")]
    [InlineData("   ", "(none)")]
    [InlineData("not a url", "(not an http(s) URL)")]
    [InlineData("javascript:alert(1)", "(not an http(s) URL)")]
    public void Parse_Garbage_NeverThrowsAndLogsAPlaceholder(string? url, string forLog)
    {
        var info = ErrorUrlInfo.Parse(url, Hosts);

        Assert.Equal(forLog, info.ForLog);
        Assert.False(info.IsAllowListed);
    }

    [Fact]
    public void Parse_ControlCharacters_AreNotLoggedVerbatim()
    {
        var info = ErrorUrlInfo.Parse("https://primary.example.com/voice/continue?n=main%0D%0AFAKE-LOG-LINE", Hosts);

        Assert.DoesNotContain('\n', info.ForLog);
        Assert.DoesNotContain('\r', info.ForLog);
    }

    [Theory]
    [InlineData("primary.example.com", true)]
    [InlineData("localhost:5080", true)]
    [InlineData("10.0.0.1", true)]
    [InlineData("https://primary.example.com", false)]
    [InlineData("primary.example.com/voice", false)]
    [InlineData("*.example.com", false)]
    [InlineData("", false)]
    public void IsValidHostEntry_Entry_AcceptsOnlyHostAndPort(string entry, bool expected)
    {
        Assert.Equal(expected, ErrorUrlInfo.IsValidHostEntry(entry));
    }
}
