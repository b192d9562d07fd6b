namespace IvrService.Twilio.TwiML;

/// <summary><c>&lt;Sip&gt;</c> inside <c>&lt;Dial&gt;</c>: a SIP URI.</summary>
/// <param name="sipUri">For example <c>sip:alice@example.com</c>.</param>
public sealed class Sip(string sipUri) : IDialNoun
{
    /// <summary>The SIP URI.</summary>
    public string SipUri { get; } = sipUri ?? string.Empty;

    /// <summary><c>username</c>.</summary>
    public string? Username { get; init; }

    /// <summary><c>password</c>.</summary>
    public string? Password { get; init; }

    /// <summary><c>url</c>.</summary>
    public string? Url { get; init; }

    /// <summary><c>method</c>.</summary>
    public TwilioHttpMethod? Method { get; init; }

    /// <summary><c>statusCallback</c>.</summary>
    public string? StatusCallback { get; init; }

    /// <summary><c>statusCallbackMethod</c>.</summary>
    public TwilioHttpMethod? StatusCallbackMethod { get; init; }

    /// <summary><c>statusCallbackEvent</c>.</summary>
    public CallProgressEvent? StatusCallbackEvent { get; init; }

    /// <summary><c>machineDetection</c>.</summary>
    public string? MachineDetection { get; init; }

    /// <summary><c>amdStatusCallback</c>.</summary>
    public string? AmdStatusCallback { get; init; }

    /// <summary><c>amdStatusCallbackMethod</c>.</summary>
    public TwilioHttpMethod? AmdStatusCallbackMethod { get; init; }

    /// <summary><c>machineDetectionTimeout</c>.</summary>
    public int? MachineDetectionTimeout { get; init; }

    void ITwiMLNode.WriteTo(TwiMLWriter writer)
    {
        writer.StartElement("Sip");
        writer.Attribute("username", Username);
        writer.Attribute("password", Password);
        writer.Attribute("url", Url);
        writer.Attribute("method", Method);
        writer.Attribute("statusCallback", StatusCallback);
        writer.Attribute("statusCallbackMethod", StatusCallbackMethod);
        writer.Attribute("statusCallbackEvent", TwiMLEnumStrings.ToWire(StatusCallbackEvent));
        writer.Attribute("machineDetection", MachineDetection);
        writer.Attribute("amdStatusCallback", AmdStatusCallback);
        writer.Attribute("amdStatusCallbackMethod", AmdStatusCallbackMethod);
        writer.Attribute("machineDetectionTimeout", MachineDetectionTimeout);
        writer.Text(SipUri);
        writer.EndElement();
    }
}
