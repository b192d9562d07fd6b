using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace IvrService.Twilio.Webhooks;

/// <summary>A call status callback: the voice parameters plus duration, timestamp and sequencing.</summary>
[ModelBinder(typeof(TwilioWebhookModelBinder))]
[ValidateNever]
public class StatusCallbackRequest : VoiceRequest
{
    /// <summary><c>CallDuration</c> in seconds (completed calls).</summary>
    public string? CallDuration { get; set; }

    /// <summary><c>Duration</c> in billed minutes.</summary>
    public string? Duration { get; set; }

    /// <summary><c>Timestamp</c> (RFC 2822).</summary>
    public string? Timestamp { get; set; }

    /// <summary><c>CallbackSource</c> (<c>call-progress-events</c>).</summary>
    public string? CallbackSource { get; set; }

    /// <summary><c>SequenceNumber</c>: orders callbacks that arrive out of order.</summary>
    public string? SequenceNumber { get; set; }

    /// <summary><see cref="CallDuration"/> parsed.</summary>
    public int? CallDurationValue => WebhookValues.Int(CallDuration);

    /// <summary><see cref="Duration"/> parsed.</summary>
    public int? DurationValue => WebhookValues.Int(Duration);

    /// <summary><see cref="Timestamp"/> parsed.</summary>
    public DateTimeOffset? TimestampValue => WebhookValues.Timestamp(Timestamp);

    /// <summary><see cref="SequenceNumber"/> parsed.</summary>
    public int? SequenceNumberValue => WebhookValues.Int(SequenceNumber);

    /// <summary>Reads a status callback from its form (or query) parameters. Never throws on content.</summary>
    public static new StatusCallbackRequest FromForm(IFormCollection form) => Create<StatusCallbackRequest>(form);

    /// <summary>
    /// Minimal-API binding (<c>app.MapPost("/x", (StatusCallbackRequest request) => …)</c>), also under the request-delegate source
    /// generator: reads the form (or the query of a GET) through <see cref="FromForm"/>. Null only for a body that
    /// is not a readable form.
    /// </summary>
    public static new ValueTask<StatusCallbackRequest?> BindAsync(HttpContext context) => BindAsync<StatusCallbackRequest>(context);

    private protected override void Read(IFormCollection form)
    {
        base.Read(form);
        CallDuration = WebhookValues.Get(form, "CallDuration");
        Duration = WebhookValues.Get(form, "Duration");
        Timestamp = WebhookValues.Get(form, "Timestamp");
        CallbackSource = WebhookValues.Get(form, "CallbackSource");
        SequenceNumber = WebhookValues.Get(form, "SequenceNumber");
    }
}
