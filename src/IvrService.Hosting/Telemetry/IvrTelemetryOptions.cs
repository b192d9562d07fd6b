using System.ComponentModel.DataAnnotations;

namespace IvrService.Hosting.Telemetry;

/// <summary>Whether spans are recorded (section <c>Telemetry</c>).</summary>
public enum TracingMode
{
    /// <summary>On when an OTLP endpoint is configured (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or its traces form).</summary>
    Auto,

    /// <summary>Always (an exporter added in code, such as a test's in-memory one).</summary>
    On,

    /// <summary>Never: no span is created at all.</summary>
    Off,
}

/// <summary>OpenTelemetry choices both apps share (section <c>Telemetry</c>); the exporters read the standard <c>OTEL_*</c> variables.</summary>
public sealed class IvrTelemetryOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Telemetry";

    /// <summary>Spans: Auto (default), On or Off.</summary>
    public TracingMode Tracing { get; set; } = TracingMode.Auto;

    /// <summary>Metrics: kept, scrapeable and exported (default true); false removes the meter listener and the scrape endpoint.</summary>
    public bool Metrics { get; set; } = true;

    /// <summary>Path of the Prometheus scrape endpoint (unsigned). Default <c>/metrics</c>.</summary>
    [RegularExpression("^/[A-Za-z0-9/_.-]*$")]
    public string MetricsPath { get; set; } = "/metrics";

    /// <summary>
    /// When set, the scrape endpoint answers only on this port (a management port, also listed in the server's
    /// URLs, e.g. <c>ASPNETCORE_URLS=http://+:8080;http://+:9464</c>); elsewhere it is a 404.
    /// </summary>
    [Range(1, 65535)]
    public int? MetricsPort { get; set; }
}

/// <summary>Source-generated DataAnnotations validation (AOT-safe), run at start-up.</summary>
[Microsoft.Extensions.Options.OptionsValidator]
internal sealed partial class IvrTelemetryOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<IvrTelemetryOptions>;
