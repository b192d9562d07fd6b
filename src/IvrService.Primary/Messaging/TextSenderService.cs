using System.Diagnostics.CodeAnalysis;
using System.Diagnostics;
using IvrService.Flow;
using IvrService.Primary.Diagnostics;
using IvrService.Twilio.Diagnostics;
using IvrService.Twilio.AspNetCore;
using IvrService.Twilio.Rest;
using Microsoft.Extensions.Options;

namespace IvrService.Primary.Messaging;

/// <summary>The random share taken off a back-off (a number in [0, 1)); replaced in tests to make timings exact.</summary>
public sealed class TextJitter(Func<double> next)
{
    /// <summary>Shared randomness.</summary>
    public static TextJitter Random { get; } = new(System.Random.Shared.NextDouble);

    /// <summary>The next value in [0, 1).</summary>
    public double Next() => next();
}

/// <summary>
/// Sends queued texts through Twilio's Messages API, one at a time per replica, off the webhook path. A 429, a 5xx, a timeout or
/// a connection failure is retried up to <see cref="MessagingOptions.MaxAttempts"/> with capped exponential back-off
/// and jitter (a 429's Retry-After is honoured), on the next edge each time; a connection failure moves to an untried
/// edge at once. Another 4xx is logged with Twilio's error code and dropped. Retries hold the queue on purpose: 429
/// and 5xx are account-wide. At shutdown an in-memory queue is drained until <see cref="MessagingOptions.DrainDeadline"/>
/// and every text left is logged as not sent; a shared (Redis) queue keeps them for the other replicas. A text another
/// replica died sending is reconciled first: when Twilio already has it (same To, sender and body, created since the
/// dead replica began), it is not sent again.
/// </summary>
internal sealed class TextSenderService(
    ITextStore store,
    IHttpClientFactory httpClients,
    IOptions<MessagingOptions> options,
    IOptions<TwilioOptions> twilio,
    FlowDefinition flow,
    TextJitter jitter,
    PrimaryTelemetry telemetry,
    TimeProvider time,
    ILogger<TextSenderService> logger) : BackgroundService
{
    /// <summary>The named HttpClient the REST calls use (tests point it at a stand-in).</summary>
    public const string HttpClientName = "twilio-messages";

    private readonly MessagingOptions _options = options.Value;
    private readonly CancellationTokenSource _abort = new();
    private readonly Lock _gate = new();
    private CancellationTokenSource? _deadline;
    private QueuedText? _current;

    // Dead replicas' texts are searched among the caller's latest messages from the sender (newest first).
    private const int ReconcilePageSize = 50;
    private const int ReconcilePages = 4;

    // Clocks of two replicas, and of a replica and Twilio, disagree by a little.
    private static readonly TimeSpan ReconcileSkew = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Yield first: the host must not wait on this loop to finish starting.
        await Task.Yield();
        var credentials = TextCredentials.From(twilio.Value);
        var restOptions = TextCredentials.RestOptions(_options);
        ReportStart(credentials, restOptions);
        if (credentials is null || !_options.Enabled)
        {
            // Nothing is ever queued (the outbox logs each text instead), and a shared queue is left to the replicas that can send.
            return;
        }

        // Not stoppingToken: at shutdown the queue is drained until the deadline, not dropped at once.
        try
        {
            while (await store.TakeAsync(_abort.Token).ConfigureAwait(false) is { } text)
            {
                _current = text;
                await SendTracedAsync(text, credentials, restOptions, _abort.Token).ConfigureAwait(false);
                _current = null;
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            if (_current is { } interrupted)
            {
                await LeaveAsync(interrupted).ConfigureAwait(false);
            }

            foreach (var left in store.TakeLeftBehind())
            {
                await LeaveAsync(left).ConfigureAwait(false);
            }
        }

        if (store.IsDurable)
        {
            TextLog.SenderStopped(logger, await store.CountQueuedAsync().ConfigureAwait(false));
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_deadline is null)
            {
                store.Complete();
                _deadline = new CancellationTokenSource(_options.DrainDeadline, time);
                _deadline.Token.Register(_abort.Cancel);
            }
        }

        try
        {
            await base.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // The host's own shutdown timeout came first: stop now, and still log every text left behind.
            if (ExecuteTask is { IsCompleted: false } running)
            {
                await _abort.CancelAsync().ConfigureAwait(false);
                await running.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    public override void Dispose()
    {
        _deadline?.Dispose();
        _abort.Dispose();
        base.Dispose();
    }

    // The send is a span in the call's trace (its parent the call's virtual root: the webhook that queued it has
    // answered long ago), with the REST calls as children; its outcome is counted.
    private async Task SendTracedAsync(QueuedText queued, TwilioCredentials credentials, TwilioRestClientOptions restOptions, CancellationToken abort)
    {
        var text = queued.Text;
        using var span = TwilioCallTrace.TryGetContext(text.CallSid, out var call)
            ? IvrTelemetry.Source.StartActivity("ivr.text.send", ActivityKind.Producer, call)
            : null;
        span?.SetTag(IvrTelemetry.CallSid, text.CallSid);
        span?.SetTag(IvrTelemetry.Node, text.NodeId);
        span?.SetTag("ivr.text.segments", text.Segments.Segments);
        var outcome = await ProcessAsync(queued, credentials, restOptions, abort).ConfigureAwait(false);
        span?.SetTag(IvrTelemetry.Outcome, outcome);
        if (outcome is "rejected" or "gave-up" or "failed")
        {
            span?.SetStatus(ActivityStatusCode.Error);
        }

        telemetry.TextFinished(outcome);
    }

    // Returns what became of the text: sent, already-sent, reconciled, deferred, not-taken, rejected, gave-up, failed, released.
    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "One text's unexpected failure must not stop the sender for every later text.")]
    private async Task<string> ProcessAsync(QueuedText queued, TwilioCredentials credentials, TwilioRestClientOptions restOptions, CancellationToken abort)
    {
        var text = queued.Text;
        try
        {
            if (queued.MessageSid is { } known)
            {
                TextLog.AlreadySent(logger, text.NodeId, text.CallSid, known);
                await store.SentAsync(queued, null).ConfigureAwait(false);
                return "already-sent";
            }

            if (queued.SendingSince is { } began && time.GetUtcNow() - began is var age && age < _options.AttemptTimeout)
            {
                // The owner we took it from may only be slow (a long pause, a starved timer), with its POST still
                // running: only once the attempt it marked has surely ended can Twilio's list say whether it sent.
                TextLog.TakeOverDeferred(logger, text.NodeId, text.CallSid, Math.Round(age.TotalSeconds, 1), _options.AttemptTimeout.TotalSeconds);
                await store.ReleaseAsync(queued).ConfigureAwait(false);
                return "deferred";
            }

            using var http = httpClients.CreateClient(HttpClientName);
            var client = new TwilioRestClient(http, credentials, restOptions, time);
            if (queued.SendingSince is { } since && await ReconcileAsync(client, queued, since, abort).ConfigureAwait(false) is { } settled)
            {
                return settled;
            }

            var edges = client.BaseUris.Count;
            var backoffs = 0;
            for (var attempt = 0; ; attempt++)
            {
                // Every attempt first checks the text is still this replica's and marks when it began, so whoever takes
                // it over later knows when the last POST could still have been running.
                if (!await store.BeginSendingAsync(queued).ConfigureAwait(false))
                {
                    TextLog.NotTaken(logger, text.NodeId, text.CallSid);
                    return "not-taken";
                }

                var result = await client.TryCreateMessageAsync(text.Request, attempt, abort).ConfigureAwait(false);
                if (result.Succeeded)
                {
                    TextLog.Sent(logger, text.NodeId, text.CallSid, result.Value?.Sid, SegmentsOf(result.Value, text), result.Host, attempt + 1, queued.EstimatedDeparture);
                    await store.SentAsync(queued, result.Value?.Sid).ConfigureAwait(false);
                    return "sent";
                }

                if (!result.Retryable)
                {
                    await store.AbandonAsync(queued).ConfigureAwait(false);
                    TextLog.Rejected(logger, text.NodeId, text.CallSid, text.MaskedTo, result.StatusCode, result.ErrorCode, result.Detail);
                    return "rejected";
                }

                if (attempt + 1 >= _options.MaxAttempts)
                {
                    await store.AbandonAsync(queued).ConfigureAwait(false);
                    TextLog.GaveUp(logger, text.NodeId, text.CallSid, text.MaskedTo, attempt + 1, result.Outcome.ToString(), result.Host, result.Detail);
                    return "gave-up";
                }

                // A refused connection says nothing about the next edge: try it at once while this round has one left.
                var delay = result.Outcome == TwilioAttemptOutcome.ConnectionFailed && TwilioRetry.NextIsUntriedEdge(attempt, edges)
                    ? TimeSpan.Zero
                    : TwilioRetry.Delay(backoffs++, _options.BackoffBase, _options.BackoffCap, result.RetryAfter, _options.MaxRetryAfter,
                        _options.Jitter * jitter.Next());
                TextLog.Retry(logger, text.NodeId, text.CallSid, attempt + 1, _options.MaxAttempts, result.Host, result.Outcome.ToString(),
                    result.StatusCode, result.ErrorCode, result.Detail, (long)delay.TotalMilliseconds);
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, time, abort).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            await store.AbandonAsync(queued).ConfigureAwait(false);
            TextLog.Failed(logger, ex, text.NodeId, text.CallSid);
            return "failed";
        }
    }

    // Null when the text is to be sent now (Twilio has no message like it since the dead replica began sending it);
    // otherwise what became of it.
    private async Task<string?> ReconcileAsync(TwilioRestClient client, QueuedText queued, DateTimeOffset since, CancellationToken abort)
    {
        var text = queued.Text;
        var request = text.Request;
        IReadOnlyList<MessageResource> messages;
        try
        {
            messages = await client.ListMessagesAsync(
                new MessageListFilter { To = request.To, From = request.From, PageSize = ReconcilePageSize, MaxPages = ReconcilePages }, abort).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TwilioApiException or TwilioUnavailableException or HttpRequestException or TimeoutException or System.Text.Json.JsonException)
        {
            var failures = await store.CountFailedReconcileAsync(queued).ConfigureAwait(false);
            if (failures >= _options.MaxAttempts)
            {
                TextLog.ReconcileGaveUp(logger, text.NodeId, text.CallSid, text.MaskedTo, since, failures);
                await store.AbandonAsync(queued).ConfigureAwait(false);
                return "gave-up";
            }

            TextLog.ReconcileFailed(logger, text.NodeId, text.CallSid, ex.Message, failures, _options.MaxAttempts);
            await store.ReleaseAsync(queued).ConfigureAwait(false);
            return "released";
        }

        var earliest = since - ReconcileSkew;
        var match = messages.FirstOrDefault(m =>
            string.Equals(m.To, request.To, StringComparison.Ordinal)
            && (request.From is null ? string.Equals(m.MessagingServiceSid, request.MessagingServiceSid, StringComparison.Ordinal) : string.Equals(m.From, request.From, StringComparison.Ordinal))
            && m.Body is { } body && (body == request.Body || body.EndsWith(" - " + request.Body, StringComparison.Ordinal))
            && (m.DateCreatedAt is not { } created || created >= earliest));
        if (match is not null)
        {
            TextLog.Reconciled(logger, text.NodeId, text.CallSid, match.Sid, match.DateCreatedAt, since);
            await store.SentAsync(queued, match.Sid).ConfigureAwait(false);
            return "reconciled";
        }

        TextLog.Resending(logger, text.NodeId, text.CallSid, since, text.MaskedTo, messages.Count);
        return null;
    }

    private static int SegmentsOf(MessageResource? message, OutboundText text) =>
        int.TryParse(message?.NumSegments, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : text.Segments.Segments;

    // Stopped with the text unsent: a shared queue keeps it for another replica; in memory it is lost, and said so.
    private async Task LeaveAsync(QueuedText queued)
    {
        var text = queued.Text;
        if (store.IsDurable)
        {
            await store.ReleaseAsync(queued).ConfigureAwait(false);
            TextLog.LeftQueued(logger, text.NodeId, text.CallSid);
            return;
        }

        await store.AbandonAsync(queued).ConfigureAwait(false);
        TextLog.NotSentAtShutdown(logger, text.NodeId, text.CallSid, text.MaskedTo, _options.DrainDeadline.TotalSeconds);
    }

    private void ReportStart(TwilioCredentials? credentials, TwilioRestClientOptions restOptions)
    {
        var textNodes = flow.Nodes.Where(n => n.Value is TextNode).Select(n => n.Key).ToList();
        if (!_options.Enabled)
        {
            TextLog.Started(logger, "disabled (Messaging:Enabled=false)", _options.QueueCapacity, _options.MaxAttempts, "-", _options.SegmentsPerSecond);
            return;
        }

        if (credentials is null)
        {
            if (textNodes.Count > 0)
            {
                TextLog.StartedWithoutCredentials(logger, string.Join(", ", textNodes));
            }

            return;
        }

        using var http = new HttpClient();
        var hosts = string.Join(", ", new TwilioRestClient(http, credentials, restOptions).BaseUris.Select(u => u.Host));
        TextLog.Started(logger, $"sending as {credentials}", _options.QueueCapacity, _options.MaxAttempts, hosts, _options.SegmentsPerSecond);
    }
}
