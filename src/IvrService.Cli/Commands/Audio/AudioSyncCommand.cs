using System.CommandLine;
using System.Globalization;
using IvrService.Audio;
using IvrService.Audio.S3;

namespace IvrService.Cli.Commands.Audio;

/// <summary>What <c>ivr audio sync</c> was asked.</summary>
/// <param name="Source">Folder of audio files; keys are paths relative to it.</param>
/// <param name="Location">The bucket, prefix and endpoint.</param>
/// <param name="CacheControl">Cache-Control stored on every object (default: <see cref="AudioOptions.CacheControl"/>).</param>
/// <param name="DryRun">Show what would be uploaded; change nothing.</param>
/// <param name="HashedKeys">Store <c>name.&lt;hash8&gt;.ext</c> keys and write a manifest.</param>
/// <param name="ManifestPath">Where that manifest goes (default: beside the source).</param>
internal sealed record AudioSyncOptions(
    string Source, S3Location Location, string? CacheControl = null, bool DryRun = false, bool HashedKeys = false, string? ManifestPath = null);

/// <summary><c>ivr audio sync</c>: upload every audio file with an audio Content-Type and Cache-Control, skipping unchanged ones.</summary>
internal static class AudioSyncCommand
{
    public static Command Create()
    {
        var source = new Option<string>("--source") { Description = "Folder of audio files; keys are paths relative to it (e.g. content/audio).", Required = true };
        var command = new Command("sync", "Upload every audio file with an audio Content-Type and Cache-Control, skipping unchanged ones.") { source };
        var location = new S3LocationOptionSet(command);
        var cacheControl = new Option<string>("--cache-control")
        {
            Description = "Cache-Control stored on every object.",
            DefaultValueFactory = _ => new AudioOptions().CacheControl,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be uploaded; change nothing." };
        var hashedKeys = new Option<bool>("--hashed-keys") { Description = "Store name.<hash8>.ext keys so a changed recording gets a new URL; writes a manifest." };
        var manifest = new Option<string?>("--manifest") { Description = $"Manifest written with --hashed-keys (default: <source>/{AudioManifest.DefaultFileName})." };
        foreach (var option in (Option[])[cacheControl, dryRun, hashedKeys, manifest])
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, ct) => RunAsync(
            new AudioSyncOptions(
                parse.GetRequiredValue(source),
                location.Read(parse),
                parse.GetRequiredValue(cacheControl),
                parse.GetValue(dryRun),
                parse.GetValue(hashedKeys),
                parse.GetValue(manifest)),
            CliOutput.From(parse),
            ct));
        return command;
    }

    public static async Task<int> RunAsync(AudioSyncOptions options, CliOutput console, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        var (output, error) = (console.Out, console.Error);
        if (!S3Connection.TryConnect(options.Location, error, out var connection))
        {
            return AudioCommands.CannotRun;
        }

        var folder = options.Source;
        if (!Directory.Exists(folder))
        {
            await error.WriteLineAsync($"error: --source '{folder}' is not a folder.");
            return AudioCommands.CannotRun;
        }

        var request = new AudioSyncRequest
        {
            SourceFolder = folder,
            Bucket = options.Location.Bucket,
            Prefix = options.Location.Prefix,
            CacheControl = options.CacheControl ?? new AudioOptions().CacheControl,
            DryRun = options.DryRun,
            HashedKeys = options.HashedKeys,
            ManifestPath = options.ManifestPath,
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

        return result.Failed == 0 ? 0 : AudioCommands.ProblemsFound;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
