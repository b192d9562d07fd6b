using System.Diagnostics.CodeAnalysis;
using IvrService.Hosting;
using IvrService.Hosting.Logging;
using IvrService.Twilio.AspNetCore;
using IvrService.Twilio.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Serilog;

// Extensions live in the framework's namespaces so Program.cs needs no extra usings (ServiceDefaults style).
namespace Microsoft.AspNetCore.Builder;

/// <summary>How both apps boot: logging, limits, health, telemetry.</summary>
public static class IvrServiceDefaultsExtensions
{
    /// <summary>Health endpoint path, open without a signature.</summary>
    public const string HealthPath = "/healthz";

    /// <summary>Serilog, request limits, health checks and OpenTelemetry, the same way in both apps.</summary>
    public static WebApplicationBuilder AddIvrServiceDefaults(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        builder.Services.AddOptions<IvrHostingOptions>()
            .BindConfiguration(IvrHostingOptions.SectionName)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IvrHostingOptions>, IvrHostingOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<IvrHostingOptions>, IvrHostingEnvironmentValidator>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new FlowClock(sp.GetRequiredService<TimeProvider>()));

        // preserveStaticLogger: each host logs through its own logger. Otherwise every host overwrites the static
        // Log.Logger, and hosts running side by side (tests, an in-process fallback) write into each other's sinks.
        builder.Services.AddSerilog(
            (services, logger) => IvrLogging.Configure(logger, services, builder.Configuration, builder.Environment),
            preserveStaticLogger: true);

        var limits = builder.Configuration.GetSection(IvrHostingOptions.SectionName).Get<IvrHostingOptions>() ?? new IvrHostingOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes;
            // Twilio gives up after 15 s; a client that trickles headers or a body slower than this is not Twilio.
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(10);
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
        });
        builder.Services.Configure<FormOptions>(form =>
        {
            form.ValueCountLimit = limits.MaxFormFields;
            form.ValueLengthLimit = (int)Math.Min(int.MaxValue, limits.MaxRequestBodyBytes);
            form.KeyLengthLimit = 1024;
            form.MultipartBodyLengthLimit = limits.MaxRequestBodyBytes;
        });

        // The signature check reads the body first, with its own limits: never let it accept more than the server.
        builder.Services.PostConfigure<TwilioOptions>(twilio =>
        {
            var validation = twilio.RequestValidation;
            validation.MaxBodyBytes = Math.Min(validation.MaxBodyBytes, limits.MaxRequestBodyBytes);
            validation.MaxFormFields = Math.Min(validation.MaxFormFields, limits.MaxFormFields);
        });

        builder.Services.AddHealthChecks();
        builder.AddIvrTelemetry();
        return builder;
    }

    /// <summary>
    /// One completion event per request (Serilog request logging) carrying the call's identifiers, with phone
    /// numbers masked. Place it before the webhook handlers so it times them.
    /// </summary>
    public static WebApplication UseIvrServiceDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseSerilogRequestLogging(options =>
        {
            // This host's own logger, not the static one (see preserveStaticLogger above).
            options.Logger = app.Services.GetService<Serilog.ILogger>();
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} answered {StatusCode} in {Elapsed:0.000} ms";
            options.GetLevel = (http, _, exception) =>
                exception is not null || http.Response.StatusCode >= 500 ? Serilog.Events.LogEventLevel.Error
                : http.Request.Path.StartsWithSegments(HealthPath) || IvrTelemetryExtensions.IsScrape(http)
                    ? Serilog.Events.LogEventLevel.Verbose
                : Serilog.Events.LogEventLevel.Information;
            options.EnrichDiagnosticContext = EnrichFromTwilioForm;
        });
        // Read from configuration, not the options: validating them here would fail the pipeline's construction
        // instead of start-up (where a refused setting, e.g. this one in Production, is reported).
        if (app.Configuration.GetValue<bool>($"{IvrHostingOptions.SectionName}:{nameof(IvrHostingOptions.SimulatedClockHeader)}"))
        {
            app.Use(FlowClock.RunAsync);
        }

        return app;
    }

    /// <summary>
    /// Maps the Prometheus scrape endpoint (<see cref="IvrTelemetryExtensions.MapIvrTelemetry"/>) and <c>GET /healthz</c> (no signature needed): 200 when Healthy or Degraded (a dependency such as Redis is
    /// down but calls are answered), 503 when Unhealthy. The body is plain text: the overall status on the first line,
    /// then one line per check with its status and reason.
    /// </summary>
    public static WebApplication MapIvrServiceDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
        app.MapIvrTelemetry();
        return app;
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        var text = new System.Text.StringBuilder(report.Status.ToString()).Append('\n');
        foreach (var (name, entry) in report.Entries)
        {
            text.Append(name).Append(": ").Append(entry.Status.ToString());
            if (!string.IsNullOrEmpty(entry.Description))
            {
                text.Append(" - ").Append(entry.Description);
            }

            text.Append('\n');
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(text.ToString());
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "Logging enrichment must never fail a request.")]
    private static void EnrichFromTwilioForm(IDiagnosticContext diagnostics, HttpContext http)
    {
        // Only use a form that validation or binding already read: never read the body just to log it.
        var form = http.Features.Get<IFormFeature>()?.Form;
        if (form is null)
        {
            return;
        }

        try
        {
            SetIfPresent(diagnostics, "CallSid", form["CallSid"]);
            SetIfPresent(diagnostics, "MessageSid", form["MessageSid"]);
            var from = PhoneNumberMask.Mask(form["From"]);
            var to = PhoneNumberMask.Mask(form["To"]);
            SetIfPresent(diagnostics, "From", from);
            SetIfPresent(diagnostics, "To", to);
            // The webhook span carries the numbers masked exactly as the logs do (one masking for both).
            if (TwilioWebhookActivity.Of(http)?.Activity is { IsAllDataRequested: true } span)
            {
                span.SetTag(IvrTelemetry.From, from);
                span.SetTag(IvrTelemetry.To, to);
            }
        }
        catch (Exception)
        {
            // A malformed form already got its answer; the completion event still goes out without these fields.
        }
    }

    private static void SetIfPresent(IDiagnosticContext diagnostics, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            diagnostics.Set(name, value);
        }
    }
}
