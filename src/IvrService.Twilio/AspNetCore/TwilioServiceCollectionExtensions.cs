using IvrService.Twilio.AspNetCore;
using IvrService.Twilio.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of Twilio request validation.</summary>
public static class TwilioServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="TwilioOptions"/> to the <c>Twilio</c> section and validates it at start-up (outside
    /// Development a missing <c>Twilio:AuthToken</c> stops the app), and registers
    /// <see cref="TwilioRequestValidator"/> and <see cref="TwilioPublicUrlResolver"/> for the middleware, the
    /// endpoint filter and <see cref="ValidateTwilioRequestAttribute"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddTwilioRequestValidation(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<TwilioOptions>()
            .BindConfiguration(TwilioOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<TwilioOptions>, TwilioOptionsSanitizer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TwilioOptions>, TwilioOptionsValidator>());
        services.TryAddSingleton<TwilioPublicUrlResolver>();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TwilioWebhookTelemetry>();
        services.TryAddSingleton<TwilioRequestValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TwilioValidationStartupReport>());
        return services;
    }
}
