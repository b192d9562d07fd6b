namespace IvrService.Twilio;

/// <summary>The HTTP method Twilio uses for a callback URL (TwiML <c>method</c> attributes, REST <c>*Method</c> fields).</summary>
public enum TwilioHttpMethod
{
    /// <summary><c>GET</c>: parameters travel in the query string.</summary>
    Get,

    /// <summary><c>POST</c>: parameters travel form-encoded in the body (Twilio's default).</summary>
    Post,
}

/// <summary>Wire names of <see cref="TwilioHttpMethod"/>.</summary>
public static class TwilioHttpMethodExtensions
{
    /// <summary>Returns <c>GET</c> or <c>POST</c>.</summary>
    public static string ToWireString(this TwilioHttpMethod method) => method switch
    {
        TwilioHttpMethod.Get => "GET",
        TwilioHttpMethod.Post => "POST",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown HTTP method."),
    };
}
