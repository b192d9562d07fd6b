namespace IvrService.EndToEnd.Tests.Deployment;

/// <summary>Files of the repository under test, found by walking up to the folder that holds IvrService.sln.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string RootPath => Root.Value;

    public static string PathOf(string relativePath) =>
        Path.Combine(RootPath, relativePath.Replace('/', Path.DirectorySeparatorChar));

    public static string Read(string relativePath)
    {
        var path = PathOf(relativePath);
        Assert.True(File.Exists(path), $"{relativePath} is missing from the repository ({path}).");
        return File.ReadAllText(path);
    }

    /// <summary>Project paths listed in the solution, with forward slashes (e.g. src/IvrService.Primary/IvrService.Primary.csproj).</summary>
    public static IReadOnlyList<string> SolutionProjects()
    {
        var projects = new List<string>();
        foreach (var line in Read("IvrService.sln").Split('\n'))
        {
            if (!line.StartsWith("Project(", StringComparison.Ordinal))
            {
                continue;
            }

            // Project("{type}") = "Name", "relative\path.csproj", "{guid}"; solution folders have no .csproj path.
            var parts = line.Split('"');
            var path = parts.FirstOrDefault(p => p.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase));
            if (path is not null)
            {
                projects.Add(path.Replace('\\', '/'));
            }
        }

        return projects;
    }

    /// <summary>A project and every project it references, transitively (paths relative to the root, forward slashes).</summary>
    public static IReadOnlySet<string> ProjectClosure(string projectPath)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(projectPath);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (!seen.Add(current))
            {
                continue;
            }

            var document = System.Xml.Linq.XDocument.Parse(Read(current));
            var folder = Path.GetDirectoryName(PathOf(current))!;
            foreach (var reference in document.Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")?.Value;
                if (include is null)
                {
                    continue;
                }

                var full = Path.GetFullPath(Path.Combine(folder, include.Replace('\\', Path.DirectorySeparatorChar)));
                pending.Push(Path.GetRelativePath(RootPath, full).Replace(Path.DirectorySeparatorChar, '/'));
            }
        }

        return seen;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IvrService.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No IvrService.sln above {AppContext.BaseDirectory}.");
    }
}
