using IvrService.Hosting.Telemetry;
using IvrService.Twilio.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// OpenTelemetry the same way in both apps: our <c>IvrService</c> spans and meter, ASP.NET Core and HttpClient
/// instrumentation, a Prometheus scrape endpoint, and OTLP export when the standard variables name an endpoint.
/// </summary>
public static class IvrTelemetryExtensions
{
    private static readonly string[] OtlpEndpointKeys = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"];
    private static readonly string[] OtlpMetricsEndpointKeys = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"];

    /// <summary>Registers metrics (unless <c>Telemetry:Metrics</c> is false) and tracing (per <see cref="IvrTelemetryOptions.Tracing"/>).</summary>
    public static WebApplicationBuilder AddIvrTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        builder.Services.AddOptions<IvrTelemetryOptions>()
            .BindConfiguration(IvrTelemetryOptions.SectionName)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IvrTelemetryOptions>, IvrTelemetryOptionsValidator>();
        var options = configuration.GetSection(IvrTelemetryOptions.SectionName).Get<IvrTelemetryOptions>() ?? new IvrTelemetryOptions();
        var metricsPath = options.MetricsPath;

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName));
        if (options.Metrics)
        {
            telemetry.WithMetrics(metrics =>
            {
                // Not ASP.NET Core's http.server.* meters: ivr.webhook.duration measures every webhook by route already,
                // and a second histogram per request is a cost every webhook would pay.
                metrics.AddMeter(IvrTelemetry.Name, "System.Net.Http")
                    .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                if (HasAny(configuration, OtlpMetricsEndpointKeys))
                {
                    metrics.AddOtlpExporter();
                }
            });
        }

        var tracing = options.Tracing switch
        {
            TracingMode.On => true,
            TracingMode.Off => false,
            _ => HasAny(configuration, OtlpEndpointKeys),
        };
        if (tracing)
        {
            telemetry.WithTracing(traces =>
            {
                traces.AddSource(IvrTelemetry.Name)
                    .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = http => !IsHousekeeping(http.Request.Path, metricsPath))
                    .AddHttpClientInstrumentation();
                if (HasAny(configuration, OtlpEndpointKeys))
                {
                    traces.AddOtlpExporter();
                }
            });
        }

        return builder;
    }

    /// <summary>
    /// Maps the Prometheus scrape endpoint (<c>Telemetry:MetricsPath</c>, default <c>/metrics</c>), unsigned, and only
    /// on <c>Telemetry:MetricsPort</c> when that is set.
    /// </summary>
    public static WebApplication MapIvrTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<IvrTelemetryOptions>>().Value;
        return app.MapIvrMetricsEndpoint(options.MetricsPath);
    }

    /// <summary>The scrape endpoint at one more <paramref name="path"/>, on the management port when one is set.</summary>
    public static WebApplication MapIvrMetricsEndpoint(this WebApplication app, string path)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<IvrTelemetryOptions>>().Value;
        if (!options.Metrics)
        {
            return app;
        }

        var endpoint = app.MapPrometheusScrapingEndpoint(path).WithMetadata(ScrapeEndpoint.Instance);
        if (options.MetricsPort is { } port)
        {
            endpoint.RequireHost("*:" + port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return app;
    }

    /// <summary>Whether the request is a scrape of the metrics endpoint (logged at Verbose, like health probes).</summary>
    internal static bool IsScrape(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<ScrapeEndpoint>() is not null;

    private static bool IsHousekeeping(PathString path, string metricsPath) =>
        path.StartsWithSegments(IvrServiceDefaultsExtensions.HealthPath) || path.StartsWithSegments(metricsPath);

    private static bool HasAny(ConfigurationManager configuration, string[] keys) =>
        keys.Any(key => !string.IsNullOrWhiteSpace(configuration[key]));

    private sealed class ScrapeEndpoint
    {
        public static ScrapeEndpoint Instance { get; } = new();
    }
}
