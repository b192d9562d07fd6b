using IvrService.Hosting.Logging;
using IvrService.Twilio.Messaging;
using IvrService.Twilio.Rest;

namespace IvrService.Primary.Messaging;

/// <summary>A text a webhook offers for sending: recipient and sender resolved, segments counted.</summary>
internal sealed record OutboundText(string CallSid, string NodeId, CreateMessageRequest Request, string Sender, SmsSegmentInfo Segments)
{
    public string? MaskedTo => PhoneNumberMask.Mask(Request.To);
}

/// <summary>What the store made of an offered text.</summary>
internal enum TextAdmissionResult
{
    /// <summary>Queued (and, with Redis, persisted): it will be sent.</summary>
    Queued,

    /// <summary>The call's node (or this very webhook request) already has a text on its way.</summary>
    Duplicate,

    /// <summary>The sender's queue at Twilio would pass <see cref="MessagingOptions.MaxSenderBacklog"/>.</summary>
    SenderBacklogFull,

    /// <summary>The outbound queue holds <see cref="MessagingOptions.QueueCapacity"/> texts.</summary>
    QueueFull,

    /// <summary>The app is shutting down and the queue is in memory.</summary>
    ShuttingDown,

    /// <summary>The shared store (Redis) did not answer in time; nothing was queued as far as this replica knows.</summary>
    Unavailable,
}

/// <summary>The store's answer, with the sender's estimated backlog and this text's departure when queued.</summary>
internal readonly record struct TextAdmission(TextAdmissionResult Result, TimeSpan Backlog = default, DateTimeOffset Departure = default, string? Reason = null);

/// <summary>A text taken from the queue by this replica's sender.</summary>
/// <param name="Text">What to send.</param>
/// <param name="EstimatedDeparture">When it should leave Twilio's queue, as estimated when it was queued.</param>
/// <param name="EntryId">Its id in the shared queue (Redis stream entry), or null in memory.</param>
/// <param name="SendingSince">Set when a previous owner (a replica that died) had begun sending it.</param>
/// <param name="MessageSid">Set when a previous owner had it accepted by Twilio but did not finish.</param>
internal sealed record QueuedText(OutboundText Text, DateTimeOffset EstimatedDeparture, string? EntryId = null, DateTimeOffset? SendingSince = null, string? MessageSid = null);

/// <summary>
/// Where texts wait between the webhook and the sender, with the duplicate claims and the per-sender pacing that
/// decide whether a text is taken at all: in this process (<see cref="MemoryTextStore"/>), or in Redis shared by
/// every replica (<see cref="RedisTextStore"/>).
/// </summary>
internal interface ITextStore
{
    /// <summary>True when queued texts outlive this process (a replica that dies loses none).</summary>
    bool IsDurable { get; }

    /// <summary>Claims the (call, node) pair, reserves the sender's pacing and queues the text, all or nothing.</summary>
    /// <param name="text">The text.</param>
    /// <param name="idempotencyToken">Twilio's <c>I-Twilio-Idempotency-Token</c> of the webhook request, if any.</param>
    ValueTask<TextAdmission> AdmitAsync(OutboundText text, string? idempotencyToken);

    /// <summary>The next text to send, waiting until there is one; null once <see cref="Complete"/> leaves none to take.</summary>
    ValueTask<QueuedText?> TakeAsync(CancellationToken cancellationToken);

    /// <summary>Notes that sending starts now; false when the text is no longer this replica's (do not send it).</summary>
    ValueTask<bool> BeginSendingAsync(QueuedText text);

    /// <summary>Twilio accepted the text: record its SID and forget it.</summary>
    ValueTask SentAsync(QueuedText text, string? messageSid);

    /// <summary>The text will not be sent (rejected, gave up): give back its pacing and forget it.</summary>
    ValueTask AbandonAsync(QueuedText text);

    /// <summary>Leaves a taken text for a later attempt (by any replica) without sending it now.</summary>
    ValueTask ReleaseAsync(QueuedText text);

    /// <summary>Counts one more failure to ask Twilio whether a dead replica sent <paramref name="text"/>; the total so far.</summary>
    ValueTask<long> CountFailedReconcileAsync(QueuedText text);

    /// <summary>Texts in the queue (waiting or being sent, by any replica when shared), or null when the store does not answer.</summary>
    ValueTask<long?> CountQueuedAsync();

    /// <summary>Shutdown: take no more texts (and, in memory, accept no more).</summary>
    void Complete();

    /// <summary>Texts still queued that nobody will send once this process ends (none when durable).</summary>
    IReadOnlyList<QueuedText> TakeLeftBehind();
}
