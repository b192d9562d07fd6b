using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

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
        var request = bindingContext.HttpContext.Request;

        IFormCollection form;
        if (request.HasFormContentType)
        {
            try
            {
                form = await request.ReadFormAsync(bindingContext.HttpContext.RequestAborted).ConfigureAwait(false);
            }
            catch (InvalidDataException ex)
            {
                // A body that is not a form at all (or over the form limits) is the one case that fails binding.
                bindingContext.HttpContext.RequestServices.GetService<ILoggerFactory>()
                    ?.CreateLogger<TwilioWebhookModelBinder>()
                    .LogWarning(ex, "Twilio webhook body for {ModelType} could not be read as a form", bindingContext.ModelType.Name);
                bindingContext.ModelState.AddModelError(bindingContext.ModelName, "The request body is not a readable form.");
                bindingContext.Result = ModelBindingResult.Failed();
                return;
            }
        }
        else
        {
            var query = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in request.Query)
            {
                query[key] = value;
            }

            form = new FormCollection(query);
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
