namespace IvrService.Testing;

/// <summary>What the fixtures of real local servers (Redis, Prometheus) share: finding their command, and the CI rule.</summary>
public static class LocalTools
{
    /// <summary>Whether the environment variable <c>CI</c> is <c>true</c>: there a missing tool fails, never skips.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Where <paramref name="command"/> is on PATH, or null.</summary>
    public static string? FindOnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, command))
            .FirstOrDefault(File.Exists);

    /// <summary>The skip reason for a test needing <paramref name="command"/>: null when installed or under CI (where it fails instead).</summary>
    public static string? SkipUnlessInstalled(string command, string installHint) =>
        FindOnPath(command) is not null || IsCi
            ? null
            : $"'{command}' is not installed ({installHint}; ./test.sh installs it). With CI=true this fails instead.";
}
