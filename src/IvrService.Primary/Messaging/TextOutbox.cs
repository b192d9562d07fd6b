using IvrService.Flow;
using IvrService.Hosting.Logging;
using IvrService.Twilio.AspNetCore;
using IvrService.Twilio.Messaging;
using IvrService.Twilio.Rest;
using IvrService.Twilio.Webhooks;
using Microsoft.Extensions.Options;

namespace IvrService.Primary.Messaging;

/// <summary>What became of a text step when the webhook offered it.</summary>
public enum TextSubmissionOutcome
{
    /// <summary>Queued; the background sender will send it.</summary>
    Queued,

    /// <summary>Already sent for this call and node: not sent again, and the caller hears the same as the first time.</summary>
    Duplicate,

    /// <summary>Development without credentials: logged with its body and dropped; the caller hears the flow as designed.</summary>
    NotConfigured,

    /// <summary><c>Messaging:Enabled</c> is false.</summary>
    Disabled,

    /// <summary>No number to text (caller ID withheld, a SIP or client caller) or no usable sender, or no CallSid.</summary>
    NoAddress,

    /// <summary>The outbound queue is full.</summary>
    QueueFull,

    /// <summary>The sender's queue at Twilio would pass its 10-hour limit.</summary>
    SenderBacklogFull,

    /// <summary>The app is shutting down.</summary>
    ShuttingDown,

    /// <summary>The shared queue (Redis) did not answer within <c>State:Timeout</c>.</summary>
    StateUnavailable,
}

/// <summary>
/// The webhook side of outbound texts. <see cref="SubmitAsync"/> never throws for bad input and waits for nothing but
/// the shared store (bounded by <c>State:Timeout</c>; in memory it completes at once): it resolves recipient and
/// sender, then the <see cref="ITextStore"/> suppresses duplicates, checks the sender's pacing and queues the text for
/// <see cref="TextSenderService"/>. Whatever happens, the call goes on.
/// </summary>
public sealed class TextOutbox
{
    private readonly MessagingOptions _options;
    private readonly ITextStore _store;
    private readonly ILogger<TextOutbox> _logger;
    private readonly bool _configured;

    internal TextOutbox(
        IOptions<MessagingOptions> options,
        IOptions<TwilioOptions> twilio,
        ITextStore store,
        ILogger<TextOutbox> logger)
    {
        _options = options.Value;
        _store = store;
        _logger = logger;
        _configured = TextCredentials.From(twilio.Value) is not null;
    }

    /// <summary>Offers <paramref name="step"/> of the call <paramref name="call"/> for sending.</summary>
    /// <param name="step">The flow's text step.</param>
    /// <param name="call">The webhook that reached it.</param>
    /// <param name="idempotencyToken">The webhook's <c>I-Twilio-Idempotency-Token</c> header, if any.</param>
    public ValueTask<TextSubmissionOutcome> SubmitAsync(SendTextStep step, VoiceRequest call, string? idempotencyToken = null)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(call);
        var callSid = call.CallSid;
        if (string.IsNullOrEmpty(callSid) || callSid.Length > 64)
        {
            TextLog.NoAddress(_logger, step.NodeId, null, "the request has no usable CallSid, so a repeat could not be told apart");
            return ValueTask.FromResult(TextSubmissionOutcome.NoAddress);
        }

        if (!_options.Enabled)
        {
            TextLog.Disabled(_logger, step.NodeId, callSid);
            return ValueTask.FromResult(TextSubmissionOutcome.Disabled);
        }

        var to = step.To ?? call.From;
        if (!PhoneTargets.IsE164(to) || TwilioCallerIds.IsWithheld(to))
        {
            TextLog.NoAddress(_logger, step.NodeId, callSid, step.To is null
                ? $"the caller's number {PhoneNumberMask.Mask(Shorten(call.From)) ?? "(none)"} cannot receive texts (withheld, SIP or client)"
                : "the node's recipient is not an E.164 number");
            return ValueTask.FromResult(TextSubmissionOutcome.NoAddress);
        }

