using System.Collections.Concurrent;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace IvrService.Audio.S3;

/// <summary>Where the prompts should be and how the primary addresses them.</summary>
public sealed record AudioCheckSettings
{
    /// <summary>The bucket.</summary>
    public required string Bucket { get; init; }

    /// <summary>Optional key prefix.</summary>
    public string? Prefix { get; init; }

    /// <summary>True for a non-AWS endpoint (MinIO, s3rver): the bucket region is then only informational.</summary>
    public bool CustomEndpoint { get; init; }

    /// <summary>The URL builder the primary uses; each generated URL is fetched. Null skips the URL check.</summary>
    public IPromptAudioUrls? Urls { get; init; }

    /// <summary>Key → hashed key map from a hashed-keys sync.</summary>
    public AudioManifest? Manifest { get; init; }

    /// <summary>How many prompts are checked at once.</summary>
    public int Parallelism { get; init; } = 4;
}

/// <summary>One problem: which prompt (or <c>(bucket)</c>), which check, and what is wrong.</summary>
/// <param name="Key">The prompt key, or <c>(bucket)</c>.</param>
/// <param name="Check">exists, content-type, cache-control, url, region, bucket.</param>
/// <param name="Detail">What is wrong, in words.</param>
public sealed record AudioProblem(string Key, string Check, string Detail);

/// <summary>The outcome of a check.</summary>
/// <param name="KeysChecked">How many distinct prompt keys were checked.</param>
/// <param name="Problems">Every problem found, sorted by key.</param>
/// <param name="Notes">Informational lines (e.g. the region of a non-AWS endpoint).</param>
public sealed record AudioCheckReport(int KeysChecked, IReadOnlyList<AudioProblem> Problems, IReadOnlyList<string> Notes)
{
    /// <summary>True when there is nothing to fix.</summary>
    public bool Passed => Problems.Count == 0;
}

/// <summary>
/// Verifies that every prompt the flow names is in the bucket with a Twilio-playable Content-Type and a
/// Cache-Control header, that the bucket is in us-east-1, and that the URL the primary would hand Twilio answers with audio.
/// </summary>
public sealed class AudioCheck(IAmazonS3 s3, HttpClient http)
{
    /// <summary>The pseudo key bucket-level problems are filed under.</summary>
    public const string BucketKey = "(bucket)";

    private static readonly Uri PlaceholderBase = new("http://localhost/");

    private readonly IAmazonS3 _s3 = s3 ?? throw new ArgumentNullException(nameof(s3));
    private readonly HttpClient _http = http ?? throw new ArgumentNullException(nameof(http));

