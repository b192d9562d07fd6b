using IvrService.Twilio.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace IvrService.Twilio.Webhooks;

/// <summary>A voice Fallback URL request: the voice parameters plus <c>ErrorCode</c> and <c>ErrorUrl</c>.</summary>
[ModelBinder(typeof(TwilioWebhookModelBinder))]
[ValidateNever]
public class FallbackRequest : VoiceRequest, IFallbackRequest
{
    /// <inheritdoc />
    public string? ErrorCode { get; set; }

    /// <inheritdoc />
    public string? ErrorUrl { get; set; }

    /// <inheritdoc />
    public int? ErrorCodeValue => WebhookValues.Int(ErrorCode);

    /// <inheritdoc />
    public TwilioError Error => TwilioErrorCatalog.TryParse(ErrorCode);

    /// <summary>Reads a voice fallback request from its form (or query) parameters. Never throws on content.</summary>
    public static new FallbackRequest FromForm(IFormCollection form) => Create<FallbackRequest>(form);

    /// <summary>
    /// Minimal-API binding (<c>app.MapPost("/x", (FallbackRequest request) => …)</c>), also under the request-delegate source
    /// generator: reads the form (or the query of a GET) through <see cref="FromForm"/>. Null only for a body that
    /// is not a readable form.
    /// </summary>
    public static new ValueTask<FallbackRequest?> BindAsync(HttpContext context) => BindAsync<FallbackRequest>(context);

    private protected override void Read(IFormCollection form)
    {
        base.Read(form);
        ErrorCode = WebhookValues.Get(form, "ErrorCode");
        ErrorUrl = WebhookValues.Get(form, "ErrorUrl");
    }
}
