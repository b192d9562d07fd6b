using System.CommandLine;
using System.Globalization;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using IvrService.Audio;
using IvrService.Audio.S3;
using Microsoft.Extensions.Logging.Abstractions;

namespace IvrService.Cli.Commands;

/// <summary><c>ivr audio sync</c> and <c>ivr audio check</c>: put the prompts in S3 the way Twilio needs them, and prove it.</summary>
internal static class AudioCommands
{
    /// <summary>Exit code when the command ran and found problems (check) or failed files (sync).</summary>
    public const int ProblemsFound = 1;

    /// <summary>Exit code when the command could not run (bad arguments, unreadable flow, no credentials).</summary>
    public const int CannotRun = 2;

    public static Command Create()
    {
        var audio = new Command("audio", "Upload prompt audio to S3 and check it is playable by Twilio.");
        audio.Subcommands.Add(CreateSync());
        audio.Subcommands.Add(CreateCheck());
        return audio;
    }

    private static Option<string> BucketOption() => new("--bucket") { Description = "S3 bucket name.", Required = true };

    private static Option<string?> PrefixOption() => new("--prefix") { Description = "Key prefix inside the bucket, e.g. prompts/." };

    private static Option<string?> EndpointOption() => new("--endpoint-url")
    {
        Description = "S3-compatible endpoint (MinIO, s3rver), like the AWS CLI's --endpoint-url; path-style addressing.",
    };

    private static Option<string?> RegionOption() => new("--region")
    {
        Description = "Bucket region; default: AWS_REGION / AWS_DEFAULT_REGION / profile, else us-east-1.",
    };

    private static Option<string?> ManifestOption(string description) => new("--manifest") { Description = description };

    private static Command CreateSync()
    {
        var source = new Option<string>("--source") { Description = "Folder of audio files; keys are paths relative to it (e.g. content/audio).", Required = true };
        var bucket = BucketOption();
        var prefix = PrefixOption();
        var endpoint = EndpointOption();
        var region = RegionOption();
        var cacheControl = new Option<string>("--cache-control")
        {
            Description = "Cache-Control stored on every object.",
            DefaultValueFactory = _ => new AudioOptions().CacheControl,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be uploaded; change nothing." };
        var hashedKeys = new Option<bool>("--hashed-keys") { Description = "Store name.<hash8>.ext keys so a changed recording gets a new URL; writes a manifest." };
        var manifest = ManifestOption($"Manifest written with --hashed-keys (default: <source>/{AudioManifest.DefaultFileName}).");

        var command = new Command("sync", "Upload every audio file with an audio Content-Type and Cache-Control, skipping unchanged ones.")
        {
            source, bucket, prefix, endpoint, region, cacheControl, dryRun, hashedKeys, manifest,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (!TryConnect(parse.GetValue(endpoint), parse.GetValue(region), error, out var connection))
            {
                return CannotRun;
            }

            var folder = parse.GetRequiredValue(source);
            if (!Directory.Exists(folder))
            {
                await error.WriteLineAsync($"error: --source '{folder}' is not a folder.");
                return CannotRun;
            }

            var request = new AudioSyncRequest
            {
                SourceFolder = folder,
                Bucket = parse.GetRequiredValue(bucket),
                Prefix = parse.GetValue(prefix),
                CacheControl = parse.GetRequiredValue(cacheControl),
                DryRun = parse.GetValue(dryRun),
                HashedKeys = parse.GetValue(hashedKeys),
                ManifestPath = parse.GetValue(manifest),
            };
            var total = AudioSync.FindAudioFiles(folder).Count;
            await output.WriteLineAsync(Invariant(
                $"Syncing {total} audio file(s) from {folder} to s3://{request.Bucket}/{AudioKey.NormalizePrefix(request.Prefix)}{(request.DryRun ? " (dry run)" : "")}"));

            using var s3 = connection.CreateClient();
            var done = 0;
            var progress = new SynchronousProgress<AudioSyncItem>(item =>
            {
                done++;
                var label = item.Outcome switch
                {
                    AudioSyncOutcome.Uploaded => request.DryRun ? "would upload" : "uploaded",
                    AudioSyncOutcome.Unchanged => "unchanged",
                    _ => "FAILED",
                };
                output.WriteLine(Invariant($"  [{done,3}/{total}] {label,-12} {item.ObjectKey}  ({item.Reason})"));
            });
            var result = await new AudioSync(s3).RunAsync(request, progress, ct);

            await output.WriteLineAsync(Invariant(
                $"{(request.DryRun ? "Would upload" : "Uploaded")} {result.Uploaded}, unchanged {result.Unchanged}, failed {result.Failed}."));
            if (result.ManifestPath is not null)
            {
                await output.WriteLineAsync($"Manifest: {result.ManifestPath} (set Audio:ManifestPath to it so the app uses the hashed keys).");
            }

            foreach (var failed in result.Items.Where(i => i.Outcome == AudioSyncOutcome.Failed))
            {
                await error.WriteLineAsync($"failed: {failed.Key}: {failed.Reason}");
            }

            return result.Failed == 0 ? 0 : ProblemsFound;
        });
        return command;
    }

