using IvrService.Audio;
using IvrService.Flow;
using IvrService.Twilio.TwiML;
using IvrService.Voice.Rendering;

namespace IvrService.Primary.Rendering;

/// <summary>The primary voices every recorded prompt as a <c>&lt;Play&gt;</c> of its audio URL (S3 or its own <c>/audio/</c>).</summary>
internal sealed class AudioPromptVerbs(IPromptAudioUrls audio) : IPromptVerbs
{
    public IGatherChild Prompt(PlayPromptStep step, Uri publicBase) =>
        new Play(audio.GetUrl(step.AudioKey, publicBase).AbsoluteUri);
}
