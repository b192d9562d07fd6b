using System.ComponentModel.DataAnnotations;

namespace IvrService.Hosting;

/// <summary>Limits and logging choices both apps share (section <c>Hosting</c>).</summary>
public sealed class IvrHostingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Hosting";

    /// <summary>
    /// Largest request body accepted, in bytes. Twilio's webhook forms are a few kilobytes (an SMS body is at most
    /// 1,600 characters), so anything near this limit is not Twilio. Default 64 KiB.
    /// </summary>
    [Range(4 * 1024, 16 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Most form fields accepted in one request. Twilio sends a few dozen. Default 500.</summary>
    [Range(16, 10_000)]
    public int MaxFormFields { get; set; } = 500;

    /// <summary>
    /// Write logs as compact JSON (one event per line, for log shippers). Defaults to true outside Development.
    /// </summary>
    public bool? JsonLogs { get; set; }

    /// <summary>Minimum log level: Verbose, Debug, Information, Warning, Error, Fatal. Default Information.</summary>
    public string MinimumLevel { get; set; } = "Information";

    /// <summary>
    /// Honour <see cref="FlowClock.Header"/>: a request may state the instant its business hours are evaluated at
    /// (for <c>ivr test --url</c> against a test deployment). Default false; refused in Production.
    /// </summary>
    public bool SimulatedClockHeader { get; set; }
}

/// <summary>Refuses <see cref="IvrHostingOptions.SimulatedClockHeader"/> in Production: callers must not move the line's clock.</summary>
internal sealed class IvrHostingEnvironmentValidator(Microsoft.Extensions.Hosting.IHostEnvironment environment)
    : Microsoft.Extensions.Options.IValidateOptions<IvrHostingOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, IvrHostingOptions options) =>
        options.SimulatedClockHeader && Microsoft.Extensions.Hosting.HostEnvironmentEnvExtensions.IsProduction(environment)
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(
                "Hosting:SimulatedClockHeader lets a request set the flow's clock; it is for test environments and cannot be on in Production.")
            : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
}

/// <summary>Source-generated DataAnnotations validation (AOT-safe), run at start-up.</summary>
[Microsoft.Extensions.Options.OptionsValidator]
internal sealed partial class IvrHostingOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<IvrHostingOptions>;
