using System.Threading.Channels;
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
}

/// <summary>A text accepted for sending, with what the sender needs to send and log it.</summary>
internal sealed record OutboundText(
    string CallSid, string NodeId, string DedupeKey, CreateMessageRequest Request, string Sender, SmsSegmentInfo Segments, DateTimeOffset EstimatedDeparture)
{
    public string? MaskedTo => PhoneNumberMask.Mask(Request.To);
}

/// <summary>
/// The webhook side of outbound texts. <see cref="Submit"/> never blocks and never throws for bad input: it resolves
/// recipient and sender, suppresses duplicates, checks the sender's pacing and hands the text to a bounded channel
/// that <see cref="TextSenderService"/> drains in the background. Whatever happens, the call goes on.
/// </summary>
public sealed class TextOutbox
{
    // Twilio's caller ID for a withheld number is a keypad spelling, e.g. +266696687 = ANONYMOUS, and looks like E.164.
    private static readonly HashSet<string> WithheldCallerIds = new(StringComparer.Ordinal)
    {
        "+266696687", "+7378742833", "+8656696", "+2562533", "+86282452253",
    };

    private readonly Channel<OutboundText> _channel;
    private readonly MessagingOptions _options;
    private readonly TextDeduplicator _duplicates;
    private readonly SenderPacing _pacing;
    private readonly ILogger<TextOutbox> _logger;
    private readonly bool _configured;
    private volatile bool _completed;

    internal TextOutbox(
        IOptions<MessagingOptions> options,
        IOptions<TwilioOptions> twilio,
        TextDeduplicator duplicates,
        SenderPacing pacing,
        ILogger<TextOutbox> logger)
    {
        _options = options.Value;
        _duplicates = duplicates;
        _pacing = pacing;
        _logger = logger;
        _configured = TextCredentials.From(twilio.Value) is not null;
        _channel = Channel.CreateBounded<OutboundText>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    internal ChannelReader<OutboundText> Reader => _channel.Reader;

    /// <summary>Offers <paramref name="step"/> of the call <paramref name="call"/> for sending.</summary>
    public TextSubmissionOutcome Submit(SendTextStep step, VoiceRequest call)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(call);
        var callSid = call.CallSid;
        if (string.IsNullOrEmpty(callSid) || callSid.Length > 64)
        {
            TextLog.NoAddress(_logger, step.NodeId, null, "the request has no usable CallSid, so a repeat could not be told apart");
            return TextSubmissionOutcome.NoAddress;
        }

        if (!_options.Enabled)
        {
            TextLog.Disabled(_logger, step.NodeId, callSid);
            return TextSubmissionOutcome.Disabled;
        }

        var to = step.To ?? call.From;
        if (!PhoneTargets.IsE164(to) || WithheldCallerIds.Contains(to!))
        {
            TextLog.NoAddress(_logger, step.NodeId, callSid, step.To is null
                ? $"the caller's number {PhoneNumberMask.Mask(Shorten(call.From)) ?? "(none)"} cannot receive texts (withheld, SIP or client)"
                : "the node's recipient is not an E.164 number");
            return TextSubmissionOutcome.NoAddress;
        }

        var sender = step.From ?? NonEmpty(_options.MessagingServiceSid) ?? NonEmpty(_options.From) ?? call.To;
        var viaService = sender is not null && PhoneTargets.IsMessagingServiceSid(sender);
        if (sender is null || (!viaService && !PhoneTargets.IsE164(sender)))
        {
            TextLog.NoAddress(_logger, step.NodeId, callSid,
                $"no sender: the called number {PhoneNumberMask.Mask(Shorten(call.To)) ?? "(none)"} is not a phone number; set Messaging:From or the node's \"from\"");
            return TextSubmissionOutcome.NoAddress;
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
            return TextSubmissionOutcome.NotConfigured;
        }

        var segments = SmsSegmentCalculator.Calculate(step.Body);

        var key = callSid + "\n" + step.NodeId;
        if (!_duplicates.TryClaim(key))
        {
            TextLog.Duplicate(_logger, step.NodeId, callSid, _options.DuplicateWindow.TotalMinutes);
            return TextSubmissionOutcome.Duplicate;
        }

        var pacing = _pacing.TryReserve(sender, segments.Segments);
        if (!pacing.Accepted)
        {
            _duplicates.Release(key);
            TextLog.BacklogRefused(_logger, step.NodeId, callSid, sender, Math.Round(pacing.Backlog.TotalSeconds, 1), segments.Segments,
                _options.MaxSenderBacklog.TotalHours);
            return TextSubmissionOutcome.SenderBacklogFull;
        }

        var text = new OutboundText(callSid, step.NodeId, key, request, sender, segments, pacing.Departure);
        if (_channel.Writer.TryWrite(text))
        {
            TextLog.Queued(_logger, step.NodeId, callSid, text.MaskedTo, sender, segments.Segments, segments.EncodingName,
                pacing.Departure, Math.Round(pacing.Backlog.TotalSeconds, 1));
            return TextSubmissionOutcome.Queued;
        }

        _pacing.Release(sender, segments.Segments);
        _duplicates.Release(key);
        if (_channel.Reader.Completion.IsCompleted || _completed)
        {
            TextLog.RefusedAtShutdown(_logger, step.NodeId, callSid);
            return TextSubmissionOutcome.ShuttingDown;
        }

        TextLog.QueueFull(_logger, step.NodeId, callSid, _options.QueueCapacity);
        return TextSubmissionOutcome.QueueFull;
    }

    /// <summary>Stops accepting texts (shutdown); queued ones can still be read.</summary>
    internal void Complete()
    {
        _completed = true;
        _channel.Writer.TryComplete();
    }

    /// <summary>A queued text was not sent after all: give back its pacing so later estimates stay right.</summary>
    internal void Abandon(OutboundText text) => _pacing.Release(text.Sender, text.Segments.Segments);

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
