using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace IvrService.Twilio.Webhooks;

/// <summary>An incoming message (SMS, MMS, WhatsApp).</summary>
[ModelBinder(typeof(TwilioWebhookModelBinder))]
[ValidateNever]
public class SmsRequest : TwilioRequest
{
    // Twilio allows 10 attachments; scanning a little further costs nothing and survives a future raise.
    private const int MaxMediaScanned = 50;

    /// <summary><c>MessageSid</c>.</summary>
    public string? MessageSid { get; set; }

    /// <summary><c>SmsSid</c> (deprecated alias of MessageSid).</summary>
    public string? SmsSid { get; set; }

    /// <summary><c>SmsMessageSid</c> (deprecated alias of MessageSid).</summary>
    public string? SmsMessageSid { get; set; }

    /// <summary><c>MessagingServiceSid</c>.</summary>
    public string? MessagingServiceSid { get; set; }

    /// <summary><c>Body</c>: the message text.</summary>
    public string? Body { get; set; }

    /// <summary><c>NumMedia</c>; typed as <see cref="NumMediaValue"/>.</summary>
    public string? NumMedia { get; set; }

    /// <summary><c>NumSegments</c>; typed as <see cref="NumSegmentsValue"/>.</summary>
    public string? NumSegments { get; set; }

    /// <summary><c>SmsStatus</c> (<c>received</c>).</summary>
    public string? SmsStatus { get; set; }

    /// <summary><c>MessageStatus</c> (message status callbacks).</summary>
    public string? MessageStatus { get; set; }

    /// <summary><c>OptOutType</c> (e.g. <c>STOP</c>).</summary>
    public string? OptOutType { get; set; }

    /// <summary><c>ReferralNumMedia</c>.</summary>
    public string? ReferralNumMedia { get; set; }

    /// <summary><c>ProfileName</c> (WhatsApp).</summary>
    public string? ProfileName { get; set; }

    /// <summary><c>WaId</c> (WhatsApp).</summary>
    public string? WaId { get; set; }

    /// <summary>The attachments, from <c>MediaUrl{N}</c>/<c>MediaContentType{N}</c>, in index order.</summary>
    public IReadOnlyList<SmsMedia> Media { get; set; } = [];

    /// <summary><see cref="NumMedia"/> parsed.</summary>
    public int? NumMediaValue => WebhookValues.Int(NumMedia);

    /// <summary><see cref="NumSegments"/> parsed.</summary>
    public int? NumSegmentsValue => WebhookValues.Int(NumSegments);

    /// <summary>Reads an incoming message from its form (or query) parameters. Never throws on content.</summary>
    public static SmsRequest FromForm(IFormCollection form) => Create<SmsRequest>(form);

    /// <summary>
    /// Minimal-API binding (<c>app.MapPost("/x", (SmsRequest request) => …)</c>), also under the request-delegate source
    /// generator: reads the form (or the query of a GET) through <see cref="FromForm"/>. Null only for a body that
    /// is not a readable form.
    /// </summary>
    public static ValueTask<SmsRequest?> BindAsync(HttpContext context) => BindAsync<SmsRequest>(context);

    private protected override void Read(IFormCollection form)
    {
        base.Read(form);
        MessageSid = WebhookValues.Get(form, "MessageSid");
        SmsSid = WebhookValues.Get(form, "SmsSid");
        SmsMessageSid = WebhookValues.Get(form, "SmsMessageSid");
        MessagingServiceSid = WebhookValues.Get(form, "MessagingServiceSid");
        Body = WebhookValues.Get(form, "Body");
        NumMedia = WebhookValues.Get(form, "NumMedia");
        NumSegments = WebhookValues.Get(form, "NumSegments");
        SmsStatus = WebhookValues.Get(form, "SmsStatus");
        MessageStatus = WebhookValues.Get(form, "MessageStatus");
        OptOutType = WebhookValues.Get(form, "OptOutType");
        ReferralNumMedia = WebhookValues.Get(form, "ReferralNumMedia");
        ProfileName = WebhookValues.Get(form, "ProfileName");
        WaId = WebhookValues.Get(form, "WaId");
        Media = ReadMedia(form, NumMediaValue ?? 0);
    }

    // NumMedia is a hint, not the truth: URLs present beyond it are kept, gaps are skipped, garbage counts are ignored.
    private static SmsMedia[] ReadMedia(IFormCollection form, int declared)
    {
        List<SmsMedia>? media = null;
        for (var i = 0; i < MaxMediaScanned; i++)
        {
            var index = i.ToString(CultureInfo.InvariantCulture);
            var url = WebhookValues.Get(form, "MediaUrl" + index);
            if (url is null)
            {
                if (i >= declared)
                {
                    break;
                }

                continue;
            }

            (media ??= []).Add(new SmsMedia(i, url, WebhookValues.Get(form, "MediaContentType" + index)));
        }

        return media is null ? [] : [.. media];
    }
}
