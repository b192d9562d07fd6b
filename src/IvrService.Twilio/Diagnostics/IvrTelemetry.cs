using System.Diagnostics;

namespace IvrService.Twilio.Diagnostics;

/// <summary>
/// The names both apps' telemetry shares: one <see cref="ActivitySource"/> and one meter, both called
/// <c>IvrService</c>, and the attribute names used where OpenTelemetry's semantic conventions have none.
/// </summary>
public static class IvrTelemetry
{
    /// <summary>The activity source and meter name of every span and instrument of our own.</summary>
    public const string Name = "IvrService";

    /// <summary>The call's <c>CallSid</c>.</summary>
    public const string CallSid = "twilio.call_sid";

    /// <summary>An SMS webhook's <c>MessageSid</c>.</summary>
    public const string MessageSid = "twilio.message_sid";

    /// <summary>The Twilio error code of a fallback request.</summary>
    public const string ErrorCode = "twilio.error_code";

    /// <summary>The error code's family (<c>ErrorFamily</c>).</summary>
    public const string ErrorFamily = "twilio.error_family";

    /// <summary>A status callback's <c>CallStatus</c>.</summary>
    public const string CallStatus = "twilio.call_status";

    /// <summary>The caller's number, masked as in the logs.</summary>
    public const string From = "twilio.from";

    /// <summary>The called number, masked as in the logs.</summary>
    public const string To = "twilio.to";

    /// <summary>The flow node a turn ended at.</summary>
    public const string Node = "ivr.node";

    /// <summary>What happened: a turn's outcome, a text's admission, <c>rejected</c> for a refused webhook.</summary>
    public const string Outcome = "ivr.outcome";

    /// <summary>The fallback's decision (<c>resumed</c>, <c>apology+transfer</c>, …).</summary>
    public const string Decision = "ivr.decision";

    /// <summary><c>voice</c> or <c>sms</c>.</summary>
    public const string Channel = "ivr.channel";

    /// <summary>Why a signature was refused (<c>TwilioSignatureFailure</c>).</summary>
    public const string SignatureFailure = "ivr.signature.failure";

    /// <summary>The spans of our own: webhook, signature check, flow turn, render, text enqueue and send.</summary>
    public static ActivitySource Source { get; } = new(Name, typeof(IvrTelemetry).Assembly.GetName().Version?.ToString());
}
