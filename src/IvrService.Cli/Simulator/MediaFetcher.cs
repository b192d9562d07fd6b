using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.Http.Headers;

namespace IvrService.Cli.Simulator;

/// <summary>
/// Twilio's media proxies, as far as a caller can tell: a shared cache per URL that honours <c>Cache-Control</c>
/// (<c>max-age</c>, <c>no-cache</c>, <c>no-store</c>) and revalidates with <c>ETag</c>/<c>Last-Modified</c>
/// (twilio-protocol.md §6). Media without any cache header is fetched every time. Share one instance between
/// simulated calls to see warm-cache behaviour.
/// </summary>
public sealed class MediaCache
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    internal sealed record Entry(DateTimeOffset StoredAt, TimeSpan? MaxAge, bool NoCache, string? ETag, DateTimeOffset? LastModified, MediaInfo Info);

    /// <summary>How many URLs are cached.</summary>
    public int Count => _entries.Count;

    internal bool TryGet(string url, out Entry entry) => _entries.TryGetValue(url, out entry!);

    internal void Store(string url, Entry entry) => _entries[url] = entry;

    internal void Remove(string url) => _entries.TryRemove(url, out _);
}

/// <summary>The whole body of a &lt;Play&gt; media fetch, for a listener that wants to play it (the dev phone).</summary>
/// <param name="Url">The URL as fetched (no fragment): the cache key.</param>
/// <param name="ContentType">The Content-Type the server sent (an audio type Twilio accepts).</param>
/// <param name="Bytes">The body.</param>
public sealed record MediaBody(string Url, string ContentType, byte[] Bytes);

/// <summary>Fetches &lt;Play&gt; media with GET and checks what Twilio checks.</summary>
internal sealed class MediaFetcher(TimedHttpSender sender, MediaCache cache, TimeProvider timeProvider, ErrorCodeStyle style, Action<MediaBody>? onBody = null)
{
    /// <summary>Largest body handed to a body listener; longer media is still checked, just not kept.</summary>
    public const int MaxKeptBodyBytes = 16 * 1024 * 1024;

    /// <summary>The audio types Twilio plays (twilio-protocol.md §6).</summary>
    public static IReadOnlySet<string> AudioTypes { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "audio/mpeg", "audio/wav", "audio/wave", "audio/x-wav", "audio/aiff", "audio/x-aifc", "audio/x-aiff",
        "audio/x-gsm", "audio/gsm", "audio/ulaw",
    };

    private const int SniffBytes = 64;

    /// <summary>The cache key of a media URL: the URL as requested, without userinfo or fragment.</summary>
    public static string Key(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);
    }

    public async Task<MediaInfo> FetchAsync(Uri url, ConnectionSettings settings, CancellationToken cancellationToken)
    {
        var key = Key(url);
        var now = timeProvider.GetUtcNow();
        MediaCache.Entry? stale = null;
        if (cache.TryGet(key, out var entry))
        {
            if (!entry.NoCache && entry.MaxAge is { } maxAge && now - entry.StoredAt < maxAge)
            {
                return entry.Info with { Cache = "hit", LatencyMs = 0 };
            }

            if (entry.ETag is not null || entry.LastModified is not null)
            {
                stale = entry;
            }
        }

        var result = await sender.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, key);
                request.Headers.UserAgent.ParseAdd(WebhookClient.UserAgent);
                if (stale?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var parsed))
                {
                    request.Headers.IfNoneMatch.Add(parsed);
                }
                else if (stale?.LastModified is { } lastModified)
                {
                    request.Headers.IfModifiedSince = lastModified;
                }

                return request;
            },
            settings,
            bodyLimit: long.MaxValue,
            keepBytes: onBody is null ? SniffBytes : MaxKeptBodyBytes,
            cancellationToken).ConfigureAwait(false);

        var latency = Math.Round(result.Latency.TotalMilliseconds, 1);
        if (result.Succeeded && result.StatusCode == 304 && stale is not null)
        {
            cache.Store(key, stale with { StoredAt = now, MaxAge = result.MaxAge ?? stale.MaxAge });
            return stale.Info with { Cache = "revalidated", LatencyMs = latency, Status = 304 };
        }

        var info = new MediaInfo
        {
            Status = result.StatusCode,
            ContentType = result.ContentType,
            Bytes = result.StatusCode is null ? null : result.BodyLength,
            LatencyMs = latency,
            CacheControl = result.CacheControl,
            ETag = result.ETag,
        };

        if (!result.Succeeded)
        {
            cache.Remove(key);
            return info with { ErrorCode = result.Failure.ToErrorCode(style), Error = result.Detail ?? result.Failure.Describe(), Cache = "not-cacheable" };
        }

        if (result.MediaType is null || !AudioTypes.Contains(result.MediaType))
        {
            cache.Remove(key);
            // S3's default binary/octet-stream is the classic cause (design.md); Twilio logs 13420 and plays nothing.
            return info with
            {
                ErrorCode = 13420,
                Error = $"Content-Type '{result.ContentType ?? "(none)"}' is not a Twilio audio type",
                Cache = "not-cacheable",
            };
        }

        info = info with { DurationSeconds = EstimateDuration(result.MediaType, result.Body, result.BodyLength) };
        if (onBody is not null && result.Body.Length == result.BodyLength && result.BodyLength > 0)
        {
            onBody(new MediaBody(key, result.ContentType ?? result.MediaType, result.Body));
        }

        var cacheable = !result.NoStore && (result.MaxAge > TimeSpan.Zero || result.ETag is not null || result.LastModified is not null);
        if (cacheable)
        {
            cache.Store(key, new MediaCache.Entry(now, result.MaxAge, result.NoCache, result.ETag, result.LastModified, info));
        }
        else
        {
            cache.Remove(key);
        }

        return info with { Cache = cacheable ? "miss" : "not-cacheable" };
    }

    /// <summary>Seconds of audio, from the WAV header's byte rate, or an assumed bit rate for MP3 and raw µ-law.</summary>
    internal static double? EstimateDuration(string mediaType, ReadOnlySpan<byte> head, long length)
    {
        if (mediaType.Contains("wav", StringComparison.OrdinalIgnoreCase)
            && head.Length >= 44 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WAVE"u8)
            && head[12..16].SequenceEqual("fmt "u8))
        {
            var byteRate = BinaryPrimitives.ReadInt32LittleEndian(head[28..32]);
            return byteRate > 0 ? Math.Round(Math.Max(0, length - 44) / (double)byteRate, 2) : null;
        }

        return mediaType.ToLowerInvariant() switch
        {
            "audio/mpeg" => Math.Round(length * 8 / 128_000.0, 2),
            "audio/ulaw" => Math.Round(length / 8_000.0, 2),
            _ => null,
        };
    }
}
