using IvrService.Twilio.AspNetCore;
using IvrService.Twilio.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>The middleware and endpoint-filter forms of Twilio request validation.</summary>
public static class TwilioRequestValidationExtensions
{
    /// <summary>
    /// Validates every request whose path starts with one of <paramref name="pathPrefixes"/> (segment-wise, case
    /// insensitive); without arguments, the prefixes in <c>Twilio:RequestValidation:PathPrefixes</c>. Requires
    /// <c>AddTwilioRequestValidation()</c>.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <param name="pathPrefixes">Webhook path prefixes such as <c>/voice</c> and <c>/sms</c>.</param>
    /// <returns>The application.</returns>
    /// <exception cref="InvalidOperationException">No prefix is given or configured.</exception>
    public static IApplicationBuilder UseTwilioRequestValidation(this IApplicationBuilder app, params PathString[] pathPrefixes)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(pathPrefixes);
        var prefixes = pathPrefixes;
        if (prefixes.Length == 0)
        {
            var options = app.ApplicationServices.GetRequiredService<IOptions<TwilioOptions>>().Value;
            prefixes = options.RequestValidation.PathPrefixes.Select(p => new PathString(p.StartsWith('/') ? p : "/" + p)).ToArray();
        }

        if (prefixes.Length == 0 || prefixes.Any(p => !p.HasValue || p == "/"))
        {
            // Guarding "/" would also refuse /healthz and static files: make the webhook paths explicit.
            throw new InvalidOperationException(
                "UseTwilioRequestValidation needs webhook path prefixes other than '/' (for example \"/voice\", \"/sms\"), " +
                "as arguments or in Twilio:RequestValidation:PathPrefixes.");
        }

        var validator = app.ApplicationServices.GetRequiredService<TwilioRequestValidator>();
        return app.Use(next => new TwilioRequestValidationMiddleware(next, validator, prefixes).InvokeAsync);
    }

    /// <summary>
    /// Endpoint filter for minimal APIs: the endpoint (or every endpoint of the group) answers only requests signed
    /// by Twilio. Filters run after parameter binding; for JSON bodies prefer the middleware, which sees the body first.
    /// </summary>
    /// <typeparam name="TBuilder">A route handler or group builder.</typeparam>
    /// <param name="builder">The endpoint builder.</param>
    /// <returns>The builder.</returns>
    public static TBuilder ValidateTwilioRequest<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddEndpointFilter(static async (context, next) =>
        {
            var validator = context.HttpContext.RequestServices.GetRequiredService<TwilioRequestValidator>();
            var outcome = await validator.ValidateAsync(context.HttpContext).ConfigureAwait(false);
            if (!outcome.IsValid)
            {
                return TypedResults.StatusCode(outcome.StatusCode);
            }

            TwilioWebhookActivity.Enter(context.HttpContext);
            return await next(context).ConfigureAwait(false);
        });
    }
}
