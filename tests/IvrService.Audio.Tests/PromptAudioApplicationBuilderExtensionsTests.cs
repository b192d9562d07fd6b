using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace IvrService.Audio.Tests;

public sealed class PromptAudioApplicationBuilderExtensionsTests : IDisposable
{
    private readonly TempFolder _content = AudioTestHost.SampleContent();

    public void Dispose() => _content.Dispose();

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

    private Task<WebApplication> StartAsync((string Key, string Value)[] settings) => AudioTestHost.StartAsync(_content.Path, settings);
}
