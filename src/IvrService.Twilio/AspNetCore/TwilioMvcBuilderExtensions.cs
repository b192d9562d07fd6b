using IvrService.Twilio.Webhooks;
using Microsoft.AspNetCore.Mvc.ModelBinding;

// Extensions live in the framework's namespace so callers need no extra usings (ServiceDefaults style).
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>MVC settings for controllers that take Twilio webhook models.</summary>
public static class TwilioMvcBuilderExtensions
{
    /// <summary>
    /// Tells MVC not to walk the properties of webhook models during model validation. They are lenient by design
    /// (every property an optional string, typed views that never throw) and carry no validation attributes, so the
    /// walk over forty-odd properties per request finds nothing and was a measurable share of a webhook's cost.
    /// </summary>
    /// <param name="builder">The MVC builder from <c>AddControllers()</c>.</param>
    /// <returns>The same builder.</returns>
    public static IMvcBuilder AddTwilioWebhooks(this IMvcBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddMvcOptions(options =>
            options.ModelMetadataDetailsProviders.Add(new SuppressChildValidationMetadataProvider(typeof(TwilioRequest))));
        return builder;
    }
}
