using IvrService.Fallback;
using IvrService.Fallback.Diagnostics;
using IvrService.Fallback.Flows;
using IvrService.Fallback.Messaging;
using IvrService.Fallback.Voice;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>The fallback app's services, pipeline and routes, so Program.cs stays a table of contents.</summary>
public static class FallbackExtensions
{
    /// <summary>
    /// The scrape endpoint again under the fallback's own prefix (as <c>/metrics</c>, unsigned: counts only), for a
    /// load balancer that routes only <c>/fallback/*</c> to this app.
    /// </summary>
    public const string MetricsPath = "/fallback/metrics";

    /// <summary>Options (validated at start), flow (loaded leniently), metrics, signature validation, handlers.</summary>
    public static WebApplicationBuilder AddFallback(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddTwilioRequestValidation();
        services.AddOptions<FallbackOptions>()
            .BindConfiguration(FallbackOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<FallbackOptions>, FallbackOptionsAnnotationsValidator>();
        services.AddSingleton<IValidateOptions<FallbackOptions>, FallbackOptionsValidator>();
        services.AddMetrics();
        services.AddSingleton<FallbackMetrics>();
        services.AddSingleton<FallbackFlow>();
        services.AddSingleton<FallbackVoice>();
        services.AddSingleton<FallbackSms>();
        services.AddHostedService<FallbackFlowStartupReport>();
        return builder;
    }

    /// <summary>Serves the bundled prompts under <c>/fallback/audio/</c> (Twilio's media fetches are not signed).</summary>
    public static WebApplication UseFallback(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var flow = app.Services.GetRequiredService<FallbackFlow>();
        var options = app.Services.GetRequiredService<IOptions<FallbackOptions>>().Value;
        app.UsePromptAudioFiles(FallbackPromptVerbs.AudioRequestPath, flow.AudioFolder, options.AudioCacheControl);
        return app;
    }

    /// <summary>
    /// <c>/fallback/voice</c>, <c>/fallback/voice/continue</c>, <c>/fallback/sms</c> (POST or GET, each signed by
    /// Twilio for the fallback's own public URL) and <c>GET /fallback/metrics</c> (the Prometheus scrape endpoint).
    /// </summary>
    public static WebApplication MapFallback(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // GET as well as POST: a number's fallback method may be set to GET (Twilio then signs the URL alone).
        string[] methods = [HttpMethods.Get, HttpMethods.Post];
        var webhooks = app.MapGroup("").ValidateTwilioRequest();
        webhooks.MapMethods(FallbackVoice.VoicePath, methods, static (HttpContext http, FallbackVoice voice) => voice.IncomingAsync(http));
        webhooks.MapMethods(FallbackVoice.ContinuePath, methods, static (HttpContext http, FallbackVoice voice) => voice.ContinueAsync(http));
        webhooks.MapMethods(FallbackSms.SmsPath, methods, static (HttpContext http, FallbackSms sms) => sms.IncomingAsync(http));
        app.MapIvrMetricsEndpoint(MetricsPath);
        return app;
    }
}
