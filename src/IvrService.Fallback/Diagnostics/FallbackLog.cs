namespace IvrService.Fallback.Diagnostics;

/// <summary>The one structured event per fallback request (the primary failed, so each is a warning).</summary>
internal static partial class FallbackLog
{
    [LoggerMessage(EventId = 4110, EventName = "FallbackVoice", Level = LogLevel.Warning,
        Message = "Fallback voice {Decision} ({Reason}): Twilio error {ErrorCode} ({ErrorName}, {ErrorFamily}) at {ErrorUrl}; call {CallSid} from {From}")]
    public static partial void Voice(
        ILogger logger, string decision, string reason, int errorCode, string errorName, string errorFamily, string errorUrl, string? callSid, string? from);

    [LoggerMessage(EventId = 4111, EventName = "FallbackSms", Level = LogLevel.Warning,
        Message = "Fallback SMS {Decision} ({Reason}): Twilio error {ErrorCode} ({ErrorName}, {ErrorFamily}) at {ErrorUrl}; message {MessageSid} from {From}")]
    public static partial void Sms(
        ILogger logger, string decision, string reason, int errorCode, string errorName, string errorFamily, string errorUrl, string? messageSid, string? from);

    [LoggerMessage(EventId = 4112, EventName = "FallbackStateRepaired", Level = LogLevel.Warning,
        Message = "Call {CallSid}: fallback state repaired ({Repairs}); continuing at {Node}")]
    public static partial void StateRepaired(ILogger logger, string? callSid, string repairs, string node);

    [LoggerMessage(EventId = 4114, EventName = "FallbackTextNotSent", Level = LogLevel.Warning,
        Message = "Call {CallSid}: text node {Node} not sent by the fallback (it has no Twilio REST credentials); the caller hears its unavailable prompt and the flow continues")]
    public static partial void TextNotSent(ILogger logger, string? callSid, string node);
}
