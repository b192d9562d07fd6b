namespace IvrService.Hosting;

/// <summary>
/// Resolves a relative content path the same way under <c>dotnet run</c> (content root = project folder), in tests
/// and in the container (content root = app folder): first the content root, then the folder of the binaries.
/// </summary>
public static class ContentPath
{
    /// <summary>
    /// <paramref name="path"/> made absolute: rooted paths as they are; relative ones under
    /// <paramref name="contentRoot"/> when that exists, else next to the binaries when that exists, else under the content root.
    /// </summary>
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
