using System.Xml;

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

    void ITwiMLNode.WriteTo(XmlWriter writer)
    {
        writer.WriteStartElement("Sip");
        TwiMLXml.Attribute(writer, "username", Username);
        TwiMLXml.Attribute(writer, "password", Password);
        TwiMLXml.Attribute(writer, "url", Url);
        TwiMLXml.Attribute(writer, "method", Method);
        TwiMLXml.Attribute(writer, "statusCallback", StatusCallback);
        TwiMLXml.Attribute(writer, "statusCallbackMethod", StatusCallbackMethod);
        TwiMLXml.Attribute(writer, "statusCallbackEvent", TwiMLEnumStrings.ToWire(StatusCallbackEvent));
        TwiMLXml.Attribute(writer, "machineDetection", MachineDetection);
        TwiMLXml.Attribute(writer, "amdStatusCallback", AmdStatusCallback);
        TwiMLXml.Attribute(writer, "amdStatusCallbackMethod", AmdStatusCallbackMethod);
        TwiMLXml.Attribute(writer, "machineDetectionTimeout", MachineDetectionTimeout);
        TwiMLXml.Text(writer, SipUri);
        writer.WriteEndElement();
    }
}
