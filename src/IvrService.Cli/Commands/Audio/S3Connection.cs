using System.CommandLine;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using IvrService.Audio.S3;

namespace IvrService.Cli.Commands.Audio;

/// <summary>Where the prompts' bucket is, as the <c>audio</c> subcommands were told.</summary>
/// <param name="Bucket">S3 bucket name.</param>
/// <param name="Prefix">Key prefix inside the bucket.</param>
/// <param name="EndpointUrl">An S3-compatible endpoint (MinIO, s3rver), or null for AWS.</param>
/// <param name="Region">The bucket's region, or null for the environment's (else us-east-1).</param>
internal sealed record S3Location(string Bucket, string? Prefix = null, string? EndpointUrl = null, string? Region = null);

/// <summary>The <see cref="S3Location"/> options, added to a subcommand and read back.</summary>
internal sealed class S3LocationOptionSet
{
    private readonly Option<string> _bucket = new("--bucket") { Description = "S3 bucket name.", Required = true };
    private readonly Option<string?> _prefix = new("--prefix") { Description = "Key prefix inside the bucket, e.g. prompts/." };
    private readonly Option<string?> _endpoint = new("--endpoint-url")
    {
        Description = "S3-compatible endpoint (MinIO, s3rver), like the AWS CLI's --endpoint-url; path-style addressing.",
    };

    private readonly Option<string?> _region = new("--region")
    {
        Description = "Bucket region; default: AWS_REGION / AWS_DEFAULT_REGION / profile, else us-east-1.",
    };

    public S3LocationOptionSet(Command command)
    {
        foreach (var option in (Option[])[_bucket, _prefix, _endpoint, _region])
        {
            command.Options.Add(option);
        }
    }

    public S3Location Read(ParseResult parse) =>
        new(parse.GetRequiredValue(_bucket), parse.GetValue(_prefix), parse.GetValue(_endpoint), parse.GetValue(_region));
}

/// <summary>An S3 endpoint with credentials from the AWS default chain, checked before anything is sent.</summary>
internal readonly record struct S3Connection(string Region, Uri? Endpoint, AWSCredentials Credentials)
{
    public Amazon.S3.IAmazonS3 CreateClient() => AudioS3Client.Create(Region, Endpoint, Credentials, TimeSpan.FromSeconds(30));

    /// <summary>Resolves the endpoint, region and credentials of <paramref name="location"/>, or says on <paramref name="error"/> why not.</summary>
    public static bool TryConnect(S3Location location, TextWriter error, out S3Connection connection)
    {
        connection = default;
        Uri? endpointUri = null;
        if (!string.IsNullOrWhiteSpace(location.EndpointUrl) && !CliText.IsHttpUrl(location.EndpointUrl, out endpointUri))
        {
            error.WriteLine($"error: --endpoint-url '{location.EndpointUrl}' is not an absolute http(s) URL.");
            return false;
        }

        AWSCredentials credentials;
        try
        {
            credentials = DefaultAWSCredentialsIdentityResolver.GetCredentials();
            credentials.GetCredentials();
        }
        catch (Exception ex) when (ex is AmazonClientException or AmazonServiceException or InvalidOperationException or IOException)
        {
            error.WriteLine("error: no AWS credentials found. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN), or AWS_PROFILE.");
            error.WriteLine($"       ({ex.Message})");
            return false;
        }

        connection = new S3Connection(string.IsNullOrWhiteSpace(location.Region) ? AudioS3Client.DefaultRegion() : location.Region, endpointUri, credentials);
        return true;
    }
}

/// <summary>Reports on the calling thread, in order (Progress&lt;T&gt; posts to the thread pool and can reorder lines).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
