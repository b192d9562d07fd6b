using Amazon.S3;
using Amazon.S3.Model;
using IvrService.Audio.S3;
using IvrService.Testing;

namespace IvrService.Audio.Tests.S3;

[Collection(S3rverGroup.Name)]
public sealed class AudioCheckTests(S3rverFixture s3rver) : IDisposable
{
    private static readonly string[] FlowKeys = ["en-US/welcome.wav", "en-US/menu.wav", "es-US/welcome.wav", "es-US/menu.wav"];

    private readonly IAmazonS3 _s3 = TestAudio.Client(s3rver);
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _s3.Dispose();
        _http.Dispose();
    }

    [Fact]
    public async Task RunAsync_SyncedBucket_Passes()
    {
        var (bucket, settings) = await SyncedBucketAsync();

        var report = await new AudioCheck(_s3, _http).RunAsync(settings, FlowKeys);

        Assert.True(report.Passed, Describe(report));
        Assert.Equal(4, report.KeysChecked);
        Assert.Contains(report.Notes, n => n.Contains("informational", StringComparison.Ordinal));
        Assert.NotNull(bucket);
    }

    [Fact]
    public async Task RunAsync_PromptMissing_NamesIt()
    {
        var (_, settings) = await SyncedBucketAsync();

        var report = await new AudioCheck(_s3, _http).RunAsync(settings, [.. FlowKeys, "en-US/goodbye.wav"]);

        var problem = Assert.Single(report.Problems);
        Assert.Equal(("en-US/goodbye.wav", "exists"), (problem.Key, problem.Check));
    }

    [Fact]
    public async Task RunAsync_LocaleVariantMissing_NamesThatLocale()
    {
        var (bucket, settings) = await SyncedBucketAsync();
        await _s3.DeleteObjectAsync(bucket, "es-US/menu.wav");

        var report = await new AudioCheck(_s3, _http).RunAsync(settings, FlowKeys);

        var problem = Assert.Single(report.Problems);
        Assert.Equal(("es-US/menu.wav", "exists"), (problem.Key, problem.Check));
    }

    [Fact]
    public async Task RunAsync_ObjectOverwrittenAsOctetStream_NamesItsContentTypeAndTheUrl()
    {
        var (bucket, settings) = await SyncedBucketAsync();
        await AudioSyncTests.OverwriteAsOctetStreamAsync(_s3, bucket, "en-US/menu.wav", TestAudio.Wav(7));

        var report = await new AudioCheck(_s3, _http).RunAsync(settings, FlowKeys);

        Assert.All(report.Problems, p => Assert.Equal("en-US/menu.wav", p.Key));
        Assert.Contains(report.Problems, p => p.Check == "content-type" && p.Detail.Contains("binary/octet-stream", StringComparison.Ordinal));
        // The generated URL is fetched too: Twilio would get the same wrong type.
        Assert.Contains(report.Problems, p => p.Check == "url" && p.Detail.Contains("binary/octet-stream", StringComparison.Ordinal));
        // The octet-stream overwrite also dropped Cache-Control.
        Assert.Contains(report.Problems, p => p.Check == "cache-control");
    }

    [Fact]
    public async Task RunAsync_CacheControlMissing_IsReported()
    {
        var (bucket, settings) = await SyncedBucketAsync();
        using var body = new MemoryStream(TestAudio.Wav(8));
        await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = "en-US/welcome.wav", InputStream = body, ContentType = "audio/wav", UseChunkEncoding = false,
        });

        var report = await new AudioCheck(_s3, _http).RunAsync(settings, FlowKeys);

        var problem = Assert.Single(report.Problems);
        Assert.Equal(("en-US/welcome.wav", "cache-control"), (problem.Key, problem.Check));
    }

    [Fact]
    public async Task RunAsync_UrlNotAnswering_IsReported()
    {
        var (_, settings) = await SyncedBucketAsync();
        var wrongBucketUrls = new S3PromptAudioUrls(new AudioOptions { Bucket = "elsewhere", ServiceUrl = s3rver.ServiceUrl });

        var report = await new AudioCheck(_s3, _http).RunAsync(settings with { Urls = wrongBucketUrls }, ["en-US/welcome.wav"]);

        var problem = Assert.Single(report.Problems);
        Assert.Equal("url", problem.Check);
        Assert.Contains("404", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MissingBucket_ReportsOneBucketProblem()
    {
        var settings = new AudioCheckSettings { Bucket = s3rver.NewBucketName("nobucket"), CustomEndpoint = true };

        var report = await new AudioCheck(_s3, _http).RunAsync(settings, FlowKeys);

        var problem = Assert.Single(report.Problems);
        Assert.Equal((AudioCheck.BucketKey, "bucket"), (problem.Key, problem.Check));
    }

    [Fact]
    public async Task RunAsync_UnreachableEndpoint_ReportsInsteadOfThrowing()
    {
        using var dead = AudioS3Client.Create("us-east-1", new Uri("http://127.0.0.1:9/"),
            new Amazon.Runtime.BasicAWSCredentials("a", "b"), TimeSpan.FromSeconds(2));
        var settings = new AudioCheckSettings { Bucket = "prompts", CustomEndpoint = true };

        var report = await new AudioCheck(dead, _http).RunAsync(settings, FlowKeys);

        var problem = Assert.Single(report.Problems);
        Assert.Equal((AudioCheck.BucketKey, "bucket"), (problem.Key, problem.Check));
        Assert.StartsWith("unreachable", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PresignedUrls_AreFetchedAndPass()
    {
        var (_, settings) = await SyncedBucketAsync();
        var presigned = new PresignedS3PromptAudioUrls(
            new AudioOptions { Bucket = settings.Bucket, ServiceUrl = s3rver.ServiceUrl, UrlMode = AudioUrlMode.Presigned },
            () => new S3SigningCredentials(S3rverFixture.AccessKey, S3rverFixture.SecretKey),
            TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        var report = await new AudioCheck(_s3, _http).RunAsync(settings with { Urls = presigned }, FlowKeys);

        Assert.True(report.Passed, Describe(report));
    }

    [Fact]
    public async Task RunAsync_PresignedWithUnknownAccessKey_ReportsTheUrlWithoutItsSignature()
    {
        var (_, settings) = await SyncedBucketAsync();
        var presigned = new PresignedS3PromptAudioUrls(
            new AudioOptions { Bucket = settings.Bucket, ServiceUrl = s3rver.ServiceUrl, UrlMode = AudioUrlMode.Presigned },
            // s3rver 3.7.1 checks the access key, the parameters and the expiry of a SigV4 URL, not the signature itself.
            () => new S3SigningCredentials("UNKNOWNKEY", S3rverFixture.SecretKey),
            TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        var report = await new AudioCheck(_s3, _http).RunAsync(settings with { Urls = presigned }, ["en-US/welcome.wav"]);

        var problem = Assert.Single(report.Problems);
        Assert.Equal("url", problem.Check);
        Assert.Contains("403", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Amz-Signature", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_HashedKeysWithManifest_ChecksTheHashedObjects()
    {
        var bucket = await _s3.NewBucketAsync(s3rver);
        using var source = TestAudio.Folder(("en-US/welcome.wav", TestAudio.Wav(1)));
        var sync = await new AudioSync(_s3).RunAsync(new AudioSyncRequest { SourceFolder = source.Path, Bucket = bucket, HashedKeys = true });
        var manifest = AudioManifest.Load(sync.ManifestPath!);
        var options = new AudioOptions { Bucket = bucket, ServiceUrl = s3rver.ServiceUrl };
        var settings = new AudioCheckSettings { Bucket = bucket, CustomEndpoint = true, Manifest = manifest, Urls = new S3PromptAudioUrls(options, manifest) };

        var withManifest = await new AudioCheck(_s3, _http).RunAsync(settings, ["en-US/welcome.wav"]);
        var withoutManifest = await new AudioCheck(_s3, _http).RunAsync(settings with { Manifest = null }, ["en-US/welcome.wav"]);

        Assert.True(withManifest.Passed, Describe(withManifest));
        Assert.Contains(withoutManifest.Problems, p => p.Check == "exists");
    }

    private async Task<(string Bucket, AudioCheckSettings Settings)> SyncedBucketAsync()
    {
        var bucket = await _s3.NewBucketAsync(s3rver);
        using var source = TestAudio.Folder(FlowKeys.Select((k, i) => (k, TestAudio.Wav(i))).ToArray());
        var sync = await new AudioSync(_s3).RunAsync(new AudioSyncRequest { SourceFolder = source.Path, Bucket = bucket });
        Assert.Equal(FlowKeys.Length, sync.Uploaded);
        var urls = new S3PromptAudioUrls(new AudioOptions { Bucket = bucket, ServiceUrl = s3rver.ServiceUrl });
        return (bucket, new AudioCheckSettings { Bucket = bucket, CustomEndpoint = true, Urls = urls });
    }

    private static string Describe(AudioCheckReport report)
        => string.Join("\n", report.Problems.Select(p => $"{p.Key} [{p.Check}] {p.Detail}"));
}
