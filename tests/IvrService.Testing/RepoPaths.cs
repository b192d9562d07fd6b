namespace IvrService.Testing;

/// <summary>Locates the repository from a test's output folder (the folder that holds IvrService.sln).</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary><c>content/</c>: the sample flow and its prompts.</summary>
    public static string Content => Path.Combine(Root, "content");

    /// <summary><c>tests/node</c>: the npm test tools (twilio oracle, s3rver) and the oracle scripts.</summary>
    public static string NodeTools => Path.Combine(Root, "tests", "node");

    /// <summary><c>content/flow.json</c>.</summary>
    public static string SampleFlow => Path.Combine(Content, "flow.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IvrService.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No IvrService.sln above {AppContext.BaseDirectory}.");
    }
}
