using IvrService.Flow;
using IvrService.Twilio.TwiML;

namespace IvrService.Voice.Rendering;

/// <summary>
/// How an app voices a recorded prompt: the primary plays its audio URL (S3 or its own <c>/audio/</c>), the fallback
/// plays its bundled copy or speaks the prompt's text. The seam keeps <see cref="VoiceTwimlRenderer"/> free of any
/// audio backend.
/// </summary>
public interface IPromptVerbs
{
    /// <summary>The verb for <paramref name="step"/>: a <see cref="Play"/> or a <see cref="Say"/> (both may sit inside a Gather).</summary>
    /// <param name="step">The prompt the engine asked for.</param>
    /// <param name="publicBase">The app's public base URL, for audio it serves itself.</param>
    IGatherChild Prompt(PlayPromptStep step, Uri publicBase);
}
