using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace IvrService.Audio.S3;

/// <summary>Builds the S3 client sync, check and the preflight use, for AWS or an S3-compatible endpoint.</summary>
public static class AudioS3Client
{
    /// <summary>
    /// A client for <paramref name="region"/> (or <paramref name="serviceUrl"/>, path style). Credentials come from
    /// <paramref name="credentials"/> or the SDK's default chain (AWS_* environment variables, profiles, roles).
    /// </summary>
    public static IAmazonS3 Create(string region, Uri? serviceUrl, AWSCredentials? credentials = null, TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(region);
        var config = new AmazonS3Config
        {
            // Checksums only where S3 demands them: S3-compatible servers (s3rver, older MinIO) reject or mis-store
            // the trailing checksums SDK v4 adds by default.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (timeout is { } t)
        {
            config.Timeout = t;
            config.MaxErrorRetry = 1;
        }

        if (serviceUrl is not null)
        {
            config.ServiceURL = serviceUrl.AbsoluteUri;
            config.ForcePathStyle = true;
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
    }

    /// <summary>The region from the SDK's chain (AWS_REGION, AWS_DEFAULT_REGION, profile), else us-east-1.</summary>
    public static string DefaultRegion()
    {
        try
        {
            return FallbackRegionFactory.GetRegionEndpoint()?.SystemName ?? AudioOptions.RecommendedRegion;
        }
#pragma warning disable CA1031 // A broken profile file must not stop the tool; us-east-1 is the documented default.
        catch (Exception)
#pragma warning restore CA1031
        {
            return AudioOptions.RecommendedRegion;
        }
    }

    /// <summary>Signing credentials from an SDK credentials object (refreshed by the SDK when they are temporary).</summary>
    public static S3SigningCredentials ToSigningCredentials(AWSCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var immutable = credentials.GetCredentials();
        return new S3SigningCredentials(immutable.AccessKey, immutable.SecretKey, string.IsNullOrEmpty(immutable.Token) ? null : immutable.Token);
    }
}
