namespace IvrService.Audio.Local;

/// <summary>Finds the folder local mode serves.</summary>
public static class LocalPromptAudioFolder
{
    /// <summary><see cref="AudioOptions.LocalPath"/> made absolute against <paramref name="contentRoot"/> when it is relative.</summary>
    public static string Resolve(AudioOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(contentRoot);
        return Path.GetFullPath(Path.Combine(contentRoot, options.LocalPath));
    }
}
