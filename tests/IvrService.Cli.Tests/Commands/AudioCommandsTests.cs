using System.CommandLine;
using System.Diagnostics;
using System.Net.Http.Headers;
using IvrService.Cli.Commands;
using IvrService.Testing;

namespace IvrService.Cli.Tests.Commands;

/// <summary>Runs the real <c>ivr</c> executable against s3rver, with credentials from the standard AWS_* variables.</summary>
public sealed class AudioCommandsTests(S3rverFixture s3rver) : IClassFixture<S3rverFixture>
{
    private static readonly string Content = Path.Combine(S3rverFixture.RepositoryRoot(), "content");

    [Fact]
    public async Task SyncThenCheck_SampleContent_ExitsZeroThenNamesTheObjectOverwrittenAsOctetStream()
    {
        var bucket = await CreateBucketAsync();
        var endpoint = s3rver.ServiceUrl.AbsoluteUri;

        var sync = await RunAsync("audio", "sync", "--source", Path.Combine(Content, "audio"), "--bucket", bucket, "--endpoint-url", endpoint);
        var check = await RunAsync("audio", "check", "--flow", Path.Combine(Content, "flow.json"), "--bucket", bucket, "--endpoint-url", endpoint);
        await PutOctetStreamAsync(bucket, "es-US/welcome.wav");
        var broken = await RunAsync("audio", "check", "--flow", Path.Combine(Content, "flow.json"), "--bucket", bucket, "--endpoint-url", endpoint);

        Assert.True(sync.ExitCode == 0, sync.ToString());
        Assert.Matches(@"Uploaded \d+, unchanged 0, failed 0\.", sync.Output);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("no problems", check.Output, StringComparison.Ordinal);
        Assert.Equal(AudioCommands.ProblemsFound, broken.ExitCode);
        Assert.Matches(@"es-US/welcome\.wav\s+content-type\s+Content-Type 'binary/octet-stream'", broken.Output);
        Assert.DoesNotMatch(@"en-US/welcome\.wav\s+content-type", broken.Output);
    }

    [Fact]
    public async Task Sync_SecondRun_ReportsEverythingUnchanged()
    {
        var bucket = await CreateBucketAsync();
        string[] args = ["audio", "sync", "--source", Path.Combine(Content, "audio"), "--bucket", bucket, "--endpoint-url", s3rver.ServiceUrl.AbsoluteUri, "--prefix", "p"];
        await RunAsync(args);

        var second = await RunAsync(args);

        Assert.Equal(0, second.ExitCode);
        Assert.Matches(@"Uploaded 0, unchanged \d+, failed 0\.", second.Output);
        Assert.Contains("unchanged    p/en-US/welcome.wav", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_DryRun_WritesNothingSoCheckStillFails()
    {
        var bucket = await CreateBucketAsync();
        var endpoint = s3rver.ServiceUrl.AbsoluteUri;

        var dry = await RunAsync("audio", "sync", "--source", Path.Combine(Content, "audio"), "--bucket", bucket, "--endpoint-url", endpoint, "--dry-run");
        var check = await RunAsync("audio", "check", "--flow", Path.Combine(Content, "flow.json"), "--bucket", bucket, "--endpoint-url", endpoint);

        Assert.Equal(0, dry.ExitCode);
        Assert.Contains("would upload", dry.Output, StringComparison.Ordinal);
        Assert.Equal(AudioCommands.ProblemsFound, check.ExitCode);
        Assert.Contains("en-US/welcome.wav", check.Output, StringComparison.Ordinal);
        Assert.Contains("exists", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SyncHashedKeysThenCheckPresignedWithManifest_ExitsZero()
    {
        var bucket = await CreateBucketAsync();
        var endpoint = s3rver.ServiceUrl.AbsoluteUri;
        var manifest = Path.Combine(Path.GetTempPath(), $"ivr-manifest-{Guid.NewGuid():N}.json");
        try
        {
            var sync = await RunAsync("audio", "sync", "--source", Path.Combine(Content, "audio"), "--bucket", bucket, "--endpoint-url", endpoint,
                "--hashed-keys", "--manifest", manifest);
            var check = await RunAsync("audio", "check", "--flow", Path.Combine(Content, "flow.json"), "--bucket", bucket, "--endpoint-url", endpoint,
                "--url-mode", "presigned", "--manifest", manifest);

            Assert.True(sync.ExitCode == 0, sync.ToString());
            Assert.Matches(@"en-US/welcome\.[0-9a-f]{8}\.wav", sync.Output);
            Assert.True(check.ExitCode == 0, check.ToString());
        }
        finally
        {
            File.Delete(manifest);
        }
    }

    [Fact]
    public async Task Check_UnreadableFlow_ExitsTwoNamingTheFile()
    {
        var result = await RunAsync("audio", "check", "--flow", "/no/such/flow.json", "--bucket", "b", "--endpoint-url", s3rver.ServiceUrl.AbsoluteUri);

        Assert.Equal(AudioCommands.CannotRun, result.ExitCode);
        Assert.Contains("/no/such/flow.json", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_NoCredentials_ExitsTwoExplainingWhatToSet()
    {
        var result = await RunAsync(withCredentials: false, "audio", "sync", "--source", Path.Combine(Content, "audio"), "--bucket", "b",
            "--endpoint-url", s3rver.ServiceUrl.AbsoluteUri);

        Assert.Equal(AudioCommands.CannotRun, result.ExitCode);
        Assert.Contains("AWS_ACCESS_KEY_ID", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("audio", "sync", "--bucket", "b")]
    [InlineData("audio", "check", "--flow", "f.json")]
    [InlineData("audio", "check", "--flow", "f.json", "--bucket", "b", "--url-mode", "signed")]
    [InlineData("audio", "sync", "--source", ".", "--bucket", "b", "--endpoint-url", "not a url")]
    public async Task Parse_BadArguments_ExitNonZeroWithAMessage(params string[] args)
    {
        var root = new RootCommand { AudioCommands.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });

        Assert.NotEqual(0, exit);
        Assert.False(string.IsNullOrWhiteSpace(error.ToString()), output.ToString());
    }

    private async Task<string> CreateBucketAsync()
    {
        var bucket = s3rver.NewBucketName("cli");
        using var http = new HttpClient();
        using var response = await http.PutAsync(new Uri(s3rver.ServiceUrl, bucket), null);
        response.EnsureSuccessStatusCode();
        return bucket;
    }

    private async Task PutOctetStreamAsync(string bucket, string key)
    {
        using var http = new HttpClient();
        using var body = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(Content, "audio", key)));
        body.Headers.ContentType = new MediaTypeHeaderValue("binary/octet-stream");
        using var response = await http.PutAsync(new Uri(s3rver.ServiceUrl, $"{bucket}/{key}"), body);
        response.EnsureSuccessStatusCode();
    }

    private static Task<CliResult> RunAsync(params string[] args) => RunAsync(true, args);

    private static async Task<CliResult> RunAsync(bool withCredentials, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ivr.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION", "AWS_DEFAULT_REGION" })
        {
            start.Environment.Remove(name);
        }

        // Nothing from the developer's own AWS set-up may leak in, and no instance-metadata lookups.
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/credentials";
        start.Environment["AWS_CONFIG_FILE"] = "/nonexistent/config";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        if (withCredentials)
        {
            start.Environment["AWS_ACCESS_KEY_ID"] = S3rverFixture.AccessKey;
            start.Environment["AWS_SECRET_ACCESS_KEY"] = S3rverFixture.SecretKey;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliResult(process.ExitCode, await output, await error);
    }

    private sealed record CliResult(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }
}
