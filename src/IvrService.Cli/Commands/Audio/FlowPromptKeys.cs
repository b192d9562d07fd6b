using IvrService.Flow;

namespace IvrService.Cli.Commands.Audio;

/// <summary>The audio keys a flow file plays, every locale included (the flow engine's own enumeration).</summary>
internal static class FlowPromptKeys
{
    /// <summary>The keys, or null with <paramref name="error"/> when the flow cannot be read at all.</summary>
    public static IReadOnlyList<string>? Read(string path, out string error)
    {
        var loaded = FlowLoader.Load(path);
        if (loaded.Flow is null)
        {
            error = $"cannot read flow '{path}': " + string.Join("; ", loaded.Problems.Select(p => p.ToString()));
            return null;
        }

        // A flow with validation errors can still name its prompts; `ivr flow validate` is the place for the rest.
        error = "";
        return loaded.Flow.EnumeratePromptAudio().Select(p => p.AudioKey).ToList();
    }
}