        var sender = step.From ?? NonEmpty(_options.MessagingServiceSid) ?? NonEmpty(_options.From) ?? call.To;
        var viaService = sender is not null && PhoneTargets.IsMessagingServiceSid(sender);
        if (sender is null || (!viaService && !PhoneTargets.IsE164(sender)))
        {
            TextLog.NoAddress(_logger, step.NodeId, callSid,
                $"no sender: the called number {PhoneNumberMask.Mask(Shorten(call.To)) ?? "(none)"} is not a phone number; set Messaging:From or the node's \"from\"");
            return ValueTask.FromResult(TextSubmissionOutcome.NoAddress);
        }

        var request = new CreateMessageRequest
        {
            To = to!,
            From = viaService ? null : sender,
            MessagingServiceSid = viaService ? sender : null,
            Body = step.Body,
        };
        // Enabled was checked above; without credentials nothing is sent.
        if (!_configured)
        {
            TextLog.NotConfigured(_logger, step.NodeId, callSid, PhoneNumberMask.Mask(to), sender, step.Body);
            return ValueTask.FromResult(TextSubmissionOutcome.NotConfigured);
        }

        var text = new OutboundText(callSid, step.NodeId, request, sender, SmsSegmentCalculator.Calculate(step.Body));
        var token = idempotencyToken is { Length: > 0 and <= 128 } ? idempotencyToken : null;
        var admission = _store.AdmitAsync(text, token);
        return admission.IsCompletedSuccessfully ? ValueTask.FromResult(Report(text, admission.Result)) : AwaitAsync(text, admission);
    }

    private async ValueTask<TextSubmissionOutcome> AwaitAsync(OutboundText text, ValueTask<TextAdmission> admission) =>
        Report(text, await admission.ConfigureAwait(false));

    private TextSubmissionOutcome Report(OutboundText text, TextAdmission admission)
    {
        switch (admission.Result)
        {
            case TextAdmissionResult.Queued:
                TextLog.Queued(_logger, text.NodeId, text.CallSid, text.MaskedTo, text.Sender, text.Segments.Segments, text.Segments.EncodingName,
                    admission.Departure, Math.Round(admission.Backlog.TotalSeconds, 1));
                return TextSubmissionOutcome.Queued;
            case TextAdmissionResult.Duplicate:
                TextLog.Duplicate(_logger, text.NodeId, text.CallSid, _options.DuplicateWindow.TotalMinutes);
                return TextSubmissionOutcome.Duplicate;
            case TextAdmissionResult.SenderBacklogFull:
                TextLog.BacklogRefused(_logger, text.NodeId, text.CallSid, text.Sender, Math.Round(admission.Backlog.TotalSeconds, 1), text.Segments.Segments,
                    _options.MaxSenderBacklog.TotalHours);
                return TextSubmissionOutcome.SenderBacklogFull;
            case TextAdmissionResult.ShuttingDown:
                TextLog.RefusedAtShutdown(_logger, text.NodeId, text.CallSid);
                return TextSubmissionOutcome.ShuttingDown;
            case TextAdmissionResult.QueueFull:
                TextLog.QueueFull(_logger, text.NodeId, text.CallSid, _options.QueueCapacity);
                return TextSubmissionOutcome.QueueFull;
            default:
                TextLog.StateUnavailable(_logger, text.NodeId, text.CallSid, admission.Reason ?? "no answer");
                return TextSubmissionOutcome.StateUnavailable;
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Shorten(string? value) => value is { Length: > 64 } ? value[..64] : value;
}

/// <summary>Helpers for <see cref="TextSubmissionOutcome"/>.</summary>
public static class TextSubmissionOutcomeExtensions
{
    /// <summary>True when the caller may be told the text is on its way (the flow's sent prompt).</summary>
    public static bool IsAccepted(this TextSubmissionOutcome outcome) =>
        outcome is TextSubmissionOutcome.Queued or TextSubmissionOutcome.Duplicate or TextSubmissionOutcome.NotConfigured;
}
