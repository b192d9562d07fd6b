using IvrService.Twilio.Webhooks;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

// Extensions live in the framework's namespace so callers need no extra usings (ServiceDefaults style).
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>MVC settings for controllers that take Twilio webhook models.</summary>
public static class TwilioMvcBuilderExtensions
{
    /// <summary>
    /// Tells MVC not to walk the properties of webhook models during model validation. They are lenient by design
    /// (every property an optional string, typed views that never throw) and carry no validation attributes, so the
    /// walk over forty-odd properties per request finds nothing and was a measurable share of a webhook's cost.
    /// Also removes MVC's form value providers: the webhook models read their own parameters
    /// (<see cref="TwilioWebhookModelBinder"/>: a url-encoded body or the query), while those providers would parse
    /// any multipart body, which Twilio never sends, and a broken one would hand the action a null model (a 500).
    /// </summary>
    /// <param name="builder">The MVC builder from <c>AddControllers()</c>.</param>
    /// <returns>The same builder.</returns>
    public static IMvcBuilder AddTwilioWebhooks(this IMvcBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddMvcOptions(ConfigureWebhooks);
        return builder;
    }

    /// <summary>The same settings on an <c>AddMvcCore()</c> builder: controllers without authorization, CORS or API explorer.</summary>
    /// <param name="builder">The MVC builder from <c>AddMvcCore()</c>.</param>
    /// <returns>The same builder.</returns>
    public static IMvcCoreBuilder AddTwilioWebhooks(this IMvcCoreBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddMvcOptions(ConfigureWebhooks);
        return builder;
    }

    private static void ConfigureWebhooks(Microsoft.AspNetCore.Mvc.MvcOptions options)
    {
        options.ModelMetadataDetailsProviders.Add(new SuppressChildValidationMetadataProvider(typeof(TwilioRequest)));
        options.ValueProviderFactories.RemoveType<FormValueProviderFactory>();
        options.ValueProviderFactories.RemoveType<FormFileValueProviderFactory>();
        options.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
    }
}
