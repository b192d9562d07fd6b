using System.Net;
using IvrService.Audio.Local;
using IvrService.Audio.S3;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IvrService.Audio.Tests;

public sealed class PromptAudioServiceCollectionExtensionsTests : IDisposable
{
    private readonly TempFolder _content = new();

    public PromptAudioServiceCollectionExtensionsTests()
    {
        _content.Write("content/audio/en-US/welcome.wav", TestAudio.Wav(1));
        _content.Write("content/audio/en-US/hold.mp3", [0xFF, 0xFB, 0x90, 0x00]);
        _content.Write("content/audio/en-US/notes.txt", "not audio"u8.ToArray());
        _content.Write("content/audio/.hidden.wav", TestAudio.Wav(2));
        _content.Write("content/flow.json", "{}"u8.ToArray());
        _content.Write("appsettings.json", "{\"secret\":1}"u8.ToArray());
    }

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

    [Fact]
    public async Task UseLocalPromptAudio_Wav_ServedWithAudioTypeCacheControlAndValidators()
    {
        using var app = await StartAsync([("Audio:CacheControl", "public, max-age=600")]);
        var client = app.GetTestClient();

        using var response = await client.GetAsync("/audio/en-US/welcome.wav");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=600", response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Equal(TestAudio.Wav(1), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task UseLocalPromptAudio_Mp3_ServedAsAudioMpeg()
    {
        using var app = await StartAsync([]);

        using var response = await app.GetTestClient().GetAsync("/audio/en-US/hold.mp3");

        Assert.Equal("audio/mpeg", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UseLocalPromptAudio_Head_ReturnsHeadersWithoutBody()
    {
        using var app = await StartAsync([]);

        using var response = await app.GetTestClient().SendAsync(new HttpRequestMessage(HttpMethod.Head, "/audio/en-US/welcome.wav"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TestAudio.Wav(1).Length, response.Content.Headers.ContentLength);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task UseLocalPromptAudio_IfNoneMatch_Returns304()
    {
        using var app = await StartAsync([]);
        var client = app.GetTestClient();
        using var first = await client.GetAsync("/audio/en-US/welcome.wav");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/audio/en-US/welcome.wav");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Theory]
    [InlineData("/audio/en-US/missing.wav")]
    [InlineData("/audio/en-US/notes.txt")]
    [InlineData("/audio/.hidden.wav")]
    [InlineData("/audio/en-US/")]
    [InlineData("/audio/")]
    [InlineData("/audio/..%2Fflow.json")]
    [InlineData("/audio/..%2F..%2Fappsettings.json")]
    [InlineData("/audio/%2E%2E/%2E%2E/appsettings.json")]
    [InlineData("/audio/en-US%2F..%2F..%2Fflow.json")]
    [InlineData("/audio/..\\..\\appsettings.json")]
    public async Task UseLocalPromptAudio_UnknownNonAudioOrOutsideTheFolder_Returns404(string path)
    {
        using var app = await StartAsync([]);

        using var response = await app.GetTestClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task UseLocalPromptAudio_PostIsNotServed()
    {
        using var app = await StartAsync([]);

        using var response = await app.GetTestClient().PostAsync("/audio/en-US/welcome.wav", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task UseLocalPromptAudio_MissingFolder_StartsAndAnswers404()
    {
        using var app = await StartAsync([("Audio:LocalPath", "no/such/folder")]);

        using var response = await app.GetTestClient().GetAsync("/audio/en-US/welcome.wav");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task UseLocalPromptAudio_S3Mode_ServesNothingLocally()
    {
        using var app = await StartAsync([("Audio:Bucket", "x"), ("Audio:PreflightOnStart", "Off")]);

        using var response = await app.GetTestClient().GetAsync("/audio/en-US/welcome.wav");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<WebApplication> StartAsync((string Key, string Value)[] settings, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = _content.Path, EnvironmentName = Environments.Development });
        builder.WebHost.UseTestServer();
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        builder.Services.AddPromptAudio(builder.Configuration);
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseLocalPromptAudio();
        app.MapGet("/", () => "home");
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }
}
