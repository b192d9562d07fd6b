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
    /// <summary>Path of the Prometheus text endpoint (no signature: it shows only counts per error code).</summary>
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
    /// <c>POST /fallback/voice</c>, <c>POST /fallback/voice/continue</c>, <c>POST /fallback/sms</c> (each signed by
    /// Twilio for the fallback's own public URL) and <c>GET /fallback/metrics</c>.
    /// </summary>
    public static WebApplication MapFallback(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var webhooks = app.MapGroup("").ValidateTwilioRequest();
        webhooks.MapPost(FallbackVoice.VoicePath, static (HttpContext http, FallbackVoice voice) => voice.IncomingAsync(http));
        webhooks.MapPost(FallbackVoice.ContinuePath, static (HttpContext http, FallbackVoice voice) => voice.ContinueAsync(http));
        webhooks.MapPost(FallbackSms.SmsPath, static (HttpContext http, FallbackSms sms) => sms.IncomingAsync(http));
        app.MapGet(MetricsPath, static (FallbackMetrics metrics) =>
            TypedResults.Text(metrics.ToPrometheusText(), "text/plain; version=0.0.4; charset=utf-8"));
        return app;
    }
}
