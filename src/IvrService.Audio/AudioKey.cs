using System.Text;

namespace IvrService.Audio;

/// <summary>
/// Prompt audio keys: paths relative to the audio folder with '/' separators, e.g. <c>en-US/welcome.wav</c>.
/// The same string is the S3 key (after the prefix) and the local path under <c>/audio/</c>.
/// </summary>
public static class AudioKey
{
    /// <summary>True when <paramref name="key"/> is a usable relative key: no empty, '.' or '..' segments, no '\', no control characters.</summary>
    public static bool IsValid(string? key) => TryValidate(key, out _);

    /// <summary>Like <see cref="IsValid"/>, with the reason when it is not.</summary>
    public static bool TryValidate(string? key, out string reason)
    {
        if (string.IsNullOrEmpty(key))
        {
            reason = "the key is empty";
            return false;
        }

        if (key.Length > 1024)
        {
            reason = "the key is longer than S3's 1024 characters";
            return false;
        }

        if (key.Contains('\\', StringComparison.Ordinal))
        {
            reason = "the key contains '\\'; use '/' between folders";
            return false;
        }

        foreach (var c in key)
        {
            if (char.IsControl(c))
            {
                reason = "the key contains a control character";
                return false;
            }
        }

        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0)
            {
                reason = "the key has an empty segment (leading, trailing or doubled '/')";
                return false;
            }

            if (segment is "." or "..")
            {
                reason = "the key contains a '.' or '..' segment";
                return false;
            }
        }

        reason = "";
        return true;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the problem when the key is unusable.</summary>
    public static void EnsureValid(string? key, string paramName)
    {
        if (!TryValidate(key, out var reason))
        {
            throw new ArgumentException($"Invalid audio key '{key}': {reason}.", paramName);
        }
    }

    /// <summary>Escapes every segment (RFC 3986 unreserved characters stay as they are) and keeps the '/' separators.</summary>
    public static string EscapePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var builder = new StringBuilder(path.Length + 16);
        var first = true;
        foreach (var segment in path.Split('/'))
        {
            if (!first)
            {
                builder.Append('/');
            }

            builder.Append(Uri.EscapeDataString(segment));
            first = false;
        }

        return builder.ToString();
    }

    /// <summary>Normalises a prefix to "" or "a/b/" (no leading slash, one trailing slash).</summary>
    public static string NormalizePrefix(string? prefix)
    {
        var trimmed = (prefix ?? "").Trim().Trim('/');
        return trimmed.Length == 0 ? "" : trimmed + "/";
    }

    /// <summary>True for "" or relative segments without '..', '.', '\' or control characters.</summary>
    public static bool IsValidPrefix(string? prefix)
    {
        var normalized = NormalizePrefix(prefix);
        return normalized.Length == 0 || IsValid(normalized.TrimEnd('/'));
    }

    /// <summary>The key for a file under <paramref name="root"/>: its relative path with '/' separators.</summary>
    public static string FromRelativePath(string root, string file)
        => Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
}
