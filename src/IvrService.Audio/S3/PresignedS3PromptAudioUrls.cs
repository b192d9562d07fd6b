using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IvrService.Audio.S3;

/// <summary>
/// Presigned URLs that are byte-for-byte identical for every request inside one window (Twilio caches media per
/// URL): signed with the window's start as the signing time and valid for two windows, so a URL handed out at the
/// very end of a window still works while Twilio fetches it. Signing is local; nothing here touches the network
/// except the first credential resolution, which the SDK caches.
/// </summary>
public sealed partial class PresignedS3PromptAudioUrls : IPromptAudioUrls, IPromptUrlCacheOwner
{
    private readonly string _bucket;
    private readonly string _prefix;
    private readonly string _region;
    private readonly Uri? _serviceUrl;
    private readonly long _windowTicks;
    private readonly Func<S3SigningCredentials> _credentials;
    private readonly TimeProvider _time;
    private readonly AudioManifest _manifest;
    private readonly ILogger _logger;
    private WindowCache _cache = new(long.MinValue);
    private readonly PromptUrlCacheStatistics _statistics = new();

    PromptUrlCacheStatistics IPromptUrlCacheOwner.CacheStatistics => _statistics;

    /// <summary>Creates the presigner for <paramref name="options"/>' bucket and window.</summary>
    /// <param name="options">Bucket, prefix, region, endpoint and <see cref="AudioOptions.PresignWindow"/>.</param>
    /// <param name="credentials">Returns the signing credentials (called once per window at most, per key).</param>
    /// <param name="time">The clock the window is derived from.</param>
    /// <param name="logger">Where signing failures are reported.</param>
    /// <param name="manifest">Optional key → hashed key map.</param>
    public PresignedS3PromptAudioUrls(
        AudioOptions options, Func<S3SigningCredentials> credentials, TimeProvider time, ILogger logger, AudioManifest? manifest = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Bucket);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.PresignWindow <= TimeSpan.Zero || options.PresignWindow * 2 > SigV4QueryPresigner.MaxExpiry)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PresignWindow, "Audio:PresignWindow must be positive and at most 3.5 days.");
        }

        _bucket = options.Bucket;
        _prefix = AudioKey.NormalizePrefix(options.Prefix);
        _region = options.Region;
        _serviceUrl = options.ServiceUrl;
        _windowTicks = options.PresignWindow.Ticks;
        _credentials = credentials;
        _time = time;
        _logger = logger;
        _manifest = manifest ?? AudioManifest.Empty;
    }

    /// <summary>The start of the window that contains <paramref name="now"/> (a multiple of the window since the Unix epoch).</summary>
    public DateTimeOffset WindowStart(DateTimeOffset now)
    {
        var sinceEpoch = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return DateTimeOffset.UnixEpoch.AddTicks(sinceEpoch - (sinceEpoch % _windowTicks));
    }

    /// <inheritdoc />
    public Uri GetUrl(string audioKey, Uri publicBaseUri)
    {
        AudioKey.EnsureValid(audioKey, nameof(audioKey));
        var windowStart = WindowStart(_time.GetUtcNow());
        var cache = _cache;
        if (cache.WindowStartTicks != windowStart.UtcTicks)
        {
            // A new window makes every cached URL stale; dropping the whole map also bounds memory to one window.
            cache = new WindowCache(windowStart.UtcTicks);
            _cache = cache;
        }

        if (cache.Urls.TryGetValue(audioKey, out var cached))
        {
            _statistics.Hit();
            return cached;
        }

        _statistics.Miss();
        // Two racing requests sign the same bytes (same key, same signing time), so either result may win.
        return TrySign(audioKey, windowStart, out var url) ? cache.Urls.GetOrAdd(audioKey, url) : url;
    }

    private bool TrySign(string audioKey, DateTimeOffset windowStart, out Uri url)
    {
        var address = S3ObjectAddress.For(_bucket, _region, _serviceUrl, _prefix + _manifest.Resolve(audioKey));
        S3SigningCredentials credentials;
        try
        {
            credentials = _credentials();
        }
#pragma warning disable CA1031 // The request path must not fail: an unsigned URL fails at Twilio's fetch, a throw would fail the whole call.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogCredentialsFailed(_logger, ex, audioKey);
            url = address.ToUri();
            return false;
        }

        url = SigV4QueryPresigner.PresignGet(address, _region, credentials, windowStart, TimeSpan.FromTicks(_windowTicks * 2));
        return true;
    }

    [LoggerMessage(EventId = 3101, Level = LogLevel.Error,
        Message = "No AWS credentials to presign prompt {AudioKey}; handing out the unsigned object URL, which only works for a public bucket")]
    private static partial void LogCredentialsFailed(ILogger logger, Exception exception, string audioKey);

    private sealed class WindowCache(long windowStartTicks)
    {
        public long WindowStartTicks { get; } = windowStartTicks;

        public ConcurrentDictionary<string, Uri> Urls { get; } = new(StringComparer.Ordinal);
    }
}
