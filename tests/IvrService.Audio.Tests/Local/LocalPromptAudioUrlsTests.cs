using IvrService.Audio.Local;

namespace IvrService.Audio.Tests.Local;

public class LocalPromptAudioUrlsTests
{
    [Theory]
    [InlineData("http://localhost:5080", "en-US/welcome.wav", "http://localhost:5080/audio/en-US/welcome.wav")]
    [InlineData("https://abc.ngrok.app/", "en-US/welcome.wav", "https://abc.ngrok.app/audio/en-US/welcome.wav")]
    [InlineData("https://example.com/ivr/", "es-US/menú 2.wav", "https://example.com/ivr/audio/es-US/men%C3%BA%202.wav")]
    [InlineData("https://example.com/ivr?x=1#frag", "a.wav", "https://example.com/ivr/audio/a.wav")]
    public void GetUrl_BuildsFromThePublicBase(string baseUrl, string key, string expected)
    {
        Assert.Equal(expected, new LocalPromptAudioUrls().GetUrl(key, new Uri(baseUrl)).AbsoluteUri);
    }

    [Fact]
    public void GetUrl_RelativeBase_Throws()
    {
        Assert.Throws<ArgumentException>(() => new LocalPromptAudioUrls().GetUrl("a.wav", new Uri("/relative", UriKind.Relative)));
    }

    [Theory]
    [InlineData("../appsettings.json")]
    [InlineData("en-US/../../secret.wav")]
    [InlineData("en-US\\..\\x.wav")]
    public void GetUrl_TraversalKey_Throws(string key)
    {
        Assert.Throws<ArgumentException>(() => new LocalPromptAudioUrls().GetUrl(key, new Uri("http://localhost/")));
    }
}
