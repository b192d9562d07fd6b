using IvrService.Cli.Simulator;

namespace IvrService.Cli.Tests.Simulator;

public sealed class WebhookSignerTests
{
    private static readonly KeyValuePair<string, string>[] P =
    [
        new("CallSid", "CA1234567890ABCDE"),
        new("Caller", "+14158675309"),
        new("Digits", "1234"),
        new("From", "+14158675309"),
        new("To", "+18005551212"),
    ];

    [Theory]
    [InlineData("https://mycompany.com/myapp.php?foo=1&bar=2", WebhookChannel.Voice, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("https://mycompany.com:1234/myapp.php?foo=1&bar=2", WebhookChannel.Voice, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    [InlineData("https://mycompany.com:1234/myapp.php?foo=1&bar=2", WebhookChannel.Messaging, "CYn1h0gLBdNxDGkKJg6hYohgeD8=")]
    [InlineData("http://mycompany.com:1234/myapp.php?foo=1&bar=2", WebhookChannel.Voice, "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=")]
    [InlineData("https://user:pass@mycompany.com/myapp.php?foo=1&bar=2#rt=300", WebhookChannel.Voice, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")]
    public void Sign_PublishedVectors_MatchWithTwiliosPortRule(string url, WebhookChannel channel, string expected)
    {
        Assert.Equal(expected, WebhookSigner.Sign(new Uri(url), channel, P, "12345"));
    }

    [Theory]
    [InlineData("https://h.example:8443/a?b=1#ct=100", WebhookChannel.Voice, "https://h.example/a?b=1")]
    [InlineData("https://h.example:8443/a?b=1", WebhookChannel.Messaging, "https://h.example:8443/a?b=1")]
    [InlineData("http://u:p@127.0.0.1:5080/voice", WebhookChannel.Voice, "http://127.0.0.1:5080/voice")]
    public void SignedUrl_DropsUserInfoFragmentAndVoiceHttpsPort(string url, WebhookChannel channel, string expected)
    {
        Assert.Equal(expected, WebhookSigner.SignedUrl(new Uri(url), channel));
    }
}
