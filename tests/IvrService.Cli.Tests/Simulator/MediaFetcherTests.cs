using System.Buffers.Binary;
using IvrService.Cli.Simulator;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using static IvrService.Cli.Tests.Simulator.SimulatorTestHelpers;

namespace IvrService.Cli.Tests.Simulator;

/// <summary>&lt;Play&gt; media checks and Twilio-proxy-style caching, through whole simulated calls.</summary>
public sealed class MediaFetcherTests : IAsyncLifetime
{
    private TwimlStandIn _app = null!;

    public async Task InitializeAsync() => _app = await TwimlStandIn.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A µ-law 8 kHz mono WAV of <paramref name="seconds"/> seconds (8000 bytes per second after the header).</summary>
    internal static byte[] MuLawWav(double seconds)
    {
        var dataLength = (int)(seconds * 8000);
        var wav = new byte[44 + dataLength];
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), 36 + dataLength);
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 7);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), 8000);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), 8000);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), 1);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 8);
        "data"u8.CopyTo(wav.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), dataLength);
        return wav;
    }

    private void Media(string path, byte[] body, string? contentType = "audio/wav", string? cacheControl = null, string? etag = null) =>
        _app.Route(path, async context =>
        {
            if (etag is not null)
            {
                context.Response.Headers.ETag = etag;
                if (context.Request.Headers.IfNoneMatch.ToString() == etag)
                {
                    context.Response.StatusCode = StatusCodes.Status304NotModified;
                    return;
                }
            }

            if (cacheControl is not null)
            {
                context.Response.Headers.CacheControl = cacheControl;
            }

            if (contentType is not null)
            {
                context.Response.ContentType = contentType;
            }

            await context.Response.Body.WriteAsync(body);
        });

    [Fact]
    public async Task Play_AudioWav_ReportsTypeSizeDurationAndCacheHeaders()
    {
        Media("/audio/en-US/welcome.wav", MuLawWav(2.5), cacheControl: "public, max-age=86400", etag: "\"v1\"");
        _app.Twiml("/voice", "<Play>audio/en-US/welcome.wav</Play>");

        var transcript = await CallAsync(_app.Url("/voice"));

        var play = transcript.Single(CallEventKind.Play);
        Assert.Equal(_app.Url("/audio/en-US/welcome.wav").ToString(), play.Url);
        var media = Assert.IsType<MediaInfo>(play.Media);
        Assert.Null(media.ErrorCode);
        Assert.Equal("audio/wav", media.ContentType);
        Assert.Equal(44 + 20000, media.Bytes);
        Assert.Equal(2.5, media.DurationSeconds);
        Assert.Equal("miss", media.Cache);
        Assert.Contains("max-age=86400", media.CacheControl, StringComparison.Ordinal);
        Assert.Equal("\"v1\"", media.ETag);
        Assert.NotNull(media.LatencyMs);
        var fetch = Assert.Single(_app.To("/audio/en-US/welcome.wav"));
        Assert.Equal("GET", fetch.Method);
        Assert.Equal("TwilioProxy/1.1", fetch.UserAgent);
    }

    [Fact]
    public async Task Play_SameUrlWithMaxAge_SecondPlayIsACacheHit()
    {
        Media("/prompt.wav", MuLawWav(1), cacheControl: "max-age=3600");
        _app.Twiml("/voice", "<Play>/prompt.wav</Play><Play>/prompt.wav</Play>");

        var transcript = await CallAsync(_app.Url("/voice"));

        Assert.Equal(["miss", "hit"], transcript.All(CallEventKind.Play).Select(p => p.Media!.Cache));
        Assert.Single(_app.To("/prompt.wav"));
    }

    [Fact]
    public async Task Play_NoCacheWithETag_RevalidatesWith304()
    {
        Media("/prompt.wav", MuLawWav(1), cacheControl: "no-cache", etag: "\"abc\"");
        _app.Twiml("/voice", "<Play>/prompt.wav</Play><Play>/prompt.wav</Play>");

        var transcript = await CallAsync(_app.Url("/voice"));

        var plays = transcript.All(CallEventKind.Play);
        Assert.Equal(["miss", "revalidated"], plays.Select(p => p.Media!.Cache));
        Assert.Equal(304, plays[1].Media!.Status);
        Assert.Equal(8044, plays[1].Media!.Bytes);
        var fetches = _app.To("/prompt.wav");
        Assert.Equal(2, fetches.Count);
        Assert.Equal("\"abc\"", fetches[1].Headers["If-None-Match"]);
    }

    [Fact]
    public async Task Play_NoCacheHeaders_FetchedEveryTime()
    {
        Media("/prompt.wav", MuLawWav(1));
        _app.Twiml("/voice", "<Play>/prompt.wav</Play><Play>/prompt.wav</Play>");

        var transcript = await CallAsync(_app.Url("/voice"));

        Assert.All(transcript.All(CallEventKind.Play), p => Assert.Equal("not-cacheable", p.Media!.Cache));
        Assert.Equal(2, _app.To("/prompt.wav").Count);
    }

    [Fact]
    public async Task Play_SharedCacheAfterMaxAge_FetchesAgain()
    {
        Media("/prompt.wav", MuLawWav(1), cacheControl: "max-age=60");
        _app.Twiml("/voice", "<Play>/prompt.wav</Play>");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var cache = new MediaCache();
        CallSimulatorOptions Options(CallSimulatorOptions o) => new() { VoiceUrl = o.VoiceUrl, MediaCache = cache, TimeProvider = time };

        var first = await CallAsync(_app.Url("/voice"), configure: Options);
        time.Advance(TimeSpan.FromSeconds(30));
        var second = await CallAsync(_app.Url("/voice"), configure: Options);
        time.Advance(TimeSpan.FromSeconds(31));
        var third = await CallAsync(_app.Url("/voice"), configure: Options);

        Assert.Equal("miss", first.Single(CallEventKind.Play).Media!.Cache);
        Assert.Equal("hit", second.Single(CallEventKind.Play).Media!.Cache);
        Assert.Equal("miss", third.Single(CallEventKind.Play).Media!.Cache);
        Assert.Equal(2, _app.To("/prompt.wav").Count);
    }

    [Theory]
    [InlineData("binary/octet-stream")]
    [InlineData("text/xml")]
    [InlineData(null)]
    public async Task Play_NotAudio_Warns13420AndContinues(string? contentType)
    {
        Media("/prompt.wav", MuLawWav(1), contentType: contentType);
        _app.Twiml("/voice", "<Play>/prompt.wav</Play><Say>After the prompt.</Say>");

        var transcript = await CallAsync(_app.Url("/voice"));

        Assert.Equal(13420, transcript.Single(CallEventKind.Play).Media!.ErrorCode);
        Assert.Equal(13420, transcript.Single(CallEventKind.Warning).ErrorCode);
        Assert.Equal("After the prompt.", transcript.Heard.Last());
        Assert.Equal(CallOutcome.Completed, transcript.Outcome);
    }

    [Theory]
    [InlineData("audio/mpeg")]
    [InlineData("audio/x-wav")]
    [InlineData("audio/ulaw")]
    public async Task Play_OtherTwilioAudioTypes_Accepted(string contentType)
    {
        Media("/prompt", new byte[16000], contentType: contentType);
        _app.Twiml("/voice", "<Play>/prompt</Play>");

        var transcript = await CallAsync(_app.Url("/voice"));

        Assert.Null(transcript.Single(CallEventKind.Play).Media!.ErrorCode);
        Assert.Empty(transcript.All(CallEventKind.Warning));
    }

    [Fact]
    public async Task Play_MediaMissing_Warns11200AndContinues()
    {
        _app.Twiml("/voice", "<Play>/missing.wav</Play><Say>Still here.</Say>");

        var transcript = await CallAsync(_app.Url("/voice"));

        var media = transcript.Single(CallEventKind.Play).Media!;
        Assert.Equal(404, media.Status);
        Assert.Equal(11200, media.ErrorCode);
        Assert.Equal("Still here.", transcript.Heard.Last());
    }

    [Fact]
    public async Task Play_MediaHostDown_Warns11205AndDoesNotFailOver()
    {
        var dead = DeadUrl("/prompt.wav");
        _app.Twiml("/voice", $"<Play>{dead}</Play><Say>Still here.</Say>");

        var transcript = await CallAsync(_app.Url("/voice"), fallbackUrl: _app.Url("/fallback"));

        Assert.Equal(11205, transcript.Single(CallEventKind.Play).Media!.ErrorCode);
        Assert.False(transcript.FallbackUsed);
        Assert.Equal(CallOutcome.Completed, transcript.Outcome);
    }

    [Fact]
    public void EstimateDuration_Mp3_Assumes128Kbps()
    {
        Assert.Equal(2.0, MediaFetcher.EstimateDuration("audio/mpeg", [], 32_000));
        Assert.Null(MediaFetcher.EstimateDuration("audio/aiff", [], 32_000));
    }
}
