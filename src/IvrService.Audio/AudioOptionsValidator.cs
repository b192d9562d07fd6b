using Microsoft.Extensions.Options;

namespace IvrService.Audio;

/// <summary>Checks <see cref="AudioOptions"/> at start-up; every message names the setting it is about.</summary>
public sealed class AudioOptionsValidator : IValidateOptions<AudioOptions>
{
    /// <summary>A presigned URL may live at most 7 days (SigV4), and it lives two windows.</summary>
    public static readonly TimeSpan MaxPresignWindow = TimeSpan.FromDays(3.5);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AudioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var section = AudioOptions.SectionName;

        if (options.UsesS3)
        {
            if (!S3BucketName.IsValid(options.Bucket!, out var why))
            {
                failures.Add($"{section}:Bucket '{options.Bucket}' is not a valid S3 bucket name: {why}.");
            }

            if (string.IsNullOrWhiteSpace(options.Region))
            {
                failures.Add($"{section}:Region must be set when {section}:Bucket is set (normally {AudioOptions.RecommendedRegion}).");
            }

            if (options.UrlMode == AudioUrlMode.Presigned
                && (options.PresignWindow < TimeSpan.FromMinutes(1) || options.PresignWindow > MaxPresignWindow))
            {
                failures.Add($"{section}:PresignWindow must be between 00:01:00 and {MaxPresignWindow} (URLs stay valid for two windows, SigV4 allows 7 days); it is {options.PresignWindow}.");
            }

            if (options.PreflightTimeout <= TimeSpan.Zero)
            {
                failures.Add($"{section}:PreflightTimeout must be positive; it is {options.PreflightTimeout}.");
            }
        }

        if (options.ServiceUrl is { } serviceUrl
            && (!serviceUrl.IsAbsoluteUri || (serviceUrl.Scheme != Uri.UriSchemeHttp && serviceUrl.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{section}:ServiceUrl must be an absolute http or https URL; it is '{serviceUrl}'.");
        }

        if (!Enum.IsDefined(options.UrlMode))
        {
            failures.Add($"{section}:UrlMode must be Public or Presigned.");
        }

        if (string.IsNullOrWhiteSpace(options.CacheControl))
        {
            failures.Add($"{section}:CacheControl must not be empty (Twilio caches prompts by their cache headers).");
        }

        if (!string.IsNullOrEmpty(options.Prefix) && !AudioKey.IsValidPrefix(options.Prefix))
        {
            failures.Add($"{section}:Prefix '{options.Prefix}' must be relative segments separated by '/', without '..' or '\\'.");
        }

        if (!options.UsesS3 && string.IsNullOrWhiteSpace(options.LocalPath))
        {
            failures.Add($"{section}:LocalPath must be set when {section}:Bucket is empty (the app serves prompts from it).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
