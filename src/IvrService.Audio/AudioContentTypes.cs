using System.Diagnostics.CodeAnalysis;
using IvrService.Voice.Audio;

namespace IvrService.Audio;

/// <summary>The audio formats Twilio's <c>&lt;Play&gt;</c> accepts, by file extension and by Content-Type.</summary>
public static class AudioContentTypes
{
    // The map lives in Hosting so the fallback serves the same types without depending on this (AWS) library.
    private static readonly IReadOnlyDictionary<string, string> ByExtension = PromptAudioContentTypes.Map;
    private static readonly string[] ExtensionList = [.. ByExtension.Keys];

    private static readonly HashSet<string> Playable = new(StringComparer.OrdinalIgnoreCase)
    {
        "audio/mpeg", "audio/wav", "audio/wave", "audio/x-wav", "audio/aiff", "audio/x-aifc", "audio/x-aiff",
        "audio/x-gsm", "audio/gsm", "audio/ulaw",
    };

    /// <summary>Every audio file extension (with its dot) that sync uploads and local mode serves.</summary>
    public static IReadOnlyCollection<string> Extensions => ExtensionList;

    /// <summary>The extension-to-Content-Type map used for uploads and local serving.</summary>
    public static IReadOnlyDictionary<string, string> Map => ByExtension;

    /// <summary>The Content-Type for a file name or key, if it is an audio file Twilio plays.</summary>
    public static bool TryGetContentType(string fileNameOrKey, [NotNullWhen(true)] out string? contentType)
        => ByExtension.TryGetValue(Path.GetExtension(fileNameOrKey), out contentType);

    /// <summary>True when Twilio plays a response with this Content-Type (parameters such as <c>; charset</c> are ignored).</summary>
    public static bool IsPlayable(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return false;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var mediaType = (semicolon >= 0 ? contentType[..semicolon] : contentType).Trim();
        return Playable.Contains(mediaType);
    }
}
