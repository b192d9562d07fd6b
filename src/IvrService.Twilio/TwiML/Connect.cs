namespace IvrService.Twilio.TwiML;

/// <summary>A noun allowed inside <c>&lt;Connect&gt;</c>: <see cref="ConversationRelay"/>.</summary>
public interface IConnectNoun : ITwiMLNode;

/// <summary>A child of <c>&lt;ConversationRelay&gt;</c>: <see cref="RelayLanguage"/> or <see cref="RelayParameter"/>.</summary>
public interface IConversationRelayChild : ITwiMLNode;

/// <summary>
/// <c>&lt;Connect&gt;</c>: hands the call to a session (here ConversationRelay). When the session ends Twilio requests
/// <see cref="Action"/> (with <c>HandoffData</c>, <c>SessionStatus</c> and, on failure, <c>ErrorCode</c>); without an
/// action the call goes on with the next verb.
/// </summary>
public sealed class Connect : IVoiceVerb
{
    private readonly List<IConnectNoun> _nouns = [];

    /// <summary>The connected nouns, in order.</summary>
    public IReadOnlyList<IConnectNoun> Nouns => _nouns;

    /// <summary><c>action</c>: where Twilio posts when the session ends.</summary>
    public string? Action { get; init; }

    /// <summary><c>method</c> for <see cref="Action"/>.</summary>
    public TwilioHttpMethod? Method { get; init; }

    /// <summary>Adds a noun.</summary>
    public Connect Append(IConnectNoun noun)
    {
        ArgumentNullException.ThrowIfNull(noun);
        _nouns.Add(noun);
        return this;
    }

    void ITwiMLNode.WriteTo(TwiMLWriter writer)
    {
        writer.StartElement("Connect");
        writer.Attribute("action", Action);
        writer.Attribute("method", Method);
        foreach (var noun in _nouns)
        {
            noun.WriteTo(writer);
        }

        writer.EndElement();
    }
}

/// <summary>
/// <c>&lt;ConversationRelay&gt;</c> inside <c>&lt;Connect&gt;</c>: Twilio recognises the caller's speech and speaks the
/// app's text, talking to the app over a WebSocket at <see cref="Url"/> (<c>wss://</c>). The attributes an IVR sets;
/// Twilio's defaults apply to any left null.
/// </summary>
/// <param name="url">The WebSocket URL (<c>wss://…</c>).</param>
public sealed class ConversationRelay(string url) : IConnectNoun
{
    private readonly List<IConversationRelayChild> _children = [];

    /// <summary><c>url</c>.</summary>
    public string Url { get; } = url ?? string.Empty;

    /// <summary>The <c>&lt;Language&gt;</c> and <c>&lt;Parameter&gt;</c> children, in order.</summary>
    public IReadOnlyList<IConversationRelayChild> Children => _children;

    /// <summary><c>language</c>: for both speech recognition and text-to-speech, e.g. <c>en-US</c>.</summary>
    public string? Language { get; init; }

    /// <summary><c>ttsProvider</c>, e.g. <c>ElevenLabs</c>, <c>Google</c>, <c>Amazon</c>.</summary>
    public string? TtsProvider { get; init; }

    /// <summary><c>voice</c> of the text-to-speech provider.</summary>
    public string? Voice { get; init; }

    /// <summary><c>transcriptionProvider</c>, e.g. <c>Deepgram</c>, <c>Google</c>.</summary>
    public string? TranscriptionProvider { get; init; }

    /// <summary><c>welcomeGreeting</c>: spoken when the session connects.</summary>
    public string? WelcomeGreeting { get; init; }

    /// <summary><c>interruptible</c>: <c>none</c>, <c>dtmf</c>, <c>speech</c> or <c>any</c>.</summary>
    public string? Interruptible { get; init; }

    /// <summary><c>dtmfDetection</c>: key presses reach the app as <c>dtmf</c> messages.</summary>
    public bool? DtmfDetection { get; init; }

    /// <summary><c>hints</c>: comma-separated phrases that help recognition.</summary>
    public string? Hints { get; init; }

    /// <summary>Adds a child.</summary>
    public ConversationRelay Append(IConversationRelayChild child)
    {
        ArgumentNullException.ThrowIfNull(child);
        _children.Add(child);
        return this;
    }

    void ITwiMLNode.WriteTo(TwiMLWriter writer)
    {
        writer.StartElement("ConversationRelay");
        writer.Attribute("url", Url);
        writer.Attribute("language", Language);
        writer.Attribute("ttsProvider", TtsProvider);
        writer.Attribute("voice", Voice);
        writer.Attribute("transcriptionProvider", TranscriptionProvider);
        writer.Attribute("welcomeGreeting", WelcomeGreeting);
        writer.Attribute("interruptible", Interruptible);
        writer.Attribute("dtmfDetection", DtmfDetection);
        writer.Attribute("hints", Hints);
        foreach (var child in _children)
        {
            child.WriteTo(writer);
        }

        writer.EndElement();
    }
}

/// <summary><c>&lt;Language&gt;</c> inside <c>&lt;ConversationRelay&gt;</c>: the providers and voice for one language the session may switch to.</summary>
/// <param name="code">The language, e.g. <c>es-US</c>.</param>
public sealed class RelayLanguage(string code) : IConversationRelayChild
{
    /// <summary><c>code</c>.</summary>
    public string Code { get; } = code ?? string.Empty;

    /// <summary><c>ttsProvider</c>.</summary>
    public string? TtsProvider { get; init; }

    /// <summary><c>voice</c>.</summary>
    public string? Voice { get; init; }

    /// <summary><c>transcriptionProvider</c>.</summary>
    public string? TranscriptionProvider { get; init; }

    void ITwiMLNode.WriteTo(TwiMLWriter writer)
    {
        writer.StartElement("Language");
        writer.Attribute("code", Code);
        writer.Attribute("ttsProvider", TtsProvider);
        writer.Attribute("voice", Voice);
        writer.Attribute("transcriptionProvider", TranscriptionProvider);
        writer.EndElement();
    }
}

/// <summary><c>&lt;Parameter&gt;</c> inside <c>&lt;ConversationRelay&gt;</c>: a custom parameter the <c>setup</c> message carries.</summary>
/// <param name="name">The name.</param>
/// <param name="value">The value.</param>
public sealed class RelayParameter(string name, string value) : IConversationRelayChild
{
    /// <summary><c>name</c>.</summary>
    public string Name { get; } = name ?? string.Empty;

    /// <summary><c>value</c>.</summary>
    public string Value { get; } = value ?? string.Empty;

    void ITwiMLNode.WriteTo(TwiMLWriter writer)
    {
        writer.StartElement("Parameter");
        writer.Attribute("name", Name);
        writer.Attribute("value", Value);
        writer.EndElement();
    }
}
