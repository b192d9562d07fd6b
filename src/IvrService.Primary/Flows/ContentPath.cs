namespace IvrService.Primary.Flows;

/// <summary>
/// Resolves a relative content path the same way under <c>dotnet run</c> (content root = project folder), in tests
/// and in the container (content root = app folder): first the content root, then the folder of the binaries.
/// </summary>
internal static class ContentPath
{
    public static string Resolve(string path, string contentRoot)
    {
        if (System.IO.Path.IsPathRooted(path))
        {
            return path;
        }

        var underRoot = System.IO.Path.GetFullPath(System.IO.Path.Combine(contentRoot, path));
        if (File.Exists(underRoot) || Directory.Exists(underRoot))
        {
            return underRoot;
        }

        var besideBinaries = System.IO.Path.GetFullPath(System.IO.Path.Combine(AppContext.BaseDirectory, path));
        return File.Exists(besideBinaries) || Directory.Exists(besideBinaries) ? besideBinaries : underRoot;
    }
}
