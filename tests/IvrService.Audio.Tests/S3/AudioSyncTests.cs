using Amazon.S3;
using Amazon.S3.Model;
using IvrService.Audio.S3;
using IvrService.Testing;

namespace IvrService.Audio.Tests.S3;

[Collection(S3rverGroup.Name)]
public sealed class AudioSyncTests(S3rverFixture s3rver) : IDisposable
{
    private readonly IAmazonS3 _s3 = TestAudio.Client(s3rver);

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task RunAsync_FirstRun_UploadsEveryAudioFileWithTypeAndCacheControl()
    {
        var bucket = await _s3.NewBucketAsync(s3rver);
        using var source = TestAudio.Folder(
            ("en-US/welcome.wav", TestAudio.Wav(1)),
            ("es-US/welcome.wav", TestAudio.Wav(2)),
            ("en-US/hold.mp3", [0xFF, 0xFB, 0x90, 0x00]),
            ("README.txt", "not audio"u8.ToArray()));

        var result = await new AudioSync(_s3).RunAsync(new AudioSyncRequest
        {
            SourceFolder = source.Path,
            Bucket = bucket,
            Prefix = "prompts",
            CacheControl = "public, max-age=600",
        });

        Assert.Equal(["en-US/hold.mp3", "en-US/welcome.wav", "es-US/welcome.wav"], result.Items.Select(i => i.Key));
        Assert.All(result.Items, i => Assert.Equal(AudioSyncOutcome.Uploaded, i.Outcome));
        Assert.Equal((3, 0, 0), (result.Uploaded, result.Unchanged, result.Failed));

        var wav = await _s3.GetObjectAsync(bucket, "prompts/en-US/welcome.wav");
        Assert.Equal("audio/wav", wav.Headers.ContentType);
        Assert.Equal("public, max-age=600", wav.Headers.CacheControl);
        using var body = new MemoryStream();
        await wav.ResponseStream.CopyToAsync(body);
        Assert.Equal(TestAudio.Wav(1), body.ToArray());
        var mp3 = await _s3.GetObjectMetadataAsync(bucket, "prompts/en-US/hold.mp3");
        Assert.Equal("audio/mpeg", mp3.Headers.ContentType);
    }

    [Fact]
    public async Task RunAsync_SecondRunWithoutChanges_UploadsNothing()
    {
        var bucket = await _s3.NewBucketAsync(s3rver);
        using var source = TestAudio.Folder(("en-US/welcome.wav", TestAudio.Wav(1)), ("en-US/menu.wav", TestAudio.Wav(2)));
        var sync = new AudioSync(_s3);
        await sync.RunAsync(new AudioSyncRequest { SourceFolder = source.Path, Bucket = bucket });

        var second = await sync.RunAsync(new AudioSyncRequest { SourceFolder = source.Path, Bucket = bucket });

        Assert.Equal((0, 2, 0), (second.Uploaded, second.Unchanged, second.Failed));
    }

    [Fact]
    public async Task RunAsync_ChangedFile_IsUploadedAgainAndOthersAreNot()
    {
        var bucket = await _s3.NewBucketAsync(s3rver);
        using var source = TestAudio.Folder(("en-US/welcome.wav", TestAudio.Wav(1)), ("en-US/menu.wav", TestAudio.Wav(2)));
        var sync = new AudioSync(_s3);
        await sync.RunAsync(new AudioSyncRequest { SourceFolder = source.Path, Bucket = bucket });
        source.Write("en-US/menu.wav", TestAudio.Wav(3));

        var second = await sync.RunAsync(new AudioSyncRequest { SourceFolder = source.Path, Bucket = bucket });

        var menu = Assert.Single(second.Items, i => i.Key == "en-US/menu.wav");
        Assert.Equal((AudioSyncOutcome.Uploaded, "content changed"), (menu.Outcome, menu.Reason));
        Assert.Equal(AudioSyncOutcome.Unchanged, Assert.Single(second.Items, i => i.Key == "en-US/welcome.wav").Outcome);
        var stored = await _s3.GetObjectAsync(bucket, "en-US/menu.wav");
        using var body = new MemoryStream();
        await stored.ResponseStream.CopyToAsync(body);
        Assert.Equal(TestAudio.Wav(3), body.ToArray());
    }

