namespace IvrService.Audio.Local;

/// <summary>Finds the folder local mode serves.</summary>
public static class LocalPromptAudioFolder
{
    /// <summary>
    /// <see cref="AudioOptions.LocalPath"/> made absolute: a relative path is looked up under
    /// <paramref name="contentRoot"/>, then next to the binaries (where the build copies <c>content/</c>), so
    /// <c>dotnet run</c> (content root = project folder) and a published app find the same prompts.
    /// </summary>
    public static string Resolve(AudioOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(contentRoot);
        if (Path.IsPathRooted(options.LocalPath))
        {
            return options.LocalPath;
        }

        var underRoot = Path.GetFullPath(Path.Combine(contentRoot, options.LocalPath));
        var besideBinaries = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, options.LocalPath));
        return Directory.Exists(underRoot) || !Directory.Exists(besideBinaries) ? underRoot : besideBinaries;
    }
}
