using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using IvrService.Audio.S3;

namespace IvrService.Audio.Preflight;

/// <summary>
/// The AWS credentials the app signs and checks with: an <see cref="AWSCredentials"/> registered in DI (tests,
/// custom setups) or, resolved on first use, the SDK's default chain (AWS_* variables, profiles, container/instance roles).
/// </summary>
internal sealed class AudioCredentials(AWSCredentials? registered)
{
    private readonly Lazy<AWSCredentials> _credentials =
        new(() => registered ?? DefaultAWSCredentialsIdentityResolver.GetCredentials(), LazyThreadSafetyMode.PublicationOnly);

    public AWSCredentials Get() => _credentials.Value;

    public S3SigningCredentials GetSigning() => AudioS3Client.ToSigningCredentials(Get());
}
