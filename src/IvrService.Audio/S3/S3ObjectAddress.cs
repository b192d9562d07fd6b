namespace IvrService.Audio.S3;

/// <summary>Where an object lives: scheme, host and escaped path, for plain and presigned URLs alike.</summary>
/// <param name="Scheme">http or https.</param>
/// <param name="Host">Host, with the port when it is not the scheme's default (it is signed as the Host header).</param>
/// <param name="EscapedPath">The absolute path, each segment escaped exactly once.</param>
public readonly record struct S3ObjectAddress(string Scheme, string Host, string EscapedPath)
{
    /// <summary>The object's URL without any query.</summary>
    public Uri ToUri() => new($"{Scheme}://{Host}{EscapedPath}");

    /// <summary>
    /// The address of <paramref name="fullKey"/> (prefix included). AWS: virtual-hosted style
    /// <c>https://{bucket}.s3.{region}.amazonaws.com/{key}</c>, or path style when the bucket name has dots (the
    /// wildcard certificate would not match). A <paramref name="serviceUrl"/> (MinIO, s3rver): always path style.
    /// </summary>
    public static S3ObjectAddress For(string bucket, string region, Uri? serviceUrl, string fullKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        ArgumentException.ThrowIfNullOrEmpty(region);
        var escapedKey = AudioKey.EscapePath(fullKey);
        if (serviceUrl is not null)
        {
            var basePath = serviceUrl.AbsolutePath.TrimEnd('/');
            var host = serviceUrl.IsDefaultPort ? serviceUrl.Host : $"{serviceUrl.Host}:{serviceUrl.Port}";
            return new(serviceUrl.Scheme, host, $"{basePath}/{Uri.EscapeDataString(bucket)}/{escapedKey}");
        }

        var regionHost = $"s3.{region.ToLowerInvariant()}.amazonaws.com";
        return bucket.Contains('.', StringComparison.Ordinal)
            ? new("https", regionHost, $"/{bucket}/{escapedKey}")
            : new("https", $"{bucket}.{regionHost}", $"/{escapedKey}");
    }
}
