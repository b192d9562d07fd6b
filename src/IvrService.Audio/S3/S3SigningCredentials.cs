namespace IvrService.Audio.S3;

/// <summary>The key material a presigned URL is signed with.</summary>
/// <param name="AccessKeyId">The access key id (it appears in the URL).</param>
/// <param name="SecretAccessKey">The secret key (never appears anywhere).</param>
/// <param name="SessionToken">For temporary credentials; the URL dies when they expire.</param>
public sealed record S3SigningCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    /// <summary>Keeps the secret out of logs and exception messages.</summary>
    public override string ToString() => $"S3SigningCredentials {{ AccessKeyId = {AccessKeyId} }}";
}
