namespace IvrService.Twilio.TwiML;

/// <summary>
/// <c>&lt;Dial&gt;</c>: connect the caller to another party, given either as plain number text
/// (<c>new Dial("+15005550006")</c>) or as nouns (<see cref="Number"/>, <see cref="Client"/>, <see cref="Sip"/>); not both.
/// </summary>
/// <param name="number">A phone number written as the element's text, or null when nouns are appended.</param>
public sealed class Dial(string? number = null) : IVoiceVerb
{
    private readonly List<IDialNoun> _nouns = [];

    /// <summary>The plain number text, if any.</summary>
    public string? NumberText { get; } = number;

    /// <summary>The dialled nouns, in order.</summary>
    public IReadOnlyList<IDialNoun> Nouns => _nouns;

    /// <summary><c>action</c>: where Twilio posts DialCallStatus when the dialled call ends.</summary>
    public string? Action { get; init; }

    /// <summary><c>method</c> for <see cref="Action"/>.</summary>
    public TwilioHttpMethod? Method { get; init; }

    /// <summary><c>timeout</c>: seconds to let the far end ring.</summary>
    public int? Timeout { get; init; }

    /// <summary><c>callerId</c>.</summary>
    public string? CallerId { get; init; }

    /// <summary><c>hangupOnStar</c>.</summary>
    public bool? HangupOnStar { get; init; }

    /// <summary><c>timeLimit</c> in seconds.</summary>
    public int? TimeLimit { get; init; }

    /// <summary><c>record</c>.</summary>
    public DialRecord? Record { get; init; }

    /// <summary><c>trim</c>.</summary>
    public TrimMode? Trim { get; init; }

    /// <summary><c>recordingStatusCallback</c>.</summary>
    public string? RecordingStatusCallback { get; init; }

    /// <summary><c>recordingStatusCallbackMethod</c>.</summary>
    public TwilioHttpMethod? RecordingStatusCallbackMethod { get; init; }

    /// <summary><c>recordingStatusCallbackEvent</c>.</summary>
    public RecordingEvent? RecordingStatusCallbackEvent { get; init; }

    /// <summary><c>recordingTrack</c>.</summary>
    public RecordingTrack? RecordingTrack { get; init; }

    /// <summary><c>answerOnBridge</c>: keep the caller hearing ringing until the far end answers.</summary>
    public bool? AnswerOnBridge { get; init; }

    /// <summary><c>ringTone</c>: a country code such as <c>us</c> or <c>de</c>.</summary>
    public string? RingTone { get; init; }

    /// <summary><c>sequential</c>: ring the nouns one after another instead of all at once.</summary>
    public bool? Sequential { get; init; }

    /// <summary><c>referUrl</c>.</summary>
    public string? ReferUrl { get; init; }

    /// <summary><c>referMethod</c>.</summary>
    public TwilioHttpMethod? ReferMethod { get; init; }

    /// <summary>Adds a noun to dial.</summary>
    /// <exception cref="InvalidOperationException">The dial already has plain number text.</exception>
    public Dial Append(IDialNoun noun)
    {
        ArgumentNullException.ThrowIfNull(noun);
        if (NumberText is not null)
        {
            throw new InvalidOperationException("A <Dial> holds either plain number text or nouns, not both.");
        }

        _nouns.Add(noun);
        return this;
    }

    void ITwiMLNode.WriteTo(TwiMLWriter writer)
    {
        writer.StartElement("Dial");
        writer.Attribute("action", Action);
        writer.Attribute("method", Method);
        writer.Attribute("timeout", Timeout);
        writer.Attribute("callerId", CallerId);
        writer.Attribute("hangupOnStar", HangupOnStar);
        writer.Attribute("timeLimit", TimeLimit);
        writer.Attribute("record", TwiMLEnumStrings.ToWire(Record));
        writer.Attribute("trim", TwiMLEnumStrings.ToWire(Trim));
        writer.Attribute("recordingStatusCallback", RecordingStatusCallback);
        writer.Attribute("recordingStatusCallbackMethod", RecordingStatusCallbackMethod);
        writer.Attribute("recordingStatusCallbackEvent", TwiMLEnumStrings.ToWire(RecordingStatusCallbackEvent));
        writer.Attribute("recordingTrack", TwiMLEnumStrings.ToWire(RecordingTrack));
        writer.Attribute("answerOnBridge", AnswerOnBridge);
        writer.Attribute("ringTone", RingTone);
        writer.Attribute("sequential", Sequential);
        writer.Attribute("referUrl", ReferUrl);
        writer.Attribute("referMethod", ReferMethod);
        writer.Text(NumberText);
        foreach (var noun in _nouns)
        {
            noun.WriteTo(writer);
        }

        writer.EndElement();
    }
}
