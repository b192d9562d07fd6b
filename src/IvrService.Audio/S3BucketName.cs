namespace IvrService.Audio;

/// <summary>
/// Bucket names that can be addressed at all, so a typo fails at start-up instead of at Twilio's fetch. Deliberately
/// lenient (legacy us-east-1 names, short test names like <c>x</c>); only DNS-style names get virtual-hosted URLs.
/// </summary>
internal static class S3BucketName
{
    public static bool IsValid(string name, out string reason)
    {
        if (name.Length is < 1 or > 255)
        {
            reason = "it must be 1 to 255 characters long";
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            {
                reason = "it may contain only letters, digits, '.', '-' and '_'";
                return false;
            }
        }

        reason = "";
        return true;
    }

    /// <summary>True when the name works as a host label under s3.{region}.amazonaws.com with the wildcard certificate.</summary>
    public static bool IsVirtualHostable(string name)
        => name.Length <= 63
            && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            && name[0] != '-' && name[^1] != '-';
}
