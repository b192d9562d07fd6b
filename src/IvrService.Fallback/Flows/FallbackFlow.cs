using IvrService.Flow;
using IvrService.Hosting;
using Microsoft.Extensions.Options;

namespace IvrService.Fallback.Flows;

/// <summary>
/// The flow as far as the fallback could load it. Unlike the primary, the fallback never refuses to start over
/// content: a missing, unreadable or invalid flow file leaves <see cref="Engine"/> null (calls get the static
/// apology) and <see cref="Problem"/> says why, for the start-up log.
/// </summary>
public sealed class FallbackFlow
{
    private readonly HashSet<string> _bundledAudio = new(StringComparer.Ordinal);

    /// <summary>Loads the flow named by <c>Fallback:FlowPath</c> and indexes the bundled recordings. Never throws on content.</summary>
    public FallbackFlow(IOptions<FallbackOptions> options, IHostEnvironment environment, FlowClock time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var settings = options.Value;
        AudioFolder = ContentPath.Resolve(settings.AudioPath, environment.ContentRootPath);
        if (string.IsNullOrWhiteSpace(settings.FlowPath))
        {
            Problem = "Fallback:FlowPath is empty: callers cannot be resumed, every call gets the static apology.";
            return;
        }

        Path = ContentPath.Resolve(settings.FlowPath, environment.ContentRootPath);
        FlowLoadResult result;
        try
        {
            result = FlowLoader.Load(Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            Problem = $"the flow file '{Path}' could not be read ({ex.GetType().Name}: {ex.Message})";
            return;
        }

        Warnings = result.Problems.Where(p => p.Severity != FlowProblemSeverity.Error).Select(p => p.ToString()).ToList();
        if (!result.IsValid)
        {
            var errors = result.Problems.Where(p => p.Severity == FlowProblemSeverity.Error).Select(p => p.ToString()).ToList();
            Problem = $"the flow file '{Path}' has {errors.Count} error(s): {string.Join("; ", errors.Take(10))}";
            return;
        }

        var flow = result.Flow!;
        // No agent session here: the fallback depends on nothing the primary does, so an agent node leads back to the nearest menu.
        Engine = new FlowEngine(flow, time, agents: false);
        Sms = new SmsResponder(flow);
        foreach (var prompt in flow.EnumeratePromptAudio())
        {
            if (IsInside(AudioFolder, prompt.AudioKey, out var file) && File.Exists(file))
            {
                _bundledAudio.Add(prompt.AudioKey);
            }
        }
    }

    /// <summary>The resolved flow path, or null when none is configured.</summary>
    public string? Path { get; }

    /// <summary>The engine over the flow, or null when the flow is unavailable.</summary>
    public FlowEngine? Engine { get; }

    /// <summary>The SMS replies of the flow, or null when the flow is unavailable.</summary>
    public SmsResponder? Sms { get; }

    /// <summary>Why the flow is unavailable, or null when it loaded.</summary>
    public string? Problem { get; }

    /// <summary>Validator warnings of a flow that loaded.</summary>
    public IReadOnlyList<string> Warnings { get; } = [];

    /// <summary>The folder served under <c>/fallback/audio/</c>.</summary>
    public string AudioFolder { get; }

    /// <summary>How many of the flow's recordings are bundled with the fallback.</summary>
    public int BundledAudioCount => _bundledAudio.Count;

    /// <summary>True when the recording <paramref name="audioKey"/> (e.g. <c>en-US/welcome.wav</c>) ships with the fallback.</summary>
    public bool IsBundled(string audioKey) => _bundledAudio.Contains(audioKey);

    private static bool IsInside(string folder, string key, out string file)
    {
        file = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, key));
        var root = System.IO.Path.GetFullPath(folder).TrimEnd(System.IO.Path.DirectorySeparatorChar) + System.IO.Path.DirectorySeparatorChar;
        return file.StartsWith(root, StringComparison.Ordinal);
    }
}
