using IvrService.Audio.Local;
using IvrService.Audio.S3;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrService.Audio.Preflight;

/// <summary>
/// Logs how prompts are addressed and, when a bucket is set, checks the prompts before callers hit a problem:
/// Warn runs in the background and logs; Fail runs before start-up completes and stops it on any problem.
/// S3 being slow or down never affects requests: the check has its own timeout and runs off the request path.
/// </summary>
internal sealed partial class AudioPreflightService(
    IOptions<AudioOptions> options,
    IHostEnvironment environment,
    IPromptAudioUrls urls,
    IEnumerable<IPromptAudioKeySource> keySources,
    IHttpClientFactory httpClients,
    AudioCredentials credentials,
    ILogger<AudioPreflightService> logger) : IHostedService, IDisposable
{
    public const string HttpClientName = "IvrService.Audio.Preflight";

    private readonly CancellationTokenSource _stopping = new();
    private Task? _background;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var audio = options.Value;
        DescribeMode(audio);
        switch (audio.EffectivePreflight)
        {
            case PreflightMode.Fail:
                var report = await RunAsync(audio, cancellationToken).ConfigureAwait(false);
                if (!report.Passed)
                {
                    throw new InvalidOperationException(
                        $"Audio preflight found {report.Problems.Count} problem(s) in bucket '{audio.Bucket}' and Audio:PreflightOnStart is Fail: "
                        + string.Join("; ", report.Problems.Select(p => $"{p.Key} [{p.Check}] {p.Detail}")));
                }

                break;
            case PreflightMode.Warn:
                _background = Task.Run(() => RunAsync(audio, _stopping.Token), CancellationToken.None);
                break;
            default:
                break;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Nothing runs in the background unless StartAsync got that far; a host whose start failed is stopped
        // after its services may already be disposed.
        if (_background is not { } background)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await background.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stopping.Dispose();

    private void DescribeMode(AudioOptions audio)
    {
        if (!audio.UsesS3)
        {
            var folder = LocalPromptAudioFolder.Resolve(audio, environment.ContentRootPath);
            if (Directory.Exists(folder))
            {
                LogLocalMode(logger, folder, LocalPromptAudioUrls.RequestPath);
            }
            else
            {
                LogLocalFolderMissing(logger, folder);
            }

            return;
        }

        LogS3Mode(logger, audio.Bucket!, audio.Region, audio.UrlMode, audio.ServiceUrl?.ToString() ?? "AWS");
        if (!string.Equals(audio.Region, AudioOptions.RecommendedRegion, StringComparison.OrdinalIgnoreCase))
        {
            LogRegionWarning(logger, audio.Region);
        }
    }

    private async Task<AudioCheckReport> RunAsync(AudioOptions audio, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        try
        {
            foreach (var source in keySources)
            {
                keys.AddRange(source.GetPromptAudioKeys());
            }

            if (keys.Count == 0)
            {
                LogNoKeys(logger);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(audio.PreflightTimeout);
            using var s3 = AudioS3Client.Create(audio.Region, audio.ServiceUrl, credentials.Get(), audio.PreflightTimeout);
            var http = httpClients.CreateClient(HttpClientName);
            var settings = new AudioCheckSettings
            {
                Bucket = audio.Bucket!,
                Prefix = audio.Prefix,
                CustomEndpoint = audio.ServiceUrl is not null,
                Urls = urls,
            };
            var report = await new AudioCheck(s3, http).RunAsync(settings, keys, null, timeout.Token).ConfigureAwait(false);
            foreach (var note in report.Notes)
            {
                LogNote(logger, note);
            }

            foreach (var problem in report.Problems)
            {
                LogProblem(logger, problem.Key, problem.Check, problem.Detail);
            }

            LogDone(logger, report.KeysChecked, report.Problems.Count);
            return report;
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            return new AudioCheckReport(keys.Count, [], []);
        }
#pragma warning disable CA1031 // Timeouts, missing credentials, a bad key source: all become one reported problem; the app keeps serving.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var detail = ex is OperationCanceledException ? $"timed out after {audio.PreflightTimeout}" : AudioSync.Describe(ex);
            LogFailed(logger, ex, detail);
            return new AudioCheckReport(keys.Count, [new AudioProblem(AudioCheck.BucketKey, "preflight", detail)], []);
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Prompt audio served by this app from {Folder} under {RequestPath}/")]
    private static partial void LogLocalMode(ILogger logger, string folder, string requestPath);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Prompt audio folder {Folder} does not exist (Audio:LocalPath); every <Play> will 404")]
    private static partial void LogLocalFolderMissing(ILogger logger, string folder);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Prompt audio from S3 bucket {Bucket} in {Region}, {UrlMode} URLs, endpoint {Endpoint}")]
    private static partial void LogS3Mode(ILogger logger, string bucket, string region, AudioUrlMode urlMode, string endpoint);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning,
        Message = "Audio:Region is {Region}, not us-east-1: Twilio fetches media from us-east-1, so prompts start later and calls cost more")]
    private static partial void LogRegionWarning(ILogger logger, string region);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Audio preflight has no prompt keys to check (no IPromptAudioKeySource registered); checking the bucket only")]
    private static partial void LogNoKeys(ILogger logger);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "Audio preflight: {AudioKey} [{Check}] {Detail}")]
    private static partial void LogProblem(ILogger logger, string audioKey, string check, string detail);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Information, Message = "Audio preflight: {Note}")]
    private static partial void LogNote(ILogger logger, string note);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Information, Message = "Audio preflight checked {KeyCount} prompt(s): {ProblemCount} problem(s)")]
    private static partial void LogDone(ILogger logger, int keyCount, int problemCount);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Warning, Message = "Audio preflight could not finish: {Detail}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string detail);
}
