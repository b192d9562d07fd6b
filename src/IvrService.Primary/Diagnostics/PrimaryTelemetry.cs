using System.Diagnostics;
using System.Diagnostics.Metrics;
using IvrService.Flow;
using IvrService.Primary.Messaging;
using IvrService.Twilio.Diagnostics;
using IvrService.Twilio.Webhooks;

namespace IvrService.Primary.Diagnostics;

/// <summary>
/// The primary's own instruments on the <c>IvrService</c> meter — calls ended by the flow (by node and outcome),
/// status callbacks by <c>CallStatus</c>, texts by stage and outcome, the text queue's depth — and its spans:
/// <c>ivr.flow.turn</c>, <c>ivr.twiml.render</c>, <c>ivr.text.enqueue</c> and <c>ivr.text.send</c>.
/// </summary>
public sealed class PrimaryTelemetry
{
    public const string CallsEndedName = "ivr.calls.ended";
    public const string CallStatusName = "ivr.calls.status";
    public const string TextsName = "ivr.texts";
    public const string QueueDepthName = "ivr.texts.queue_depth";
    public const string Stage = "ivr.stage";

    private readonly Counter<long> _callsEnded;
    private readonly Counter<long> _callStatus;
    private readonly Counter<long> _texts;
    private readonly ITextStore _store;
    private long _lastQueueDepth;
    private int _refreshing;

    internal PrimaryTelemetry(IMeterFactory meters, ITextStore store)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _store = store;
        var meter = meters.Create(IvrTelemetry.Name);
        _callsEnded = meter.CreateCounter<long>(CallsEndedName, unit: "{call}",
            description: "Calls the flow ended (a hang-up step), by the node and outcome of the last turn.");
        _callStatus = meter.CreateCounter<long>(CallStatusName, unit: "{call}",
            description: "Call status callbacks by CallStatus (completed, busy, no-answer, failed, canceled).");
        _texts = meter.CreateCounter<long>(TextsName, unit: "{text}",
            description: "Texts by stage (submit: the webhook offered it; send: the sender finished with it) and outcome.");
        meter.CreateObservableGauge(QueueDepthName, ObserveQueueDepth, unit: "{text}",
            description: "Texts waiting or being sent (in Redis: by every replica).");
    }

    /// <summary>A span of ours under the current one (the webhook's, inside a webhook).</summary>
    public static Activity? Start(string name) => IvrTelemetry.Source.StartActivity(name);

    /// <summary>Counts the turn when it ends the call and tags the webhook with its node and outcome.</summary>
    public void Turn(TwilioWebhookActivity? webhook, IvrTurn turn)
    {
        if (webhook is not null)
        {
            webhook.Outcome = turn.Outcome;
            webhook.SetTag(IvrTelemetry.Node, turn.NodeId);
        }

        if (turn.Steps.Count > 0 && turn.Steps[^1] is HangupStep)
        {
            _callsEnded.Add(1,
                new KeyValuePair<string, object?>(IvrTelemetry.Node, turn.NodeId),
                new KeyValuePair<string, object?>(IvrTelemetry.Outcome, turn.Outcome));
        }
    }

    /// <summary>A status callback: counted by its final <c>CallStatus</c>; anything else (in progress, unknown, none) is <c>other</c>.</summary>
    public void Status(TwilioWebhookActivity? webhook, TwilioCallStatus? callStatus)
    {
        var status = callStatus switch
        {
            TwilioCallStatus.Completed => "completed",
            TwilioCallStatus.Busy => "busy",
            TwilioCallStatus.NoAnswer => "no-answer",
            TwilioCallStatus.Failed => "failed",
            TwilioCallStatus.Canceled => "canceled",
            _ => "other",
        };
        if (webhook is not null)
        {
            webhook.Outcome = "status-" + status;
            webhook.SetTag(IvrTelemetry.CallStatus, status);
        }

        _callStatus.Add(1, new KeyValuePair<string, object?>(IvrTelemetry.CallStatus, status));
    }

    /// <summary>What the webhook's offer of a text came to.</summary>
    public void TextSubmitted(TextSubmissionOutcome outcome) => Text("submit", TextOutcomes.Name(outcome));

    /// <summary>What the sender finished a text with: <c>sent</c>, <c>rejected</c>, <c>gave-up</c>, <c>failed</c>, …</summary>
    public void TextFinished(string outcome) => Text("send", outcome);

    private void Text(string stage, string outcome) => _texts.Add(1,
        new KeyValuePair<string, object?>(Stage, stage),
        new KeyValuePair<string, object?>(IvrTelemetry.Outcome, outcome));

    // A scrape must not wait on Redis: answer the last known depth and refresh it in the background.
    private long ObserveQueueDepth()
    {
        var count = _store.CountQueuedAsync();
        if (count.IsCompletedSuccessfully)
        {
            if (count.Result is { } now)
            {
                Volatile.Write(ref _lastQueueDepth, now);
            }

            return Volatile.Read(ref _lastQueueDepth);
        }

        if (Interlocked.Exchange(ref _refreshing, 1) == 0)
        {
            _ = RefreshAsync(count);
        }

        return Volatile.Read(ref _lastQueueDepth);
    }

    private async Task RefreshAsync(ValueTask<long?> count)
    {
        try
        {
            if (await count.ConfigureAwait(false) is { } now)
            {
                Volatile.Write(ref _lastQueueDepth, now);
            }
        }
        finally
        {
            Volatile.Write(ref _refreshing, 0);
        }
    }
}

/// <summary>Text outcomes as metric labels (kebab case, stable).</summary>
internal static class TextOutcomes
{
    public static string Name(TextSubmissionOutcome outcome) => outcome switch
    {
        TextSubmissionOutcome.Queued => "queued",
        TextSubmissionOutcome.Duplicate => "duplicate",
        TextSubmissionOutcome.NotConfigured => "not-configured",
        TextSubmissionOutcome.Disabled => "disabled",
        TextSubmissionOutcome.NoAddress => "no-address",
        TextSubmissionOutcome.QueueFull => "queue-full",
        TextSubmissionOutcome.SenderBacklogFull => "sender-backlog-full",
        TextSubmissionOutcome.ShuttingDown => "shutting-down",
        TextSubmissionOutcome.StateUnavailable => "state-unavailable",
        _ => "other",
    };
}