    private static Command CreateCheck()
    {
        var flow = new Option<string>("--flow") { Description = "The flow file whose prompts (every locale) must be in the bucket.", Required = true };
        var bucket = BucketOption();
        var prefix = PrefixOption();
        var endpoint = EndpointOption();
        var region = RegionOption();
        var urlMode = new Option<string>("--url-mode")
        {
            Description = "How the primary addresses the prompts (Audio:UrlMode); that URL is fetched for each prompt.",
            DefaultValueFactory = _ => "public",
        };
        urlMode.AcceptOnlyFromAmong("public", "presigned");
        var manifest = ManifestOption("Manifest from `sync --hashed-keys`; prompts are looked up by their hashed keys.");

        var command = new Command("check", "Check every prompt the flow plays: exists, audio Content-Type, Cache-Control, URL answers with audio, bucket in us-east-1.")
        {
            flow, bucket, prefix, endpoint, region, urlMode, manifest,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (!TryConnect(parse.GetValue(endpoint), parse.GetValue(region), error, out var connection))
            {
                return CannotRun;
            }

            var flowPath = parse.GetRequiredValue(flow);
            var keys = FlowPromptKeys.Read(flowPath, out var flowError);
            if (keys is null)
            {
                await error.WriteLineAsync($"error: {flowError}");
                return CannotRun;
            }

            AudioManifest? map = null;
            if (parse.GetValue(manifest) is { } manifestPath)
            {
                try
                {
                    map = AudioManifest.Load(manifestPath);
                }
                catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
                {
                    await error.WriteLineAsync($"error: --manifest: {ex.Message}");
                    return CannotRun;
                }
            }

            var options = new AudioOptions
            {
                Bucket = parse.GetRequiredValue(bucket),
                Prefix = parse.GetValue(prefix),
                Region = connection.Region,
                ServiceUrl = connection.Endpoint,
                UrlMode = parse.GetRequiredValue(urlMode) == "presigned" ? AudioUrlMode.Presigned : AudioUrlMode.Public,
            };
            IPromptAudioUrls urls = options.UrlMode == AudioUrlMode.Presigned
                ? new PresignedS3PromptAudioUrls(options, () => AudioS3Client.ToSigningCredentials(connection.Credentials), TimeProvider.System, NullLogger.Instance, map)
                : new S3PromptAudioUrls(options, map);

            var distinct = keys.Distinct(StringComparer.Ordinal).Count();
            await output.WriteLineAsync(Invariant(
                $"Checking {distinct} prompt(s) from {flowPath} in s3://{options.Bucket}/{AudioKey.NormalizePrefix(options.Prefix)} ({options.UrlMode.ToString().ToLowerInvariant()} URLs)"));
            using var s3 = connection.CreateClient();
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
            var done = 0;
            var progress = new SynchronousProgress<string>(key =>
            {
                var n = Interlocked.Increment(ref done);
                lock (output)
                {
                    output.WriteLine(Invariant($"  [{n,3}/{distinct}] {key}"));
                }
            });
            var report = await new AudioCheck(s3, http).RunAsync(
                new AudioCheckSettings { Bucket = options.Bucket, Prefix = options.Prefix, CustomEndpoint = connection.Endpoint is not null, Urls = urls, Manifest = map },
                keys, progress, ct);

            foreach (var note in report.Notes)
            {
                await output.WriteLineAsync($"note: {note}");
            }

            if (report.Passed)
            {
                await output.WriteLineAsync(Invariant($"OK: {report.KeysChecked} prompt(s) checked, no problems."));
                return 0;
            }

            await output.WriteLineAsync();
            await output.WriteLineAsync(ProblemTable.Format(report.Problems));
            await output.WriteLineAsync(Invariant($"{report.Problems.Count} problem(s) in {report.Problems.Select(p => p.Key).Distinct().Count()} prompt(s); {report.KeysChecked} checked."));
            return ProblemsFound;
        });
        return command;
    }

    private static bool TryConnect(string? endpoint, string? region, TextWriter error, out S3Connection connection)
    {
        connection = default;
        Uri? endpointUri = null;
        if (!string.IsNullOrWhiteSpace(endpoint)
            && (!Uri.TryCreate(endpoint, UriKind.Absolute, out endpointUri) || (endpointUri.Scheme != Uri.UriSchemeHttp && endpointUri.Scheme != Uri.UriSchemeHttps)))
        {
            error.WriteLine($"error: --endpoint-url '{endpoint}' is not an absolute http(s) URL.");
            return false;
        }

        AWSCredentials credentials;
        try
        {
            credentials = DefaultAWSCredentialsIdentityResolver.GetCredentials();
            credentials.GetCredentials();
        }
        catch (Exception ex) when (ex is AmazonClientException or AmazonServiceException or InvalidOperationException or IOException)
        {
            error.WriteLine("error: no AWS credentials found. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or AWS_PROFILE.");
            error.WriteLine($"       ({ex.Message})");
            return false;
        }

        connection = new S3Connection(string.IsNullOrWhiteSpace(region) ? AudioS3Client.DefaultRegion() : region, endpointUri, credentials);
        return true;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private readonly record struct S3Connection(string Region, Uri? Endpoint, AWSCredentials Credentials)
    {
        public Amazon.S3.IAmazonS3 CreateClient() => AudioS3Client.Create(Region, Endpoint, Credentials, TimeSpan.FromSeconds(30));
    }

    /// <summary>Reports on the calling thread, in order (Progress&lt;T&gt; posts to the thread pool and can reorder lines).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
