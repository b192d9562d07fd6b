using System.Text;
using IvrService.Audio;
using IvrService.Flow;
using IvrService.Twilio;
using IvrService.Twilio.TwiML;

namespace IvrService.Primary.Rendering;

/// <summary>
/// Turns the engine's steps into TwiML at the edge. Every action URL carries the caller's <see cref="CallState"/>
/// (Twilio signs it, no session store); every prompt becomes a <c>&lt;Play&gt;</c> of its audio URL.
/// </summary>
public sealed class VoiceTwimlRenderer(IPromptAudioUrls audio)
{
    /// <summary>Path of the one callback route every Gather, Dial, Record and Redirect posts to.</summary>
    public const string ContinuePath = "/voice/continue";

    /// <summary>Renders <paramref name="turn"/> for a request whose public base URL is <paramref name="publicBase"/>.</summary>
    public VoiceResponse Render(IvrTurn turn, Uri publicBase)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(publicBase);

        var response = new VoiceResponse();
        foreach (var step in turn.Steps)
        {
            switch (step)
            {
                case PlayPromptStep or SayStep or PauseStep:
                    response.Append((IVoiceVerb)Prompt(step, publicBase));
                    break;
                case GatherStep gather:
                    response.Append(Gather(gather, publicBase));
                    break;
                case DialStep dial:
                    response.Append(Dial(dial, publicBase));
                    break;
                case RecordStep record:
                    response.Append(new Record
                    {
                        Action = ActionUrl(record.Next, publicBase),
                        Method = TwilioHttpMethod.Post,
                        MaxLength = record.MaxLengthSeconds,
                        PlayBeep = record.PlayBeep,
                        Transcribe = record.Transcribe ? true : null,
                        TranscribeCallback = record.Transcribe ? record.TranscribeCallback : null,
                    });
                    break;
                case RedirectStep redirect:
                    response.Redirect(ActionUrl(redirect.Next, publicBase), TwilioHttpMethod.Post);
                    break;
                case HangupStep:
                    response.Hangup();
                    break;
                default:
                    throw new InvalidOperationException($"No TwiML rendering for step {step.GetType().Name}.");
            }
        }

        return response;
    }

    /// <summary>The absolute callback URL that resumes the call at <paramref name="state"/>.</summary>
    public static string ActionUrl(CallState state, Uri publicBase)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(publicBase);
        var url = new StringBuilder(publicBase.AbsoluteUri.TrimEnd('/')).Append(ContinuePath);
        var separator = '?';
        foreach (var (key, value) in state.ToQuery())
        {
            url.Append(separator).Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return url.ToString();
    }

    private IGatherChild Prompt(IvrStep step, Uri publicBase) => step switch
    {
        PlayPromptStep play => new Play(audio.GetUrl(play.AudioKey, publicBase).AbsoluteUri),
        SayStep say => new Say(say.Text) { Language = say.Locale },
        PauseStep pause => new Pause { Length = pause.Seconds },
        _ => throw new InvalidOperationException($"{step.GetType().Name} cannot be spoken inside a Gather."),
    };

    private Gather Gather(GatherStep step, Uri publicBase)
    {
        var gather = new Gather
        {
            Action = ActionUrl(step.Next, publicBase),
            Method = TwilioHttpMethod.Post,
            Timeout = step.TimeoutSeconds,
            NumDigits = step.NumDigits,
            Input = step.Input == GatherInputMode.DtmfAndSpeech ? GatherInput.Dtmf | GatherInput.Speech : GatherInput.Dtmf,
            Language = step.Input == GatherInputMode.DtmfAndSpeech ? step.Language : null,
            Hints = step.Hints.Count > 0 ? string.Join(", ", step.Hints) : null,
        };
        foreach (var prompt in step.Prompts)
        {
            gather.Append(Prompt(prompt, publicBase));
        }

        return gather;
    }

    private static Dial Dial(DialStep step, Uri publicBase)
    {
        var dial = new Dial
        {
            Action = ActionUrl(step.Next, publicBase),
            Method = TwilioHttpMethod.Post,
            Timeout = step.TimeoutSeconds,
            CallerId = step.CallerId,
        };
        dial.Append(step.Kind == DialTargetKind.Sip ? new Sip(step.Target) : new Number(step.Target));
        return dial;
    }
}
