using IvrService.Testing.Telemetry;

namespace IvrService.EndToEnd.Tests.Deployment;

/// <summary>deploy/prometheus, checked by Prometheus's own promtool: the config, the rules, and the rules' unit tests.</summary>
public sealed class PrometheusRulesTests
{
    [PrometheusFact]
    public async Task Promtool_ChecksConfigAndRules()
    {
        var config = await PromtoolAsync("check", "config", "deploy/prometheus/prometheus.yml");
        Assert.True(config.ExitCode == 0, config.Describe());
        var rules = await PromtoolAsync("check", "rules", "deploy/prometheus/alerts.yml");
        Assert.True(rules.ExitCode == 0, rules.Describe());
        Assert.Contains("6 rules found", rules.StandardOutput, StringComparison.Ordinal);
    }

    [PrometheusFact]
    public async Task Promtool_AlertRuleUnitTests_Pass()
    {
        // Failover above 1 %, p95 above 1 s (refused webhooks excluded), completion below 95 %, and a quiet case.
        var result = await PromtoolAsync("test", "rules", "deploy/prometheus/alerts.test.yml");
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Contains("SUCCESS", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    private static Task<ExternalTool.Result> PromtoolAsync(params string[] arguments) =>
        ExternalTool.RunAsync(ExternalTool.Require("promtool", PrometheusServer.InstallHint), arguments);
}
