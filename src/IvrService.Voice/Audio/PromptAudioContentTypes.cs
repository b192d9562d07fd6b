namespace IvrService.Voice.Audio;

/// <summary>The audio file extensions an app serves for Twilio's <c>&lt;Play&gt;</c>, with the Content-Type of each.</summary>
public static class PromptAudioContentTypes
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

    /// <summary>Extension (with its dot, case-insensitive) → Content-Type.</summary>
    public static IReadOnlyDictionary<string, string> Map => ByExtension;
}
