using IvrService.Fallback.Flows;
using IvrService.Flow;
using IvrService.Twilio.TwiML;
using IvrService.Voice.Rendering;

namespace IvrService.Fallback.Voice;

/// <summary>
/// How the fallback voices a recorded prompt: its own bundled copy (served under <c>/fallback/audio/</c>, never S3)
/// when it has one and media is trusted, otherwise <c>&lt;Say&gt;</c> of the prompt's text. After a media problem
/// (13xxx) <paramref name="sayOnly"/> keeps every prompt spoken for the rest of the call.
/// </summary>
internal sealed class FallbackPromptVerbs(FallbackFlow flow, bool sayOnly, string? voice) : IPromptVerbs
{
    public const string AudioRequestPath = "/fallback/audio";

    public IGatherChild Prompt(PlayPromptStep step, Uri publicBase)
    {
        if (!sayOnly && flow.IsBundled(step.AudioKey))
        {
            return new Play(AudioUrl(step.AudioKey, publicBase));
        }

        // An empty <Say> is itself an error (13520): a recording without text becomes a short pause.
        return string.IsNullOrWhiteSpace(step.Text)
            ? new Pause { Length = 1 }
            : new Say(step.Text) { Language = step.Locale, Voice = voice };
    }

    public static string AudioUrl(string audioKey, Uri publicBase)
    {
        var escaped = string.Join('/', audioKey.Split('/').Select(Uri.EscapeDataString));
        return $"{publicBase.AbsoluteUri.TrimEnd('/')}{AudioRequestPath}/{escaped}";
    }
}
