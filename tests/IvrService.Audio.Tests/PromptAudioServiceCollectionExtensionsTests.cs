using IvrService.Audio.Local;
using IvrService.Audio.S3;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IvrService.Audio.Tests;

public sealed class PromptAudioServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempFolder _content = AudioTestHost.SampleContent();

    public void Dispose() => _content.Dispose();

    [Fact]
    public async Task AddPromptAudio_NoBucket_UsesLocalUrls()
    {
        using var app = await StartAsync([]);

        var urls = app.Services.GetRequiredService<IPromptAudioUrls>();

        Assert.IsType<LocalPromptAudioUrls>(urls);
        Assert.Equal("http://localhost:5080/audio/en-US/welcome.wav", urls.GetUrl("en-US/welcome.wav", new Uri("http://localhost:5080")).AbsoluteUri);
    }

    [Fact]
    public async Task AddPromptAudio_BucketSet_PointsEveryUrlIntoTheBucketInUsEast1()
    {
        using var app = await StartAsync([("Audio:Bucket", "x"), ("Audio:PreflightOnStart", "Off")]);

        var url = app.Services.GetRequiredService<IPromptAudioUrls>().GetUrl("en-US/welcome.wav", new Uri("http://localhost:5080"));

        Assert.Equal("https://x.s3.us-east-1.amazonaws.com/en-US/welcome.wav", url.AbsoluteUri);
    }

    [Fact]
    public async Task AddPromptAudio_PresignedMode_UsesPresignedUrls()
    {
        using var app = await StartAsync([("Audio:Bucket", "x"), ("Audio:UrlMode", "Presigned"), ("Audio:PresignWindow", "01:00:00"), ("Audio:PreflightOnStart", "Off")],
            services => services.AddSingleton<Amazon.Runtime.AWSCredentials>(new Amazon.Runtime.BasicAWSCredentials("AKIDEXAMPLE", "secret")));

        var url = app.Services.GetRequiredService<IPromptAudioUrls>().GetUrl("en-US/welcome.wav", new Uri("http://localhost:5080"));

        Assert.IsType<PresignedS3PromptAudioUrls>(app.Services.GetRequiredService<IPromptAudioUrls>());
        Assert.StartsWith("https://x.s3.us-east-1.amazonaws.com/en-US/welcome.wav?X-Amz-Algorithm=AWS4-HMAC-SHA256", url.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("X-Amz-Expires=7200", url.AbsoluteUri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Audio:Bucket", "my bucket/prompts", "Audio:Bucket")]
    [InlineData("Audio:PresignWindow", "5.00:00:00", "Audio:PresignWindow")]
    [InlineData("Audio:CacheControl", " ", "Audio:CacheControl")]
    [InlineData("Audio:Prefix", "../up", "Audio:Prefix")]
    [InlineData("Audio:ServiceUrl", "ftp://host/", "Audio:ServiceUrl")]
    public async Task AddPromptAudio_BadSetting_StopsStartUpNamingTheSetting(string key, string value, string named)
    {
        var settings = new List<(string, string)> { (key, value), ("Audio:PreflightOnStart", "Off") };
        if (key != "Audio:Bucket")
        {
            settings.Add(("Audio:Bucket", "x"));
            settings.Add(("Audio:UrlMode", "Presigned"));
        }

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync([.. settings]));

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    private Task<WebApplication> StartAsync((string Key, string Value)[] settings, Action<IServiceCollection>? configure = null)
        => AudioTestHost.StartAsync(_content.Path, settings, configure);
}
