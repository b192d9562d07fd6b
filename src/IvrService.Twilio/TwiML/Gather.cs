namespace IvrService.Twilio.TwiML;

/// <summary>
/// <c>&lt;Gather&gt;</c>: collect digits or speech while its prompts play. Holds only <see cref="Say"/>,
/// <see cref="Play"/> and <see cref="Pause"/>; with no input, Twilio continues with the next verb.
/// </summary>
public sealed class Gather : IVoiceVerb
{
    private readonly List<IGatherChild> _children = [];

    /// <summary>The prompts, in order.</summary>
    public IReadOnlyList<IGatherChild> Children => _children;

    /// <summary><c>action</c>: where Twilio posts Digits/SpeechResult.</summary>
    public string? Action { get; init; }

    /// <summary><c>method</c> for <see cref="Action"/>.</summary>
    public TwilioHttpMethod? Method { get; init; }

    /// <summary><c>timeout</c>: seconds to wait for input.</summary>
    public int? Timeout { get; init; }

    /// <summary><c>numDigits</c>.</summary>
    public int? NumDigits { get; init; }

    /// <summary><c>finishOnKey</c> (<c>""</c> disables it; null leaves Twilio's <c>#</c>).</summary>
    public string? FinishOnKey { get; init; }

    /// <summary><c>input</c>: <c>dtmf</c>, <c>speech</c> or <c>dtmf speech</c>.</summary>
    public GatherInput? Input { get; init; }

    /// <summary><c>language</c> for speech recognition.</summary>
    public string? Language { get; init; }

    /// <summary><c>hints</c>: comma-separated expected phrases.</summary>
    public string? Hints { get; init; }

    /// <summary><c>speechTimeout</c>: seconds, or <c>auto</c>.</summary>
    public string? SpeechTimeout { get; init; }

    /// <summary><c>maxSpeechTime</c> in seconds.</summary>
    public int? MaxSpeechTime { get; init; }

    /// <summary><c>profanityFilter</c>.</summary>
    public bool? ProfanityFilter { get; init; }

    /// <summary><c>partialResultCallback</c>.</summary>
    public string? PartialResultCallback { get; init; }

    /// <summary><c>partialResultCallbackMethod</c>.</summary>
    public TwilioHttpMethod? PartialResultCallbackMethod { get; init; }

    /// <summary><c>actionOnEmptyResult</c>: post to <see cref="Action"/> even without input.</summary>
    public bool? ActionOnEmptyResult { get; init; }

    /// <summary><c>speechModel</c>.</summary>
    public string? SpeechModel { get; init; }

    /// <summary><c>enhanced</c>.</summary>
    public bool? Enhanced { get; init; }

    /// <summary><c>bargeIn</c>: stop the prompts when input starts.</summary>
    public bool? BargeIn { get; init; }

    /// <summary><c>debug</c>.</summary>
    public bool? Debug { get; init; }

    /// <summary>Adds a prompt.</summary>
    public Gather Append(IGatherChild child)
    {
        ArgumentNullException.ThrowIfNull(child);
        _children.Add(child);
        return this;
    }

    /// <summary>Adds a <c>&lt;Say&gt;</c>.</summary>
    public Gather Say(string text, string? voice = null, string? language = null, int? loop = null) =>
        Append(new Say(text) { Voice = voice, Language = language, Loop = loop });

    /// <summary>Adds a <c>&lt;Play&gt;</c>.</summary>
    public Gather Play(string url, int? loop = null) => Append(new Play(url) { Loop = loop });

    /// <summary>Adds a <c>&lt;Pause&gt;</c>.</summary>
    public Gather Pause(int? length = null) => Append(new Pause { Length = length });

    void ITwiMLNode.WriteTo(TwiMLWriter writer)
    {
        writer.StartElement("Gather");
        writer.Attribute("action", Action);
        writer.Attribute("method", Method);
        writer.Attribute("timeout", Timeout);
        writer.Attribute("numDigits", NumDigits);
        writer.Attribute("finishOnKey", FinishOnKey);
        writer.Attribute("input", TwiMLEnumStrings.ToWire(Input));
        writer.Attribute("language", Language);
        writer.Attribute("hints", Hints);
        writer.Attribute("speechTimeout", SpeechTimeout);
        writer.Attribute("maxSpeechTime", MaxSpeechTime);
        writer.Attribute("profanityFilter", ProfanityFilter);
        writer.Attribute("partialResultCallback", PartialResultCallback);
        writer.Attribute("partialResultCallbackMethod", PartialResultCallbackMethod);
        writer.Attribute("actionOnEmptyResult", ActionOnEmptyResult);
        writer.Attribute("speechModel", SpeechModel);
        writer.Attribute("enhanced", Enhanced);
        writer.Attribute("bargeIn", BargeIn);
        writer.Attribute("debug", Debug);
        foreach (var child in _children)
        {
            child.WriteTo(writer);
        }

        writer.EndElement();
    }
}
