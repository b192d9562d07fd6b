using System.Net;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;

namespace IvrService.Audio.S3;

/// <summary>What to upload and how.</summary>
public sealed record AudioSyncRequest
{
    /// <summary>The folder whose audio files are uploaded; keys are paths relative to it.</summary>
    public required string SourceFolder { get; init; }

    /// <summary>The target bucket.</summary>
    public required string Bucket { get; init; }

    /// <summary>Optional key prefix.</summary>
    public string? Prefix { get; init; }

    /// <summary>Cache-Control stored on every object.</summary>
    public string CacheControl { get; init; } = new AudioOptions().CacheControl;

    /// <summary>Report what would change without writing anything.</summary>
    public bool DryRun { get; init; }

    /// <summary>Store each file under a content-hashed key (<c>name.1a2b3c4d.wav</c>) and write a manifest.</summary>
    public bool HashedKeys { get; init; }

    /// <summary>Where the manifest goes with <see cref="HashedKeys"/>; default <c>{SourceFolder}/audio-manifest.json</c>.</summary>
    public string? ManifestPath { get; init; }
}

/// <summary>What happened to one file.</summary>
public enum AudioSyncOutcome
{
    /// <summary>Uploaded (or, in a dry run, would be).</summary>
    Uploaded,

    /// <summary>Already in the bucket with the same content and headers.</summary>
    Unchanged,

    /// <summary>Could not be read, compared or uploaded.</summary>
    Failed,
}

/// <summary>One file's result.</summary>
/// <param name="Key">The prompt key (relative path).</param>
/// <param name="ObjectKey">The S3 key written (prefix and, with hashed keys, the hash included).</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Reason">Why: "new", "content changed", "Content-Type was binary/octet-stream", an error…</param>
public sealed record AudioSyncItem(string Key, string ObjectKey, AudioSyncOutcome Outcome, string Reason);

/// <summary>The summary of a sync run.</summary>
/// <param name="Items">Every audio file, sorted by key.</param>
/// <param name="DryRun">True when nothing was written.</param>
/// <param name="ManifestPath">The manifest written, if any.</param>
public sealed record AudioSyncResult(IReadOnlyList<AudioSyncItem> Items, bool DryRun, string? ManifestPath)
{
    /// <summary>Files uploaded (or that would be, in a dry run).</summary>
    public int Uploaded => Items.Count(i => i.Outcome == AudioSyncOutcome.Uploaded);

    /// <summary>Files already up to date.</summary>
    public int Unchanged => Items.Count(i => i.Outcome == AudioSyncOutcome.Unchanged);

    /// <summary>Files that failed.</summary>
    public int Failed => Items.Count(i => i.Outcome == AudioSyncOutcome.Failed);
}

/// <summary>
/// Uploads every audio file under a folder with a Twilio-playable Content-Type and a Cache-Control header, skipping
/// objects whose content (SHA-256 metadata, else the single-part ETag = MD5) and headers already match.
/// </summary>
public sealed class AudioSync(IAmazonS3 s3)
{
    /// <summary>The user metadata holding the content's SHA-256 (hex), stored as <c>x-amz-meta-sha256</c>.</summary>
    public const string Sha256MetadataKey = "sha256";

    private readonly IAmazonS3 _s3 = s3 ?? throw new ArgumentNullException(nameof(s3));

    /// <summary>Audio files under <paramref name="sourceFolder"/> as (key, full path), sorted by key; hidden files skipped.</summary>
    public static IReadOnlyList<(string Key, string Path)> FindAudioFiles(string sourceFolder)
    {
        var root = System.IO.Path.GetFullPath(sourceFolder);
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System };
        return Directory.EnumerateFiles(root, "*", options)
            .Where(f => AudioContentTypes.TryGetContentType(f, out _) && !System.IO.Path.GetFileName(f).StartsWith('.'))
            .Select(f => (Key: AudioKey.FromRelativePath(root, f), Path: f))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The content-hashed form of a key: <c>dir/name.{first 8 hex of SHA-256}.ext</c>.</summary>
    public static string HashedKey(string key, string sha256Hex)
    {
        var extension = System.IO.Path.GetExtension(key);
        return $"{key[..^extension.Length]}.{sha256Hex[..8]}{extension}";
    }

    /// <summary>Runs the sync; never throws for a single file's problem (it is reported as <see cref="AudioSyncOutcome.Failed"/>).</summary>
    public async Task<AudioSyncResult> RunAsync(AudioSyncRequest request, IProgress<AudioSyncItem>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Directory.Exists(request.SourceFolder))
        {
            throw new DirectoryNotFoundException($"The source folder '{request.SourceFolder}' does not exist.");
        }

