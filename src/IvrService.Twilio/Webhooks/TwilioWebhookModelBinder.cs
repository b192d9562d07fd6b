using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace IvrService.Twilio.Webhooks;

/// <summary>
/// MVC binding for the webhook models: the same lenient <c>FromForm</c> readers, so <c>[FromForm] VoiceRequest</c> in
/// a controller and <c>VoiceRequest.FromForm(form)</c> in a minimal API give identical results (including the
/// numbered media list MVC's property binding cannot express). GET webhooks are read from the query string.
/// </summary>
public sealed class TwilioWebhookModelBinder : IModelBinder
{
    /// <inheritdoc />
    public async Task BindModelAsync(ModelBindingContext bindingContext)
    {
        ArgumentNullException.ThrowIfNull(bindingContext);
        var form = await WebhookForms.ReadAsync(bindingContext.HttpContext, bindingContext.ModelType.Name).ConfigureAwait(false);
        if (form is null)
        {
            // Signature validation answers an unreadable form before binding; this is reached only with validation
            // off. MVC would hand the action a null model (a 500), so bind what the query carries instead: the
            // reason is logged and the call still gets TwiML.
            bindingContext.ModelState.AddModelError(bindingContext.ModelName, "The request body is not a readable form.");
            form = WebhookForms.FromQuery(bindingContext.HttpContext.Request);
        }

        object? model = bindingContext.ModelType switch
        {
            var t when t == typeof(FallbackRequest) => FallbackRequest.FromForm(form),
            var t when t == typeof(StatusCallbackRequest) => StatusCallbackRequest.FromForm(form),
            var t when t == typeof(VoiceRequest) => VoiceRequest.FromForm(form),
            var t when t == typeof(SmsFallbackRequest) => SmsFallbackRequest.FromForm(form),
            var t when t == typeof(SmsRequest) => SmsRequest.FromForm(form),
            _ => null,
        };

        bindingContext.Result = model is null ? ModelBindingResult.Failed() : ModelBindingResult.Success(model);
    }
}
