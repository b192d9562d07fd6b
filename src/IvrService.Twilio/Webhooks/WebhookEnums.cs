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
