using System.Collections.Concurrent;
using System.Diagnostics;
using Amazon.Runtime;
using Amazon.S3;
using IvrService.Audio.Preflight;
using IvrService.Audio.S3;
using IvrService.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IvrService.Audio.Tests.Preflight;

[Collection(S3rverGroup.Name)]
public sealed class AudioPreflightServiceTests(S3rverFixture s3rver) : IDisposable
{
    private static readonly string[] Keys = ["en-US/welcome.wav", "es-US/welcome.wav"];

    private readonly IAmazonS3 _s3 = TestAudio.Client(s3rver);
    private readonly CapturingLoggerProvider _logs = new();

    public void Dispose()
    {
        _s3.Dispose();
        _logs.Dispose();
    }

    [Fact]
    public async Task Fail_CleanBucket_Starts()
    {
        var bucket = await SyncedBucketAsync();

        await using var app = await StartAsync(bucket, "Fail", Keys);

        Assert.Contains(_logs.Messages, m => m.Contains("checked 2 prompt(s): 0 problem(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fail_MissingPrompt_StopsStartUpNamingIt()
    {
        var bucket = await SyncedBucketAsync();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(bucket, "Fail", [.. Keys, "es-US/goodbye.wav"]));

        Assert.Contains("es-US/goodbye.wav", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Audio:PreflightOnStart", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warn_MissingPrompt_StartsAndLogsTheProblem()
    {
        var bucket = await SyncedBucketAsync();

        await using var app = await StartAsync(bucket, null, [.. Keys, "es-US/goodbye.wav"]);

        await WaitForAsync(() => _logs.Messages.Any(m => m.Contains("checked 3 prompt(s)", StringComparison.Ordinal)));
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("es-US/goodbye.wav [exists]", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Warn_UnresponsiveS3_StartsWithoutWaitingAndStopsPromptly()
    {
        // Accepts connections and never answers: a blocking preflight would hold start-up for its whole timeout.
        using var blackHole = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        blackHole.Start();
        var endpoint = new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)blackHole.LocalEndpoint).Port}/");
        var started = Stopwatch.StartNew();

        var app = await StartAsync("prompts", "Warn", Keys, endpoint, preflightTimeout: "00:01:00");
        var startUp = started.Elapsed;
        var url = app.Services.GetRequiredService<IPromptAudioUrls>().GetUrl("en-US/welcome.wav", new Uri("http://localhost/"));
        var stopping = Stopwatch.StartNew();
        await app.DisposeAsync();

        Assert.True(startUp < TimeSpan.FromSeconds(20), $"start-up took {startUp}");
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(20), $"stopping took {stopping.Elapsed}");
        Assert.Equal($"{endpoint.AbsoluteUri}prompts/en-US/welcome.wav", url.AbsoluteUri);
    }

    [Fact]
    public async Task Warn_UnreachableS3_StartsAndLogsAWarning()
    {
        await using var app = await StartAsync("prompts", "Warn", Keys, new Uri("http://127.0.0.1:9/"));

        // Either the check reports the dead endpoint or its own timeout cuts it short: a warning, never a crash.
        await WaitForAsync(() => _logs.Entries.Any(e => e.Level == LogLevel.Warning
            && (e.Message.Contains("unreachable", StringComparison.Ordinal) || e.Message.Contains("timed out", StringComparison.Ordinal))));
    }

    [Fact]
    public async Task Fail_UnreachableS3_StopsStartUp()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync("prompts", "Fail", Keys, new Uri("http://127.0.0.1:9/")));

        Assert.Contains(AudioCheck.BucketKey, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_RegionNotUsEast1_LogsAWarningNamingIt()
    {
        await using var app = await StartAsync("prompts", "Off", Keys, region: "eu-west-1");

        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Audio:Region is eu-west-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fail_PresignedWithCredentials_StartsAndLogsTheAccessKey()
    {
        var bucket = await SyncedBucketAsync();

        await using var app = await StartAsync(bucket, "Fail", Keys, urlMode: "Presigned");

        Assert.Contains(_logs.Messages, m => m.Contains($"access key {S3rverFixture.AccessKey}", StringComparison.Ordinal));
        Assert.Contains(_logs.Messages, m => m.Contains("checked 2 prompt(s): 0 problem(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fail_PresignedWithoutCredentials_StopsStartUp()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            StartAsync("prompts", "Fail", Keys, urlMode: "Presigned", credentials: new ThrowingCredentials()));

        Assert.Contains("Audio:UrlMode is Presigned", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Warn_PresignedWithoutCredentials_StartsAndLogsAnError()
    {
        await using var app = await StartAsync("prompts", "Off", Keys, urlMode: "Presigned", credentials: new ThrowingCredentials());

        await WaitForAsync(() => _logs.Entries.Any(e => e.Level == LogLevel.Error && e.Message.Contains("no AWS credentials", StringComparison.Ordinal)));
    }

    private sealed class ThrowingCredentials : AWSCredentials
    {
        public override ImmutableCredentials GetCredentials() => throw new AmazonClientException("no credentials in this test");
    }

    private async Task<string> SyncedBucketAsync()
    {
        var bucket = await _s3.NewBucketAsync(s3rver);
        using var source = TestAudio.Folder(Keys.Select((k, i) => (k, TestAudio.Wav(i))).ToArray());
        await new AudioSync(_s3).RunAsync(new AudioSyncRequest { SourceFolder = source.Path, Bucket = bucket });
        return bucket;
    }

    private async Task<WebApplication> StartAsync(
        string bucket, string? mode, string[] keys, Uri? serviceUrl = null, string region = "us-east-1", string urlMode = "Public", AWSCredentials? credentials = null,
        string preflightTimeout = "00:00:05")
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(_logs);
        builder.Configuration["Audio:Bucket"] = bucket;
        builder.Configuration["Audio:Region"] = region;
        builder.Configuration["Audio:ServiceUrl"] = (serviceUrl ?? s3rver.ServiceUrl).AbsoluteUri;
        builder.Configuration["Audio:PreflightTimeout"] = preflightTimeout;
        builder.Configuration["Audio:UrlMode"] = urlMode;
        if (mode is not null)
        {
            builder.Configuration["Audio:PreflightOnStart"] = mode;
        }

        builder.Services.AddPromptAudio(builder.Configuration);
        builder.Services.AddSingleton(credentials ?? new BasicAWSCredentials(S3rverFixture.AccessKey, S3rverFixture.SecretKey));
        builder.Services.AddSingleton<IPromptAudioKeySource>(new DelegatePromptAudioKeySource(() => keys));
        var app = builder.Build();
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

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "timed out waiting for the preflight");
            await Task.Delay(50);
        }
    }
}

internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Message)> _entries = new();

    public IEnumerable<(LogLevel Level, string Message)> Entries => _entries;

    public IEnumerable<string> Messages => _entries.Select(e => e.Message);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => owner._entries.Enqueue((logLevel, formatter(state, exception)));
    }
}
