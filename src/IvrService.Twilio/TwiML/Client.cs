namespace IvrService.Twilio.TwiML;

/// <summary><c>&lt;Client&gt;</c> inside <c>&lt;Dial&gt;</c>: a Voice SDK client identity.</summary>
/// <param name="identity">The client identity.</param>
public sealed class Client(string identity) : IDialNoun
{
    /// <summary>The client identity.</summary>
    public string Identity { get; } = identity ?? string.Empty;

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

    void ITwiMLNode.WriteTo(TwiMLWriter writer)
    {
        writer.StartElement("Client");
        writer.Attribute("url", Url);
        writer.Attribute("method", Method);
        writer.Attribute("statusCallback", StatusCallback);
        writer.Attribute("statusCallbackMethod", StatusCallbackMethod);
        writer.Attribute("statusCallbackEvent", TwiMLEnumStrings.ToWire(StatusCallbackEvent));
        writer.Text(Identity);
        writer.EndElement();
    }
}
