namespace IvrService.Fallback.Flows;

/// <summary>Says at start-up, loudly when it matters, whether callers can be resumed.</summary>
internal sealed partial class FallbackFlowStartupReport(FallbackFlow flow, Microsoft.Extensions.Options.IOptions<FallbackOptions> options, ILogger<FallbackFlowStartupReport> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (flow.Engine is null)
        {
            LogFlowUnavailable(logger, flow.Problem ?? "unknown", settings.EffectiveMode);
        }
        else
        {
            foreach (var warning in flow.Warnings)
            {
                LogFlowWarning(logger, flow.Path, warning);
            }

            LogFlowLoaded(logger, flow.Engine.Flow.Name, flow.Path, flow.Engine.Flow.Nodes.Count, flow.BundledAudioCount, flow.AudioFolder);
            if (settings.PrimaryHosts.Count == 0)
            {
                LogNoPrimaryHosts(logger);
            }
        }

        LogLastResort(logger, settings.EffectiveMode, settings.SupportNumber is { Length: > 0 });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 4100, Level = LogLevel.Error,
        Message = "Fallback flow UNAVAILABLE, {Reason}. The fallback keeps answering: every call gets the static apology, then {LastResort}. Fix Fallback:FlowPath (env Fallback__FlowPath).")]
    private static partial void LogFlowUnavailable(ILogger logger, string reason, LastResortMode lastResort);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Fallback flow {FlowPath}: {Problem}")]
    private static partial void LogFlowWarning(ILogger logger, string? flowPath, string problem);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information,
        Message = "Fallback flow {FlowName} loaded from {FlowPath}: {NodeCount} nodes, {BundledAudio} bundled recordings in {AudioFolder}")]
    private static partial void LogFlowLoaded(ILogger logger, string? flowName, string? flowPath, int nodeCount, int bundledAudio, string audioFolder);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning,
        Message = "Fallback:PrimaryHosts is empty: no ErrorUrl is trusted, so callers are never resumed in the flow (static apology only).")]
    private static partial void LogNoPrimaryHosts(ILogger logger);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Fallback last resort: {LastResort} (support number configured: {HasSupportNumber})")]
    private static partial void LogLastResort(ILogger logger, LastResortMode lastResort, bool hasSupportNumber);
}
