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
    [LoggerMessage(EventId = 5216, EventName = "TextStateUnavailable", Level = LogLevel.Error,
        Message = "Text {Node} for call {CallSid} refused: the shared queue (Redis, State:Redis) did not take it ({Reason}); the caller hears the unavailable prompt")]
    public static partial void StateUnavailable(ILogger logger, string node, string callSid, string reason);

    [LoggerMessage(EventId = 5217, EventName = "TextLeftQueued", Level = LogLevel.Warning,
        Message = "Text {Node} for call {CallSid} left in the shared queue at shutdown: another replica sends it (after reconciling with Twilio when sending had begun)")]
    public static partial void LeftQueued(ILogger logger, string node, string callSid);

    [LoggerMessage(EventId = 5218, EventName = "TextTakenOver", Level = LogLevel.Warning,
        Message = "Text {Node} for call {CallSid} (entry {EntryId}) taken over from a replica silent for {ClaimSeconds} s; sending had begun: {WasSending}; Message SID known: {MessageSid}")]
    public static partial void TakenOver(ILogger logger, string node, string callSid, string entryId, double claimSeconds, bool wasSending, string? messageSid);

    [LoggerMessage(EventId = 5219, EventName = "TextAlreadySent", Level = LogLevel.Information,
        Message = "Text {Node} for call {CallSid} was already sent ({MessageSid}) by the replica that died; not sent again")]
    public static partial void AlreadySent(ILogger logger, string node, string callSid, string messageSid);

    [LoggerMessage(EventId = 5220, EventName = "TextReconciled", Level = LogLevel.Information,
        Message = "Text {Node} for call {CallSid}: Twilio already has it ({MessageSid}, created {Created:o}), sent by the replica that died after it began at {SendingSince:o}; not sent again")]
    public static partial void Reconciled(ILogger logger, string node, string callSid, string? messageSid, DateTimeOffset? created, DateTimeOffset sendingSince);

    [LoggerMessage(EventId = 5221, EventName = "TextResending", Level = LogLevel.Warning,
        Message = "Text {Node} for call {CallSid}: the replica that died began sending it at {SendingSince:o}, and Twilio has no such message to {To} ({Checked} message(s) checked); sending it now")]
    public static partial void Resending(ILogger logger, string node, string callSid, DateTimeOffset sendingSince, string? to, int @checked);

    [LoggerMessage(EventId = 5222, EventName = "TextReconcileFailed", Level = LogLevel.Warning,
        Message = "Text {Node} for call {CallSid}: could not ask Twilio whether the replica that died sent it ({Reason}); try {Attempt}/{MaxAttempts}, left queued for another try")]
    public static partial void ReconcileFailed(ILogger logger, string node, string callSid, string reason, long attempt, int maxAttempts);

    [LoggerMessage(EventId = 5223, EventName = "TextReconcileGaveUp", Level = LogLevel.Error,
        Message = "Text {Node} for call {CallSid} to {To} NOT SENT: the replica that died began sending it at {SendingSince:o} and Twilio could not be asked whether it has it after {Attempts} tries; not sent blindly (search Messages to {To} since then)")]
    public static partial void ReconcileGaveUp(ILogger logger, string node, string callSid, string? to, DateTimeOffset sendingSince, long attempts);

    [LoggerMessage(EventId = 5224, EventName = "TextStoreFailed", Level = LogLevel.Warning,
        Message = "Text {Node} for call {CallSid}: Redis failed to {Action} ({Reason}); the entry stays queued and is taken again, reconciled with Twilio before any resend")]
    public static partial void StoreFailed(ILogger logger, string node, string callSid, string action, string reason);

    [LoggerMessage(EventId = 5225, EventName = "TextEntryUnreadable", Level = LogLevel.Error,
        Message = "Queued text entry {EntryId} in {Stream} is unreadable (written by another version, or by hand); dropped")]
    public static partial void Unreadable(ILogger logger, string entryId, string stream);

    [LoggerMessage(EventId = 5226, EventName = "TextHoldLost", Level = LogLevel.Warning,
        Message = "Text {Node} for call {CallSid} (entry {EntryId}) was taken over by another replica while this one held it (paused longer than State:ClaimTimeout)")]
    public static partial void HoldLost(ILogger logger, string node, string callSid, string entryId);

    [LoggerMessage(EventId = 5227, EventName = "TextSenderWaitsForRedis", Level = LogLevel.Error,
        Message = "Outbound texts: the shared queue at {Endpoint} does not answer ({Reason}); queued texts wait in Redis, retrying every second")]
    public static partial void SenderWaitsForRedis(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 5228, EventName = "TextSenderRedisBack", Level = LogLevel.Information,
        Message = "Outbound texts: the shared queue at {Endpoint} answers again; sending resumes")]
    public static partial void SenderRedisBack(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 5229, EventName = "TextSenderStopped", Level = LogLevel.Information,
        Message = "Outbound texts: sender stopped; {Waiting} text(s) wait in the shared queue for the other replicas")]
    public static partial void SenderStopped(ILogger logger, long? waiting);

    [LoggerMessage(EventId = 5230, EventName = "TextNotTaken", Level = LogLevel.Warning,
        Message = "Text {Node} for call {CallSid} not sent by this replica: it could not be marked as being sent (another replica holds it, or Redis failed)")]
    public static partial void NotTaken(ILogger logger, string node, string callSid);

    [LoggerMessage(EventId = 5231, EventName = "TextTakeOverDeferred", Level = LogLevel.Information,
        Message = "Text {Node} for call {CallSid}: taken over, but its last attempt began {AgeSeconds} s ago, within Messaging:AttemptTimeout ({AttemptTimeoutSeconds} s); the previous owner may still be sending it, so it is left queued and checked again after State:ClaimTimeout")]
    public static partial void TakeOverDeferred(ILogger logger, string node, string callSid, double ageSeconds, double attemptTimeoutSeconds);
}
