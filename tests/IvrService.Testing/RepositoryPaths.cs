namespace IvrService.Testing;

/// <summary>Locates the repository from a test's output folder.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The folder holding <c>IvrService.sln</c>.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary><c>tests/node</c>: the npm test tools (twilio oracle, s3rver).</summary>
    public static string NodeTools => Path.Combine(RepositoryRoot, "tests", "node");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IvrService.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"IvrService.sln not found above {AppContext.BaseDirectory}.");
    }
}
