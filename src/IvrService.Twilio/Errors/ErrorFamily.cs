namespace IvrService.Twilio.Errors;

/// <summary>What a Twilio error code says about the primary app, which is what a fallback has to decide on.</summary>
public enum ErrorFamily
{
    /// <summary>Not one of the families below, or a code this library does not know.</summary>
    Other,

    /// <summary>Twilio could not reach the primary at all: DNS, TCP, TLS, timeouts, bad URL, edge settings.</summary>
    PrimaryUnreachable,

    /// <summary>The primary answered, but not with usable TwiML: HTTP error status, malformed HTTP, bad XML, wrong Content-Type, too large.</summary>
    PrimaryAnsweredBadly,

    /// <summary>The TwiML was fine but a verb failed on its content, typically media that is not audio (13xxx).</summary>
    MediaProblem,
}
