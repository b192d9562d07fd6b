using IvrService.Audio.S3;

namespace IvrService.Audio.Tests.S3;

public class S3PromptAudioUrlsTests
{
    private static readonly Uri Base = new("https://ivr.example.com/");

    [Theory]
    [InlineData(null, "en-US/welcome.wav", "https://acme-prompts.s3.us-east-1.amazonaws.com/en-US/welcome.wav")]
    [InlineData("prompts", "en-US/welcome.wav", "https://acme-prompts.s3.us-east-1.amazonaws.com/prompts/en-US/welcome.wav")]
    [InlineData("/prompts/v2/", "es-US/menú principal.wav", "https://acme-prompts.s3.us-east-1.amazonaws.com/prompts/v2/es-US/men%C3%BA%20principal.wav")]
    [InlineData(null, "en-US/a+b&c#d?.mp3", "https://acme-prompts.s3.us-east-1.amazonaws.com/en-US/a%2Bb%26c%23d%3F.mp3")]
    public void GetUrl_AwsBucket_IsVirtualHostedInUsEast1WithEscapedSegments(string? prefix, string key, string expected)
    {
        var urls = new S3PromptAudioUrls(new AudioOptions { Bucket = "acme-prompts", Prefix = prefix });

        Assert.Equal(expected, urls.GetUrl(key, Base).AbsoluteUri);
    }

    [Fact]
    public void GetUrl_BucketWithDots_UsesPathStyleSoTheCertificateMatches()
    {
        var urls = new S3PromptAudioUrls(new AudioOptions { Bucket = "prompts.acme.com" });

        Assert.Equal("https://s3.us-east-1.amazonaws.com/prompts.acme.com/en-US/welcome.wav", urls.GetUrl("en-US/welcome.wav", Base).AbsoluteUri);
    }

    [Fact]
    public void GetUrl_OtherRegion_UsesThatRegionsHost()
    {
        var urls = new S3PromptAudioUrls(new AudioOptions { Bucket = "acme", Region = "eu-west-1" });

        Assert.Equal("https://acme.s3.eu-west-1.amazonaws.com/k.wav", urls.GetUrl("k.wav", Base).AbsoluteUri);
    }

    [Theory]
    [InlineData("http://localhost:9000", "http://localhost:9000/prompts/en-US/welcome.wav")]
    [InlineData("http://minio:9000/", "http://minio:9000/prompts/en-US/welcome.wav")]
    [InlineData("https://storage.example.com/s3/", "https://storage.example.com/s3/prompts/en-US/welcome.wav")]
    public void GetUrl_ServiceUrl_IsPathStyle(string serviceUrl, string expected)
    {
        var urls = new S3PromptAudioUrls(new AudioOptions { Bucket = "prompts", ServiceUrl = new Uri(serviceUrl) });

        Assert.Equal(expected, urls.GetUrl("en-US/welcome.wav", Base).AbsoluteUri);
    }

    [Fact]
    public void GetUrl_WithManifest_UsesTheHashedKey()
    {
        var manifest = new AudioManifest(new Dictionary<string, string> { ["en-US/welcome.wav"] = "en-US/welcome.1a2b3c4d.wav" });
        var urls = new S3PromptAudioUrls(new AudioOptions { Bucket = "acme" }, manifest);

        Assert.Equal("https://acme.s3.us-east-1.amazonaws.com/en-US/welcome.1a2b3c4d.wav", urls.GetUrl("en-US/welcome.wav", Base).AbsoluteUri);
        Assert.Equal("https://acme.s3.us-east-1.amazonaws.com/en-US/other.wav", urls.GetUrl("en-US/other.wav", Base).AbsoluteUri);
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("/en-US/welcome.wav")]
    [InlineData("en-US//welcome.wav")]
    [InlineData("en-US/./welcome.wav")]
    public void GetUrl_InvalidKey_ThrowsArgumentException(string key)
    {
        var urls = new S3PromptAudioUrls(new AudioOptions { Bucket = "acme" });

        Assert.Throws<ArgumentException>(() => urls.GetUrl(key, Base));
    }
}
