using System.Net;
using Amazon.S3;
using IvrService.Audio.S3;
using IvrService.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace IvrService.Audio.Tests.S3;

[Collection(S3rverGroup.Name)]
public sealed class PresignedS3PromptAudioUrlsTests(S3rverFixture s3rver) : IDisposable
{
    private static readonly Uri Base = new("https://ivr.example.com/");
    private static readonly S3SigningCredentials Credentials = new(S3rverFixture.AccessKey, S3rverFixture.SecretKey);

    private readonly IAmazonS3 _s3 = TestAudio.Client(s3rver);
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _s3.Dispose();
        _http.Dispose();
    }

    [Fact]
    public void GetUrl_WithinOneWindow_ReturnsIdenticalUrls()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 6, 0, 0, TimeSpan.Zero));
        var urls = Presigned(time, TimeSpan.FromHours(6));

        var first = urls.GetUrl("en-US/welcome.wav", Base);
        time.Advance(TimeSpan.FromHours(6) - TimeSpan.FromSeconds(1));
        var last = urls.GetUrl("en-US/welcome.wav", Base);

        Assert.Equal(first.AbsoluteUri, last.AbsoluteUri);
        Assert.Contains("X-Amz-Date=20260301T060000Z", first.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("X-Amz-Expires=43200", first.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void GetUrl_NextWindow_ReturnsANewUrlSignedAtTheWindowStart()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 11, 59, 59, TimeSpan.Zero));
        var urls = Presigned(time, TimeSpan.FromHours(6));

        var before = urls.GetUrl("en-US/welcome.wav", Base);
        time.Advance(TimeSpan.FromSeconds(1));
        var after = urls.GetUrl("en-US/welcome.wav", Base);

        Assert.NotEqual(before.AbsoluteUri, after.AbsoluteUri);
        Assert.Contains("X-Amz-Date=20260301T060000Z", before.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("X-Amz-Date=20260301T120000Z", after.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void GetUrl_SameWindow_SignsOncePerKey()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var calls = 0;
        var urls = new PresignedS3PromptAudioUrls(Options(TimeSpan.FromHours(1)), () => { calls++; return Credentials; }, time, NullLogger.Instance);

        for (var i = 0; i < 5; i++)
        {
            urls.GetUrl("en-US/welcome.wav", Base);
            urls.GetUrl("es-US/welcome.wav", Base);
        }

        time.Advance(TimeSpan.FromHours(1));
        urls.GetUrl("en-US/welcome.wav", Base);

        Assert.Equal(3, calls);
    }

    [Fact]
    public void GetUrl_CredentialsUnavailable_ReturnsTheUnsignedUrlAndRetriesLater()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var fail = true;
        var urls = new PresignedS3PromptAudioUrls(Options(TimeSpan.FromHours(1)),
            () => fail ? throw new InvalidOperationException("no credentials") : Credentials, time, NullLogger.Instance);

        var unsigned = urls.GetUrl("en-US/welcome.wav", Base);
        fail = false;
        var signed = urls.GetUrl("en-US/welcome.wav", Base);

        Assert.Equal("", unsigned.Query);
        Assert.Contains("X-Amz-Signature=", signed.Query, StringComparison.Ordinal);
    }

    [Fact]
    public void WindowStart_IsTheFloorOfNowToTheWindow()
    {
        var urls = Presigned(TimeProvider.System, TimeSpan.FromMinutes(90));

        var start = urls.WindowStart(new DateTimeOffset(2026, 3, 1, 2, 59, 0, TimeSpan.FromHours(2)));

        Assert.Equal(0, (start - DateTimeOffset.UnixEpoch).Ticks % TimeSpan.FromMinutes(90).Ticks);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), start);
    }

    [Theory]
    [InlineData("../secret.wav")]
    [InlineData("en-US\\welcome.wav")]
    [InlineData("")]
    public void GetUrl_InvalidKey_Throws(string key)
    {
        Assert.Throws<ArgumentException>(() => Presigned(TimeProvider.System, TimeSpan.FromHours(1)).GetUrl(key, Base));
    }

    [Fact]
    public async Task GetUrl_FetchedFromS3rver_ReturnsTheAudio()
    {
        var bucket = await UploadAsync("en-US/welcome menu.wav", TestAudio.Wav(4));
        var urls = Presigned(TimeProvider.System, TimeSpan.FromHours(6), bucket);

        using var response = await _http.GetAsync(urls.GetUrl("en-US/welcome menu.wav", Base));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TestAudio.Wav(4), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task GetUrl_HandedOutAtTheEndOfAWindow_IsStillAcceptedDuringTheNextWindow()
    {
        var bucket = await UploadAsync("en-US/welcome.wav", TestAudio.Wav(5));
        // Signed at the start of the previous 1-hour window: the worst case for a URL handed out just before the
        // window turned. It lives two windows, so s3rver (which checks expiry against its real clock) accepts it.
        var now = TimeProvider.System.GetUtcNow();
        var time = new FakeTimeProvider(now - TimeSpan.FromHours(1));
        var urls = Presigned(time, TimeSpan.FromHours(1), bucket);

        using var response = await _http.GetAsync(urls.GetUrl("en-US/welcome.wav", Base));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GetUrl_FromTwoWindowsAgo_IsRefusedAsExpired()
    {
        var bucket = await UploadAsync("en-US/welcome.wav", TestAudio.Wav(5));
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow() - TimeSpan.FromHours(2) - TimeSpan.FromMinutes(1));
        var urls = Presigned(time, TimeSpan.FromHours(1), bucket);

        using var response = await _http.GetAsync(urls.GetUrl("en-US/welcome.wav", Base));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    private async Task<string> UploadAsync(string key, byte[] bytes)
    {
        var bucket = await _s3.NewBucketAsync(s3rver);
        using var source = TestAudio.Folder((key, bytes));
        var result = await new AudioSync(_s3).RunAsync(new AudioSyncRequest { SourceFolder = source.Path, Bucket = bucket });
        Assert.Equal(1, result.Uploaded);
        return bucket;
    }

    private AudioOptions Options(TimeSpan window, string bucket = "prompts")
        => new() { Bucket = bucket, ServiceUrl = s3rver.ServiceUrl, UrlMode = AudioUrlMode.Presigned, PresignWindow = window };

    private PresignedS3PromptAudioUrls Presigned(TimeProvider time, TimeSpan window, string bucket = "prompts")
        => new(Options(window, bucket), () => Credentials, time, NullLogger.Instance);
}
