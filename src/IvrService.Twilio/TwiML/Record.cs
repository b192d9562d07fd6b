using System.Xml;

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

    void ITwiMLNode.WriteTo(XmlWriter writer)
    {
        writer.WriteStartElement("Record");
        TwiMLXml.Attribute(writer, "action", Action);
        TwiMLXml.Attribute(writer, "method", Method);
        TwiMLXml.Attribute(writer, "timeout", Timeout);
        TwiMLXml.Attribute(writer, "finishOnKey", FinishOnKey);
        TwiMLXml.Attribute(writer, "maxLength", MaxLength);
        TwiMLXml.Attribute(writer, "playBeep", PlayBeep);
        TwiMLXml.Attribute(writer, "trim", TwiMLEnumStrings.ToWire(Trim));
        TwiMLXml.Attribute(writer, "recordingStatusCallback", RecordingStatusCallback);
        TwiMLXml.Attribute(writer, "recordingStatusCallbackMethod", RecordingStatusCallbackMethod);
        TwiMLXml.Attribute(writer, "recordingStatusCallbackEvent", TwiMLEnumStrings.ToWire(RecordingStatusCallbackEvent));
        TwiMLXml.Attribute(writer, "transcribe", Transcribe);
        TwiMLXml.Attribute(writer, "transcribeCallback", TranscribeCallback);
        writer.WriteEndElement();
    }
}
