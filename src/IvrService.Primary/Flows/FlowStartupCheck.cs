using IvrService.Flow;

namespace IvrService.Primary.Flows;

/// <summary>
/// Loads the flow while the host starts, so a broken flow file stops start-up with every problem listed instead of
/// failing the first caller. Warnings are logged once.
/// </summary>
internal sealed class FlowStartupCheck(FlowDefinition flow, ILogger<FlowStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation(
            "Flow {FlowName} loaded: {NodeCount} nodes, locales {Locales}, start {Start}",
            flow.Name, flow.Nodes.Count, string.Join(",", flow.Locales), flow.Start);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