    [Fact]
    public async Task RunAsync_ObjectOverwrittenAsOctetStream_IsRepaired()
    {
        var bucket = await _s3.NewBucketAsync(s3rver);
        using var source = TestAudio.Folder(("en-US/welcome.wav", TestAudio.Wav(1)));
        var sync = new AudioSync(_s3);
        await sync.RunAsync(new AudioSyncRequest { SourceFolder = source.Path, Bucket = bucket });
        await OverwriteAsOctetStreamAsync(_s3, bucket, "en-US/welcome.wav", TestAudio.Wav(1));

        var second = await sync.RunAsync(new AudioSyncRequest { SourceFolder = source.Path, Bucket = bucket });

        var item = Assert.Single(second.Items);
        Assert.Equal(AudioSyncOutcome.Uploaded, item.Outcome);
        Assert.Equal("Content-Type was 'binary/octet-stream'", item.Reason);
        Assert.Equal("audio/wav", (await _s3.GetObjectMetadataAsync(bucket, "en-US/welcome.wav")).Headers.ContentType);
    }

    [Fact]
    public async Task RunAsync_ChangedCacheControl_IsUploadedAgain()
    {
        var bucket = await _s3.NewBucketAsync(s3rver);
        using var source = TestAudio.Folder(("en-US/welcome.wav", TestAudio.Wav(1)));
        var sync = new AudioSync(_s3);
        await sync.RunAsync(new AudioSyncRequest { SourceFolder = source.Path, Bucket = bucket, CacheControl = "max-age=60" });

        var second = await sync.RunAsync(new AudioSyncRequest { SourceFolder = source.Path, Bucket = bucket, CacheControl = "max-age=120" });

        Assert.Equal("Cache-Control was 'max-age=60'", Assert.Single(second.Items).Reason);
        Assert.Equal("max-age=120", (await _s3.GetObjectMetadataAsync(bucket, "en-US/welcome.wav")).Headers.CacheControl);
    }

    [Fact]
    public async Task RunAsync_DryRun_ReportsButWritesNothing()
    {
        var bucket = await _s3.NewBucketAsync(s3rver);
        using var source = TestAudio.Folder(("en-US/welcome.wav", TestAudio.Wav(1)));

        var result = await new AudioSync(_s3).RunAsync(new AudioSyncRequest { SourceFolder = source.Path, Bucket = bucket, DryRun = true });

        Assert.Equal("would upload: new", Assert.Single(result.Items).Reason);
        var listing = await _s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        Assert.Empty(listing.S3Objects ?? []);
    }

    [Fact]
    public async Task RunAsync_HashedKeys_StoresHashedNamesAndWritesManifest()
    {
        var bucket = await _s3.NewBucketAsync(s3rver);
        using var source = TestAudio.Folder(("en-US/welcome.wav", TestAudio.Wav(1)));
        var sync = new AudioSync(_s3);

        var first = await sync.RunAsync(new AudioSyncRequest { SourceFolder = source.Path, Bucket = bucket, HashedKeys = true });
        source.Write("en-US/welcome.wav", TestAudio.Wav(9));
        var second = await sync.RunAsync(new AudioSyncRequest { SourceFolder = source.Path, Bucket = bucket, HashedKeys = true });

        var firstKey = Assert.Single(first.Items).ObjectKey;
        var secondKey = Assert.Single(second.Items).ObjectKey;
        Assert.Matches("^en-US/welcome\\.[0-9a-f]{8}\\.wav$", firstKey);
        Assert.NotEqual(firstKey, secondKey);
        var manifest = AudioManifest.Load(second.ManifestPath!);
        Assert.Equal(secondKey, manifest.Resolve("en-US/welcome.wav"));
        Assert.Equal("audio/wav", (await _s3.GetObjectMetadataAsync(bucket, secondKey)).Headers.ContentType);
    }

    [Fact]
    public async Task RunAsync_MissingBucket_ReportsEveryFileAsFailedWithTheReason()
    {
        using var source = TestAudio.Folder(("en-US/welcome.wav", TestAudio.Wav(1)));

        var result = await new AudioSync(_s3).RunAsync(new AudioSyncRequest { SourceFolder = source.Path, Bucket = s3rver.NewBucketName("missing") });

        var item = Assert.Single(result.Items);
        Assert.Equal(AudioSyncOutcome.Failed, item.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(item.Reason));
    }

    [Fact]
    public async Task RunAsync_MissingSourceFolder_ThrowsNamingIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N"));

        var ex = await Assert.ThrowsAsync<DirectoryNotFoundException>(() =>
            new AudioSync(_s3).RunAsync(new AudioSyncRequest { SourceFolder = missing, Bucket = "b" }));

        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HashedKey_InsertsFirstEightHexBeforeTheExtension()
    {
        Assert.Equal("en-US/welcome.0123abcd.wav", AudioSync.HashedKey("en-US/welcome.wav", "0123abcdef"));
    }

    internal static async Task OverwriteAsOctetStreamAsync(IAmazonS3 s3, string bucket, string key, byte[] bytes)
    {
        using var body = new MemoryStream(bytes);
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            InputStream = body,
            ContentType = "binary/octet-stream",
            UseChunkEncoding = false,
        });
    }
}
