namespace IvrService.Twilio.TwiML;

/// <summary><c>&lt;Record&gt;</c>: record the caller (voicemail).</summary>
public sealed class Record : IVoiceVerb
{
    /// <summary><c>action</c>: where Twilio posts RecordingUrl/RecordingDuration/RecordingSid.</summary>
    public string? Action { get; init; }

    /// <summary><c>method</c> for <see cref="Action"/>.</summary>
    public TwilioHttpMethod? Method { get; init; }

    /// <summary><c>timeout</c>: seconds of silence that end the recording.</summary>
    public int? Timeout { get; init; }

    /// <summary><c>finishOnKey</c>: keys that end the recording.</summary>
    public string? FinishOnKey { get; init; }

    /// <summary><c>maxLength</c> in seconds.</summary>
    public int? MaxLength { get; init; }

    /// <summary><c>playBeep</c>.</summary>
    public bool? PlayBeep { get; init; }

    /// <summary><c>trim</c>.</summary>
    public TrimMode? Trim { get; init; }

    /// <summary><c>recordingStatusCallback</c>.</summary>
    public string? RecordingStatusCallback { get; init; }

    /// <summary><c>recordingStatusCallbackMethod</c>.</summary>
    public TwilioHttpMethod? RecordingStatusCallbackMethod { get; init; }

    /// <summary><c>recordingStatusCallbackEvent</c>.</summary>
    public RecordingEvent? RecordingStatusCallbackEvent { get; init; }

    /// <summary><c>transcribe</c>.</summary>
    public bool? Transcribe { get; init; }

    /// <summary><c>transcribeCallback</c>.</summary>
    public string? TranscribeCallback { get; init; }

    void ITwiMLNode.WriteTo(TwiMLWriter writer)
    {
        writer.StartElement("Record");
        writer.Attribute("action", Action);
        writer.Attribute("method", Method);
        writer.Attribute("timeout", Timeout);
        writer.Attribute("finishOnKey", FinishOnKey);
        writer.Attribute("maxLength", MaxLength);
        writer.Attribute("playBeep", PlayBeep);
        writer.Attribute("trim", TwiMLEnumStrings.ToWire(Trim));
        writer.Attribute("recordingStatusCallback", RecordingStatusCallback);
        writer.Attribute("recordingStatusCallbackMethod", RecordingStatusCallbackMethod);
        writer.Attribute("recordingStatusCallbackEvent", TwiMLEnumStrings.ToWire(RecordingStatusCallbackEvent));
        writer.Attribute("transcribe", Transcribe);
        writer.Attribute("transcribeCallback", TranscribeCallback);
        writer.EndElement();
    }
}
