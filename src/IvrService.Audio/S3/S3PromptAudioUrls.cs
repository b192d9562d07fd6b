namespace IvrService.Audio.S3;

/// <summary>Public object URLs: <c>https://{bucket}.s3.{region}.amazonaws.com/{prefix}{key}</c>, or path style for an endpoint override.</summary>
public sealed class S3PromptAudioUrls : IPromptAudioUrls, IPromptUrlCacheOwner
{
    private readonly string _bucket;
    private readonly string _prefix;
    private readonly string _region;
    private readonly Uri? _serviceUrl;
    private readonly AudioManifest _manifest;
    private readonly PromptUrlCache<string> _urls = new();

    PromptUrlCacheStatistics IPromptUrlCacheOwner.CacheStatistics => _urls.Statistics;

    /// <summary>Creates the URL builder for <paramref name="options"/>' bucket.</summary>
    public S3PromptAudioUrls(AudioOptions options, AudioManifest? manifest = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Bucket);
        _bucket = options.Bucket;
        _prefix = AudioKey.NormalizePrefix(options.Prefix);
        _region = options.Region;
        _serviceUrl = options.ServiceUrl;
        _manifest = manifest ?? AudioManifest.Empty;
    }

    /// <inheritdoc />
    public Uri GetUrl(string audioKey, Uri publicBaseUri)
    {
        // The same key always has the same public URL: built once, not on every webhook.
        return _urls.GetOrAdd(audioKey, static (key, self) =>
        {
            AudioKey.EnsureValid(key, nameof(audioKey));
            return S3ObjectAddress.For(self._bucket, self._region, self._serviceUrl, self._prefix + self._manifest.Resolve(key)).ToUri();
        }, this);
    }
}
