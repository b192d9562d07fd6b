using System.CommandLine;
using System.Globalization;
using IvrService.Audio;
using IvrService.Audio.S3;
using Microsoft.Extensions.Logging.Abstractions;

namespace IvrService.Cli.Commands.Audio;

/// <summary>What <c>ivr audio check</c> was asked.</summary>
/// <param name="FlowPath">The flow whose prompts (every locale) must be in the bucket.</param>
/// <param name="Location">The bucket, prefix and endpoint.</param>
/// <param name="UrlMode">How the primary addresses the prompts; that URL is fetched for each.</param>
/// <param name="ManifestPath">A manifest from <c>sync --hashed-keys</c>, or null.</param>
internal sealed record AudioCheckOptions(string FlowPath, S3Location Location, AudioUrlMode UrlMode = AudioUrlMode.Public, string? ManifestPath = null);

/// <summary>
/// <c>ivr audio check</c>: every prompt the flow plays exists, has an audio Content-Type and Cache-Control, answers
/// its URL with audio, from a bucket in us-east-1.
/// </summary>
internal static class AudioCheckCommand
{
    public static Command Create()
    {
        var flow = new Option<string>("--flow") { Description = "The flow file whose prompts (every locale) must be in the bucket.", Required = true };
        var command = new Command("check", "Check every prompt the flow plays: exists, audio Content-Type, Cache-Control, URL answers with audio, bucket in us-east-1.")
        {
            flow,
        };
        var location = new S3LocationOptionSet(command);
        var urlMode = new Option<string>("--url-mode")
        {
            Description = "How the primary addresses the prompts (Audio:UrlMode); that URL is fetched for each prompt.",
            DefaultValueFactory = _ => "public",
        };
        urlMode.AcceptOnlyFromAmong("public", "presigned");
        var manifest = new Option<string?>("--manifest") { Description = "Manifest from `sync --hashed-keys`; prompts are looked up by their hashed keys." };
        command.Options.Add(urlMode);
        command.Options.Add(manifest);
        command.SetAction((parse, ct) => RunAsync(
            new AudioCheckOptions(
                parse.GetRequiredValue(flow),
                location.Read(parse),
                parse.GetRequiredValue(urlMode) == "presigned" ? AudioUrlMode.Presigned : AudioUrlMode.Public,
                parse.GetValue(manifest)),
            CliOutput.From(parse),
            ct));
        return command;
    }

    public static async Task<int> RunAsync(AudioCheckOptions options, CliOutput console, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        var (output, error) = (console.Out, console.Error);
        if (!S3Connection.TryConnect(options.Location, error, out var connection))
        {
            return AudioCommands.CannotRun;
        }

        var keys = FlowPromptKeys.Read(options.FlowPath, out var flowError);
        if (keys is null)
        {
            await error.WriteLineAsync($"error: {flowError}");
            return AudioCommands.CannotRun;
        }

        AudioManifest? map = null;
        if (options.ManifestPath is { } manifestPath)
        {
            try
            {
                map = AudioManifest.Load(manifestPath);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"error: --manifest: {ex.Message}");
                return AudioCommands.CannotRun;
            }
        }

        var audio = new AudioOptions
        {
            Bucket = options.Location.Bucket,
            Prefix = options.Location.Prefix,
            Region = connection.Region,
            ServiceUrl = connection.Endpoint,
            UrlMode = options.UrlMode,
        };
        IPromptAudioUrls urls = audio.UrlMode == AudioUrlMode.Presigned
            ? new PresignedS3PromptAudioUrls(audio, () => AudioS3Client.ToSigningCredentials(connection.Credentials), TimeProvider.System, NullLogger.Instance, map)
            : new S3PromptAudioUrls(audio, map);

        var distinct = keys.Distinct(StringComparer.Ordinal).Count();
        await output.WriteLineAsync(Invariant(
            $"Checking {distinct} prompt(s) from {options.FlowPath} in s3://{audio.Bucket}/{AudioKey.NormalizePrefix(audio.Prefix)} ({audio.UrlMode.ToString().ToLowerInvariant()} URLs)"));
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
            new AudioCheckSettings { Bucket = audio.Bucket, Prefix = audio.Prefix, CustomEndpoint = connection.Endpoint is not null, Urls = urls, Manifest = map },
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
        return AudioCommands.ProblemsFound;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