    /// <summary>Checks <paramref name="keys"/>; reports progress per key; S3 and HTTP failures become problems, never exceptions.</summary>
    public async Task<AudioCheckReport> RunAsync(
        AudioCheckSettings settings, IEnumerable<string> keys, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(keys);
        var problems = new ConcurrentBag<AudioProblem>();
        var notes = new List<string>();
        var distinct = keys.Distinct(StringComparer.Ordinal).OrderBy(k => k, StringComparer.Ordinal).ToList();

        if (!await CheckBucketAsync(settings, problems, notes, cancellationToken).ConfigureAwait(false))
        {
            return Report(distinct.Count, problems, notes);
        }

        var prefix = AudioKey.NormalizePrefix(settings.Prefix);
        var manifest = settings.Manifest ?? AudioManifest.Empty;
        await Parallel.ForEachAsync(
            distinct,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Parallelism), CancellationToken = cancellationToken },
            async (key, ct) =>
            {
                await CheckKeyAsync(settings, prefix, manifest, key, problems, ct).ConfigureAwait(false);
                progress?.Report(key);
            }).ConfigureAwait(false);

        return Report(distinct.Count, problems, notes);
    }

    private static AudioCheckReport Report(int count, ConcurrentBag<AudioProblem> problems, List<string> notes)
        => new(count, problems.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Check, StringComparer.Ordinal).ToList(), notes);

    /// <summary>False when the bucket cannot be reached at all (the per-key checks would only repeat that).</summary>
    private async Task<bool> CheckBucketAsync(AudioCheckSettings settings, ConcurrentBag<AudioProblem> problems, List<string> notes, CancellationToken ct)
    {
        try
        {
            var location = await _s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = settings.Bucket }, ct).ConfigureAwait(false);
            // S3 reports us-east-1 as an empty location constraint, and the legacy "EU" for eu-west-1.
            var region = location.Location?.Value switch
            {
                null or "" => AudioOptions.RecommendedRegion,
                "EU" => "eu-west-1",
                var value => value,
            };
            if (settings.CustomEndpoint)
            {
                notes.Add($"Bucket region reported by the endpoint: {region} (informational: not AWS).");
            }
            else if (!string.Equals(region, AudioOptions.RecommendedRegion, StringComparison.Ordinal))
            {
                problems.Add(new AudioProblem(BucketKey, "region",
                    $"bucket is in {region}; Twilio fetches media from us-east-1, so prompts there start faster and cost less"));
            }

            return true;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound || ex.ErrorCode == "NoSuchBucket")
        {
            problems.Add(new AudioProblem(BucketKey, "bucket", $"bucket '{settings.Bucket}' does not exist"));
            return false;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotImplemented || ex.ErrorCode == "NotImplemented")
        {
            // Reading the location needs s3:GetBucketLocation, which a read-only prompt role may lack; the key checks still run.
            notes.Add($"Bucket region not readable ({AudioSync.Describe(ex)}).");
            return true;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Network failures and timeouts become a reported problem: a check never crashes.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            problems.Add(new AudioProblem(BucketKey, "bucket", $"unreachable: {AudioSync.Describe(ex)}"));
            return false;
        }
    }

    private async Task CheckKeyAsync(
        AudioCheckSettings settings, string prefix, AudioManifest manifest, string key, ConcurrentBag<AudioProblem> problems, CancellationToken ct)
    {
        if (!AudioKey.TryValidate(key, out var invalid))
        {
            problems.Add(new AudioProblem(key, "key", invalid));
            return;
        }

        var objectKey = prefix + manifest.Resolve(key);
        try
        {
            var head = await _s3.GetObjectMetadataAsync(settings.Bucket, objectKey, ct).ConfigureAwait(false);
            var contentType = head.Headers.ContentType;
            if (!AudioContentTypes.IsPlayable(contentType))
            {
                problems.Add(new AudioProblem(key, "content-type",
                    $"Content-Type '{contentType}' is not one Twilio plays (error 13420); re-run `ivr audio sync`"));
            }

            if (string.IsNullOrWhiteSpace(head.Headers.CacheControl))
            {
                problems.Add(new AudioProblem(key, "cache-control", "no Cache-Control header; Twilio re-fetches the prompt on every call"));
            }
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            problems.Add(new AudioProblem(key, "exists", $"object '{objectKey}' is missing"));
            return;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Reported per key so one failure does not hide the others.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            problems.Add(new AudioProblem(key, "exists", $"cannot read '{objectKey}': {AudioSync.Describe(ex)}"));
            return;
        }

        if (settings.Urls is { } urls)
        {
            await CheckUrlAsync(urls, key, problems, ct).ConfigureAwait(false);
        }
    }

    private async Task CheckUrlAsync(IPromptAudioUrls urls, string key, ConcurrentBag<AudioProblem> problems, CancellationToken ct)
    {
        Uri url;
        try
        {
            url = urls.GetUrl(key, PlaceholderBase);
        }
        catch (ArgumentException ex)
        {
            problems.Add(new AudioProblem(key, "url", ex.Message));
            return;
        }

        try
        {
            // GET, not HEAD: a presigned URL is signed for GET. Only the headers are read.
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            var contentType = response.Content.Headers.ContentType?.ToString();
            if (!response.IsSuccessStatusCode)
            {
                problems.Add(new AudioProblem(key, "url", $"{Redact(url)} answered {(int)response.StatusCode} {response.ReasonPhrase}"));
            }
            else if (!AudioContentTypes.IsPlayable(contentType))
            {
                problems.Add(new AudioProblem(key, "url", $"{Redact(url)} answered with Content-Type '{contentType}', not audio"));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Reported per key.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            problems.Add(new AudioProblem(key, "url", $"{Redact(url)} failed: {ex.Message}"));
        }
    }

    /// <summary>Drops the query so signatures and session tokens never reach a terminal or a log.</summary>
    internal static string Redact(Uri url) => url.GetLeftPart(UriPartial.Path) + (string.IsNullOrEmpty(url.Query) ? "" : "?…");
}