        var prefix = AudioKey.NormalizePrefix(request.Prefix);
        var items = new List<AudioSyncItem>();
        var manifest = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, path) in FindAudioFiles(request.SourceFolder))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var item = await SyncOneAsync(request, prefix, key, path, manifest, cancellationToken).ConfigureAwait(false);
            items.Add(item);
            progress?.Report(item);
        }

        string? manifestPath = null;
        if (request.HashedKeys && !request.DryRun)
        {
            manifestPath = request.ManifestPath ?? System.IO.Path.Combine(request.SourceFolder, AudioManifest.DefaultFileName);
            new AudioManifest(manifest).Save(manifestPath);
        }

        return new AudioSyncResult(items, request.DryRun, manifestPath);
    }

    private async Task<AudioSyncItem> SyncOneAsync(
        AudioSyncRequest request, string prefix, string key, string path, Dictionary<string, string> manifest, CancellationToken cancellationToken)
    {
        var objectKey = prefix + key;
        try
        {
            if (!AudioKey.TryValidate(key, out var invalid))
            {
                return new AudioSyncItem(key, objectKey, AudioSyncOutcome.Failed, invalid);
            }

            var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
#pragma warning disable CA5351 // MD5 is what S3 reports as a single-part ETag and checks Content-MD5 against; not used for security.
            var md5 = MD5.HashData(bytes);
#pragma warning restore CA5351
            AudioContentTypes.TryGetContentType(key, out var contentType);
            if (request.HashedKeys)
            {
                var hashed = HashedKey(key, sha256);
                manifest[key] = hashed;
                objectKey = prefix + hashed;
            }

            var reason = await WhyUploadAsync(request, objectKey, sha256, md5, contentType!, cancellationToken).ConfigureAwait(false);
            if (reason is null)
            {
                return new AudioSyncItem(key, objectKey, AudioSyncOutcome.Unchanged, "same content and headers");
            }

            if (!request.DryRun)
            {
                using var body = new MemoryStream(bytes, writable: false);
                var put = new PutObjectRequest
                {
                    BucketName = request.Bucket,
                    Key = objectKey,
                    InputStream = body,
                    AutoCloseStream = false,
                    ContentType = contentType,
                    MD5Digest = Convert.ToBase64String(md5),
                    // aws-chunked framing would be stored verbatim by S3-compatible servers that do not decode it.
                    UseChunkEncoding = false,
                };
                put.Headers.CacheControl = request.CacheControl;
                put.Metadata.Add(Sha256MetadataKey, sha256);
                await _s3.PutObjectAsync(put, cancellationToken).ConfigureAwait(false);
            }

            return new AudioSyncItem(key, objectKey, AudioSyncOutcome.Uploaded, request.DryRun ? $"would upload: {reason}" : reason);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // One bad file (unreadable, access denied, network) is reported and the rest still sync.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new AudioSyncItem(key, objectKey, AudioSyncOutcome.Failed, Describe(ex));
        }
    }

    /// <summary>Null when the object is up to date; otherwise why it needs uploading.</summary>
    private async Task<string?> WhyUploadAsync(
        AudioSyncRequest request, string objectKey, string sha256, byte[] md5, string contentType, CancellationToken cancellationToken)
    {
        GetObjectMetadataResponse head;
        try
        {
            head = await _s3.GetObjectMetadataAsync(request.Bucket, objectKey, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return "new";
        }

        if (!SameContent(head, sha256, md5))
        {
            return "content changed";
        }

        if (!string.Equals(head.Headers.ContentType, contentType, StringComparison.OrdinalIgnoreCase))
        {
            return $"Content-Type was '{head.Headers.ContentType}'";
        }

        if (!string.Equals(head.Headers.CacheControl, request.CacheControl, StringComparison.Ordinal))
        {
            return string.IsNullOrEmpty(head.Headers.CacheControl) ? "Cache-Control was missing" : $"Cache-Control was '{head.Headers.CacheControl}'";
        }

        return null;
    }

    internal static bool SameContent(GetObjectMetadataResponse head, string sha256, byte[] md5)
    {
        var stored = StoredSha256(head);
        if (!string.IsNullOrEmpty(stored))
        {
            return string.Equals(stored, sha256, StringComparison.OrdinalIgnoreCase);
        }

        // A multipart ETag ("…-3") is not an MD5 of the content; without our metadata it cannot prove equality.
        var etag = head.ETag?.Trim('"') ?? "";
        return !etag.Contains('-', StringComparison.Ordinal) && string.Equals(etag, Convert.ToHexStringLower(md5), StringComparison.OrdinalIgnoreCase);
    }

    internal static string? StoredSha256(GetObjectMetadataResponse head)
    {
        foreach (var name in head.Metadata.Keys)
        {
            if (string.Equals(name, Sha256MetadataKey, StringComparison.OrdinalIgnoreCase)
                || string.Equals(name, "x-amz-meta-" + Sha256MetadataKey, StringComparison.OrdinalIgnoreCase))
            {
                return head.Metadata[name];
            }
        }

        return null;
    }

    internal static string Describe(Exception ex) => ex switch
    {
        AmazonS3Exception s3 when !string.IsNullOrEmpty(s3.ErrorCode) => $"{s3.ErrorCode} ({(int)s3.StatusCode}): {s3.Message}",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };
}
