namespace IvrService.Twilio.TwiML;

/// <summary><c>&lt;Number&gt;</c> inside <c>&lt;Dial&gt;</c>: a phone number (E.164).</summary>
/// <param name="phoneNumber">The number to call.</param>
public sealed class Number(string phoneNumber) : IDialNoun
{
    /// <summary>The number to call.</summary>
    public string PhoneNumber { get; } = phoneNumber ?? string.Empty;

    /// <summary><c>sendDigits</c>: DTMF sent once the call connects.</summary>
    public string? SendDigits { get; init; }

    /// <summary><c>url</c>: TwiML run for the called party before bridging (call screening).</summary>
    public string? Url { get; init; }

    /// <summary><c>method</c> for <see cref="Url"/>.</summary>
    public TwilioHttpMethod? Method { get; init; }

    /// <summary><c>statusCallback</c>.</summary>
    public string? StatusCallback { get; init; }

    /// <summary><c>statusCallbackMethod</c>.</summary>
    public TwilioHttpMethod? StatusCallbackMethod { get; init; }

    /// <summary><c>statusCallbackEvent</c>.</summary>
    public CallProgressEvent? StatusCallbackEvent { get; init; }

    /// <summary><c>byoc</c>: BYOC trunk SID.</summary>
    public string? Byoc { get; init; }

    /// <summary><c>machineDetection</c>: <c>Enable</c> or <c>DetectMessageEnd</c>.</summary>
    public string? MachineDetection { get; init; }

    /// <summary><c>amdStatusCallback</c>.</summary>
    public string? AmdStatusCallback { get; init; }

    /// <summary><c>amdStatusCallbackMethod</c>.</summary>
    public TwilioHttpMethod? AmdStatusCallbackMethod { get; init; }

    /// <summary><c>machineDetectionTimeout</c> in seconds.</summary>
    public int? MachineDetectionTimeout { get; init; }

    /// <summary><c>machineDetectionSpeechThreshold</c> in ms.</summary>
    public int? MachineDetectionSpeechThreshold { get; init; }

    /// <summary><c>machineDetectionSpeechEndThreshold</c> in ms.</summary>
    public int? MachineDetectionSpeechEndThreshold { get; init; }

    /// <summary><c>machineDetectionSilenceTimeout</c> in ms.</summary>
    public int? MachineDetectionSilenceTimeout { get; init; }

    void ITwiMLNode.WriteTo(TwiMLWriter writer)
    {
        writer.StartElement("Number");
        writer.Attribute("sendDigits", SendDigits);
        writer.Attribute("url", Url);
        writer.Attribute("method", Method);
        writer.Attribute("statusCallback", StatusCallback);
        writer.Attribute("statusCallbackMethod", StatusCallbackMethod);
        writer.Attribute("statusCallbackEvent", TwiMLEnumStrings.ToWire(StatusCallbackEvent));
        writer.Attribute("byoc", Byoc);
        writer.Attribute("machineDetection", MachineDetection);
        writer.Attribute("amdStatusCallback", AmdStatusCallback);
        writer.Attribute("amdStatusCallbackMethod", AmdStatusCallbackMethod);
        writer.Attribute("machineDetectionTimeout", MachineDetectionTimeout);
        writer.Attribute("machineDetectionSpeechThreshold", MachineDetectionSpeechThreshold);
        writer.Attribute("machineDetectionSpeechEndThreshold", MachineDetectionSpeechEndThreshold);
        writer.Attribute("machineDetectionSilenceTimeout", MachineDetectionSilenceTimeout);
        writer.Text(PhoneNumber);
        writer.EndElement();
    }
}
