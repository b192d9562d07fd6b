using System.ComponentModel.DataAnnotations;

namespace IvrService.Audio;

/// <summary>How prompt audio is addressed: an S3 bucket (public or presigned URLs) or files served by the app itself.</summary>
public sealed class AudioOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Audio";

    /// <summary>The region Twilio's media fetchers live next to.</summary>
    public const string RecommendedRegion = "us-east-1";

    /// <summary>S3 bucket holding the prompts. Empty: the app serves <see cref="LocalPath"/> itself.</summary>
    public string? Bucket { get; set; }

    /// <summary>Key prefix inside the bucket (e.g. <c>prompts/</c>); a trailing slash is added when missing.</summary>
    public string? Prefix { get; set; }

    /// <summary>The bucket's region; anything but us-east-1 is logged as a warning at start-up.</summary>
    public string Region { get; set; } = RecommendedRegion;

    /// <summary>Public object URLs, or presigned URLs that stay identical within <see cref="PresignWindow"/>.</summary>
    public AudioUrlMode UrlMode { get; set; } = AudioUrlMode.Public;

    /// <summary>Presigned URLs are identical for every request inside one window and stay valid for two windows.</summary>
    public TimeSpan PresignWindow { get; set; } = TimeSpan.FromHours(6);

    /// <summary>An S3-compatible endpoint (MinIO, s3rver); URLs are then path-style <c>{ServiceUrl}/{bucket}/{key}</c>.</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>Folder served under <c>/audio/</c> in local mode; relative paths resolve against the content root.</summary>
    public string LocalPath { get; set; } = Path.Combine("content", "audio");

    /// <summary>Cache-Control sent with locally served prompts and stored on uploaded objects.</summary>
    [Required(AllowEmptyStrings = false)]
    public string CacheControl { get; set; } = "public, max-age=86400";

    /// <summary>Start-up check of the bucket; null means <see cref="PreflightMode.Warn"/> when a bucket is set.</summary>
    public PreflightMode? PreflightOnStart { get; set; }

    /// <summary>How long the start-up preflight may take before it gives up (it never blocks requests).</summary>
    public TimeSpan PreflightTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Optional JSON manifest (written by <c>ivr audio sync --hashed-keys</c>) mapping keys to content-hashed keys.</summary>
    public string? ManifestPath { get; set; }

    /// <summary>True when prompts come from S3 rather than the local folder.</summary>
    public bool UsesS3 => !string.IsNullOrWhiteSpace(Bucket);

    /// <summary>The effective preflight mode: Off without a bucket, Warn by default with one.</summary>
    public PreflightMode EffectivePreflight => UsesS3 ? PreflightOnStart ?? PreflightMode.Warn : PreflightMode.Off;
}

/// <summary>How S3 prompt URLs are built.</summary>
public enum AudioUrlMode
{
    /// <summary>Plain object URLs; the objects (or the bucket policy) must allow public reads.</summary>
    Public,

    /// <summary>SigV4 presigned URLs, stable within <see cref="AudioOptions.PresignWindow"/>.</summary>
    Presigned,
}

/// <summary>What the start-up preflight does with the problems it finds.</summary>
public enum PreflightMode
{
    /// <summary>No start-up check.</summary>
    Off,

    /// <summary>Check in the background and log every problem as a warning.</summary>
    Warn,

    /// <summary>Check before the app starts; any problem stops start-up.</summary>
    Fail,
}
