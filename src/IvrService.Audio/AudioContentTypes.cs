using System.Diagnostics.CodeAnalysis;

namespace IvrService.Audio;

/// <summary>The audio formats Twilio's <c>&lt;Play&gt;</c> accepts, by file extension and by Content-Type.</summary>
public static class AudioContentTypes
{
    // Twilio trusts the response Content-Type (a wrong one fails the call with 12300/13420), so each extension maps
    // to a type from Twilio's <Play> MIME list.
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".wav"] = "audio/wav",
        [".wave"] = "audio/wav",
        [".mp3"] = "audio/mpeg",
        [".ulaw"] = "audio/ulaw",
        [".ul"] = "audio/ulaw",
        [".aiff"] = "audio/aiff",
        [".aif"] = "audio/aiff",
        [".aifc"] = "audio/x-aifc",
        [".gsm"] = "audio/gsm",
    };

    private static readonly HashSet<string> Playable = new(StringComparer.OrdinalIgnoreCase)
    {
        "audio/mpeg", "audio/wav", "audio/wave", "audio/x-wav", "audio/aiff", "audio/x-aifc", "audio/x-aiff",
        "audio/x-gsm", "audio/gsm", "audio/ulaw",
    };

    /// <summary>Every audio file extension (with its dot) that sync uploads and local mode serves.</summary>
    public static IReadOnlyCollection<string> Extensions => ByExtension.Keys;

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
