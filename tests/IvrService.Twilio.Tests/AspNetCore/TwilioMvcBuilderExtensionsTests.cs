using IvrService.Twilio.Webhooks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IvrService.Twilio.Tests.AspNetCore;

public class TwilioMvcBuilderExtensionsTests
{
    [Theory]
    [InlineData(typeof(VoiceRequest))]
    [InlineData(typeof(StatusCallbackRequest))]
    [InlineData(typeof(SmsRequest))]
    [InlineData(typeof(FallbackRequest))]
    [InlineData(typeof(SmsFallbackRequest))]
    public void AddTwilioWebhooks_WebhookModel_ChildrenNotValidated(Type model)
    {
        using var services = Build(webhooks: true);

        var metadata = services.GetRequiredService<IModelMetadataProvider>().GetMetadataForType(model);

        Assert.False(metadata.ValidateChildren);
    }

    [Fact]
    public void AddTwilioWebhooks_OtherModels_StillValidated()
    {
        using var services = Build(webhooks: true);

        var metadata = services.GetRequiredService<IModelMetadataProvider>().GetMetadataForType(typeof(OtherModel));

        Assert.True(metadata.ValidateChildren);
    }

    [Fact]
    public void AddControllers_WithoutAddTwilioWebhooks_WalksWebhookModel()
    {
        // Proves the first test measures the extension, not an MVC default.
        using var services = Build(webhooks: false);

        var metadata = services.GetRequiredService<IModelMetadataProvider>().GetMetadataForType(typeof(VoiceRequest));

        Assert.True(metadata.ValidateChildren);
    }

    /// <summary>
    /// The form value providers would parse any multipart body (which Twilio never sends) before the webhook
    /// binder runs, and a broken one handed actions a null model: they are removed, on both kinds of MVC builder.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AddTwilioWebhooks_RemovesFormValueProviders(bool core)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (core)
        {
            services.AddMvcCore().AddTwilioWebhooks();
        }
        else
        {
            services.AddControllers().AddTwilioWebhooks();
        }

        using var provider = services.BuildServiceProvider();
        var factories = provider.GetRequiredService<IOptions<MvcOptions>>().Value.ValueProviderFactories;

        Assert.DoesNotContain(factories, f => f is FormValueProviderFactory or FormFileValueProviderFactory or JQueryFormValueProviderFactory);
        Assert.Contains(factories, f => f is QueryStringValueProviderFactory);
    }

    private static ServiceProvider Build(bool webhooks)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var mvc = services.AddControllers();
        if (webhooks)
        {
            mvc.AddTwilioWebhooks();
        }

        return services.BuildServiceProvider();
    }

    public sealed class OtherModel
    {
        public Inner? Child { get; set; }
    }

    public sealed class Inner
    {
        public string? Name { get; set; }
    }
}
