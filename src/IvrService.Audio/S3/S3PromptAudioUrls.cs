namespace IvrService.Audio.S3;

/// <summary>Public object URLs: <c>https://{bucket}.s3.{region}.amazonaws.com/{prefix}{key}</c>, or path style for an endpoint override.</summary>
public sealed class S3PromptAudioUrls : IPromptAudioUrls
{
    private readonly string _bucket;
    private readonly string _prefix;
    private readonly string _region;
    private readonly Uri? _serviceUrl;
    private readonly AudioManifest _manifest;

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
        AudioKey.EnsureValid(audioKey, nameof(audioKey));
        return S3ObjectAddress.For(_bucket, _region, _serviceUrl, _prefix + _manifest.Resolve(audioKey)).ToUri();
    }
}
