namespace IvrService.Audio;

/// <summary>S3's general-purpose bucket naming rules, so a typo fails at start-up instead of at Twilio's fetch.</summary>
internal static class S3BucketName
{
    public static bool IsValid(string name, out string reason)
    {
        if (name.Length is < 3 or > 63)
        {
            reason = "it must be 3 to 63 characters long";
            return false;
        }

        foreach (var c in name)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-'))
            {
                reason = "it may contain only lowercase letters, digits, '.' and '-'";
                return false;
            }
        }

        if (!char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1]))
        {
            reason = "it must begin and end with a letter or digit";
            return false;
        }

        if (name.Contains("..", StringComparison.Ordinal))
        {
            reason = "it must not contain two adjacent periods";
            return false;
        }

        reason = "";
        return true;
    }
}
