namespace IvrService.Primary.Messaging;

/// <summary>One structured event per outcome of a text step (queued, sent, retried, dropped, refused, skipped, not sent).</summary>
internal static partial class TextLog
{
    [LoggerMessage(EventId = 5200, EventName = "TextQueued", Level = LogLevel.Information,
        Message = "Text {Node} for call {CallSid} queued to {To} from {Sender}: {Segments} segment(s) {Encoding}; estimated to leave Twilio's queue for {Sender} at {EstimatedDeparture:o} (backlog {BacklogSeconds} s)")]
    public static partial void Queued(ILogger logger, string node, string callSid, string? to, string sender, int segments, string encoding,
        DateTimeOffset estimatedDeparture, double backlogSeconds);

    [LoggerMessage(EventId = 5201, EventName = "TextSent", Level = LogLevel.Information,
        Message = "Text {Node} for call {CallSid} sent: {MessageSid}, {Segments} segment(s), via {Host} on attempt {Attempt}; estimated to leave Twilio's queue at {EstimatedDeparture:o}")]
    public static partial void Sent(ILogger logger, string node, string callSid, string? messageSid, int segments, string host, int attempt, DateTimeOffset estimatedDeparture);

    [LoggerMessage(EventId = 5202, EventName = "TextRetry", Level = LogLevel.Warning,
        Message = "Text {Node} for call {CallSid}: attempt {Attempt}/{MaxAttempts} via {Host} failed ({Outcome}, HTTP {StatusCode}, error {ErrorCode}: {Reason}); retrying in {DelayMs} ms")]
    public static partial void Retry(ILogger logger, string node, string callSid, int attempt, int maxAttempts, string host, string outcome,
        int? statusCode, int? errorCode, string reason, long delayMs);

    [LoggerMessage(EventId = 5203, EventName = "TextRejected", Level = LogLevel.Error,
        Message = "Text {Node} for call {CallSid} to {To} dropped: Twilio answered {StatusCode} with error {ErrorCode} ({Reason}); a retry cannot help")]
    public static partial void Rejected(ILogger logger, string node, string callSid, string? to, int? statusCode, int? errorCode, string reason);

    [LoggerMessage(EventId = 5204, EventName = "TextGaveUp", Level = LogLevel.Error,
        Message = "Text {Node} for call {CallSid} to {To} NOT SENT after {Attempts} attempt(s); last: {Outcome} via {Host} ({Reason})")]
    public static partial void GaveUp(ILogger logger, string node, string callSid, string? to, int attempts, string outcome, string host, string reason);

    [LoggerMessage(EventId = 5205, EventName = "TextQueueFull", Level = LogLevel.Error,
        Message = "Text {Node} for call {CallSid} refused: the outbound queue is full ({Capacity} texts, Messaging:QueueCapacity); the caller hears the unavailable prompt")]
    public static partial void QueueFull(ILogger logger, string node, string callSid, int capacity);

    [LoggerMessage(EventId = 5206, EventName = "TextDuplicate", Level = LogLevel.Information,
        Message = "Text {Node} for call {CallSid} skipped: already sent for this call within {WindowMinutes} min (a repeated webhook, or the caller chose it again)")]
    public static partial void Duplicate(ILogger logger, string node, string callSid, double windowMinutes);

    [LoggerMessage(EventId = 5207, EventName = "TextNotSentAtShutdown", Level = LogLevel.Error,
        Message = "Text {Node} for call {CallSid} to {To} NOT SENT: the app is shutting down and the drain deadline ({DrainSeconds} s, Messaging:DrainDeadline) passed")]
    public static partial void NotSentAtShutdown(ILogger logger, string node, string callSid, string? to, double drainSeconds);

    [LoggerMessage(EventId = 5208, EventName = "TextBacklogRefused", Level = LogLevel.Error,
        Message = "Text {Node} for call {CallSid} refused: sender {Sender} already has {BacklogSeconds} s of texts in Twilio's queue; {Segments} more segment(s) would pass its {LimitHours} h limit (Twilio error 21611)")]
    public static partial void BacklogRefused(ILogger logger, string node, string callSid, string sender, double backlogSeconds, int segments, double limitHours);

    [LoggerMessage(EventId = 5209, EventName = "TextNoAddress", Level = LogLevel.Warning,
        Message = "Text {Node} for call {CallSid} not sent: {Reason}; the caller hears the unavailable prompt")]
    public static partial void NoAddress(ILogger logger, string node, string? callSid, string reason);

    [LoggerMessage(EventId = 5210, EventName = "TextNotConfigured", Level = LogLevel.Warning,
        Message = "Text {Node} for call {CallSid} NOT SENT (Development without Twilio:AccountSid and credentials); would go to {To} from {Sender}: {Body}")]
    public static partial void NotConfigured(ILogger logger, string node, string callSid, string? to, string sender, string body);

    [LoggerMessage(EventId = 5211, EventName = "TextDisabled", Level = LogLevel.Information,
        Message = "Text {Node} for call {CallSid} not sent: Messaging:Enabled is false; the caller hears the unavailable prompt")]
    public static partial void Disabled(ILogger logger, string node, string callSid);

    [LoggerMessage(EventId = 5212, EventName = "TextRefusedAtShutdown", Level = LogLevel.Warning,
        Message = "Text {Node} for call {CallSid} refused: the app is shutting down")]
    public static partial void RefusedAtShutdown(ILogger logger, string node, string callSid);

    [LoggerMessage(EventId = 5213, EventName = "TextSenderStarted", Level = LogLevel.Information,
        Message = "Outbound texts: {Mode}; queue {Capacity}, {MaxAttempts} attempts, hosts {Hosts}, {SegmentsPerSecond} segment(s)/s per sender")]
    public static partial void Started(ILogger logger, string mode, int capacity, int maxAttempts, string hosts, double segmentsPerSecond);

    [LoggerMessage(EventId = 5214, EventName = "TextSendersNotConfigured", Level = LogLevel.Warning,
        Message = "OUTBOUND TEXTS ARE NOT SENT: the flow has text nodes ({Nodes}) but Twilio:AccountSid and its credentials are not set (allowed in Development only); each text is logged and dropped")]
    public static partial void StartedWithoutCredentials(ILogger logger, string nodes);

    [LoggerMessage(EventId = 5215, EventName = "TextSendFailed", Level = LogLevel.Error,
        Message = "Text {Node} for call {CallSid} NOT SENT: unexpected error")]
    public static partial void Failed(ILogger logger, Exception exception, string node, string callSid);
}
