using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace IvrService.Primary.Messaging;

/// <summary>
/// Texts queued in this process: duplicate claims in <see cref="TextDeduplicator"/>, pacing in <see cref="SenderPacing"/>,
/// a bounded channel the sender drains. Right for one replica; a process that dies loses what it queued.
/// </summary>
internal sealed class MemoryTextStore : ITextStore
{
    private readonly Channel<QueuedText> _channel;
    private readonly TextDeduplicator _duplicates;
    private readonly SenderPacing _pacing;
    private volatile bool _completed;

    public MemoryTextStore(IOptions<MessagingOptions> options, TextDeduplicator duplicates, SenderPacing pacing)
    {
        ArgumentNullException.ThrowIfNull(options);
        _duplicates = duplicates;
        _pacing = pacing;
        _channel = Channel.CreateBounded<QueuedText>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public bool IsDurable => false;

    // The call's node is the claim: a repeated webhook carries the same CallSid, so Twilio's idempotency token adds
    // nothing within one process.
    public ValueTask<TextAdmission> AdmitAsync(OutboundText text, string? idempotencyToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var key = ClaimKey(text);
        if (!_duplicates.TryClaim(key))
        {
            return ValueTask.FromResult(new TextAdmission(TextAdmissionResult.Duplicate));
        }

        var pacing = _pacing.TryReserve(text.Sender, text.Segments.Segments);
        if (!pacing.Accepted)
        {
            _duplicates.Release(key);
            return ValueTask.FromResult(new TextAdmission(TextAdmissionResult.SenderBacklogFull, pacing.Backlog));
        }

        if (_channel.Writer.TryWrite(new QueuedText(text, pacing.Departure)))
        {
            return ValueTask.FromResult(new TextAdmission(TextAdmissionResult.Queued, pacing.Backlog, pacing.Departure));
        }

        _pacing.Release(text.Sender, text.Segments.Segments);
        _duplicates.Release(key);
        var refused = _channel.Reader.Completion.IsCompleted || _completed ? TextAdmissionResult.ShuttingDown : TextAdmissionResult.QueueFull;
        return ValueTask.FromResult(new TextAdmission(refused));
    }

    public async ValueTask<QueuedText?> TakeAsync(CancellationToken cancellationToken)
    {
        while (await _channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (_channel.Reader.TryRead(out var text))
            {
                return text;
            }
        }

        return null;
    }

    public ValueTask<bool> BeginSendingAsync(QueuedText text) => ValueTask.FromResult(true);

    public ValueTask SentAsync(QueuedText text, string? messageSid) => ValueTask.CompletedTask;

    public ValueTask AbandonAsync(QueuedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _pacing.Release(text.Text.Sender, text.Text.Segments.Segments);
        return ValueTask.CompletedTask;
    }

    // Nobody else could take it: a text left in memory is as good as abandoned.
    public ValueTask ReleaseAsync(QueuedText text) => AbandonAsync(text);

    // Only a text another process began sending is reconciled, and no other process sees this queue.
    public ValueTask<long> CountFailedReconcileAsync(QueuedText text) => ValueTask.FromResult(0L);

    public ValueTask<long?> CountQueuedAsync() => ValueTask.FromResult<long?>(_channel.Reader.Count);

    public void Complete()
    {
        _completed = true;
        _channel.Writer.TryComplete();
    }

    public IReadOnlyList<QueuedText> TakeLeftBehind()
    {
        var left = new List<QueuedText>();
        while (_channel.Reader.TryRead(out var text))
        {
            left.Add(text);
        }

        return left;
    }

    private static string ClaimKey(OutboundText text) => text.CallSid + "\n" + text.NodeId;
}
