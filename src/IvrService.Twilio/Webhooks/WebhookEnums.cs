namespace IvrService.Twilio.Webhooks;

/// <summary><c>CallStatus</c>. <see cref="Unknown"/> = present but not a value this library knows.</summary>
public enum TwilioCallStatus
{
    /// <summary>A value Twilio added after this library was written.</summary>
    Unknown,

    /// <summary><c>queued</c></summary>
    Queued,

    /// <summary><c>ringing</c></summary>
    Ringing,

    /// <summary><c>in-progress</c></summary>
    InProgress,

    /// <summary><c>completed</c></summary>
    Completed,

    /// <summary><c>busy</c></summary>
    Busy,

    /// <summary><c>failed</c></summary>
    Failed,

    /// <summary><c>no-answer</c></summary>
    NoAnswer,

    /// <summary><c>canceled</c></summary>
    Canceled,
}

/// <summary><c>Direction</c>.</summary>
public enum TwilioCallDirection
{
    /// <summary>A value this library does not know.</summary>
    Unknown,

    /// <summary><c>inbound</c></summary>
    Inbound,

    /// <summary><c>outbound-api</c></summary>
    OutboundApi,

    /// <summary><c>outbound-dial</c></summary>
    OutboundDial,
}

/// <summary><c>DialCallStatus</c>: how a <c>&lt;Dial&gt;</c> ended.</summary>
public enum TwilioDialCallStatus
{
    /// <summary>A value this library does not know.</summary>
    Unknown,

    /// <summary><c>completed</c></summary>
    Completed,

    /// <summary><c>answered</c></summary>
    Answered,

    /// <summary><c>busy</c></summary>
    Busy,

    /// <summary><c>no-answer</c></summary>
    NoAnswer,

    /// <summary><c>failed</c></summary>
    Failed,

    /// <summary><c>canceled</c></summary>
    Canceled,
}

/// <summary>Reading Twilio's <c>DialCallStatus</c> parameter.</summary>
public static class TwilioDialCallStatuses
{
    /// <summary>The status for <paramref name="raw"/> (any case); <see cref="TwilioDialCallStatus.Unknown"/> for a value Twilio does not document or none.</summary>
    public static TwilioDialCallStatus Parse(string? raw) => WebhookValues.DialCallStatus(raw) ?? TwilioDialCallStatus.Unknown;

    /// <summary>The parameter value Twilio sends for <paramref name="status"/> (<c>no-answer</c>, …); <c>unknown</c> for <see cref="TwilioDialCallStatus.Unknown"/>.</summary>
    public static string ToWire(TwilioDialCallStatus status) => status switch
    {
        TwilioDialCallStatus.Completed => "completed",
        TwilioDialCallStatus.Answered => "answered",
        TwilioDialCallStatus.Busy => "busy",
        TwilioDialCallStatus.NoAnswer => "no-answer",
        TwilioDialCallStatus.Failed => "failed",
        TwilioDialCallStatus.Canceled => "canceled",
        _ => "unknown",
    };
}
