using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace IvrService.Hosting.Logging;

/// <summary>Serilog set-up shared by both apps, configured in code so it stays Native-AOT safe.</summary>
public static class IvrLogging
{
    /// <summary>
    /// The logger used before the host is built (and for start-up failures). <c>CreateLogger()</c>, not the
    /// bootstrap logger: the latter throws "already frozen" when several test hosts start in one process.
    /// </summary>
    public static Serilog.ILogger CreateStartupLogger() =>
        new LoggerConfiguration()
            .MinimumLevel.Information()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateLogger();

    /// <summary>Kestrel's logger for connections and requests it rejects itself (one event each, with the reason).</summary>
    internal const string KestrelBadRequestsCategory = "Microsoft.AspNetCore.Server.Kestrel.BadRequests";

    internal static void Configure(LoggerConfiguration logger, IServiceProvider services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(IvrHostingOptions.SectionName);
        var json = bool.TryParse(options["JsonLogs"], out var j) ? j : !environment.IsDevelopment();
        var level = Enum.TryParse<LogEventLevel>(options["MinimumLevel"], ignoreCase: true, out var l) ? l : LogEventLevel.Information;

        logger
            .MinimumLevel.Is(level)
            // Framework chatter would bury the one completion event per webhook.
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            // Requests Kestrel refuses before any middleware runs (malformed, headers or body too slow, too large)
            // leave no completion event; Kestrel reports them at Debug, and this is their only trace.
            .MinimumLevel.Override(KestrelBadRequestsCategory, LogEventLevel.Debug)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("App", environment.ApplicationName)
            .ReadFrom.Services(services);

        ILogLineFormatter formatter = json
            ? new ClefLineFormatter()
            : new TextLineFormatter(new MessageTemplateTextFormatter(
                "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}", CultureInfo.InvariantCulture));
        logger.WriteTo.Sink(new StdoutBatchSink(formatter, Console.OpenStandardOutput()));
    }
}
