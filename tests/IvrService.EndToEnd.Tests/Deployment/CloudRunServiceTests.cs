using YamlDotNet.RepresentationModel;

namespace IvrService.EndToEnd.Tests.Deployment;

/// <summary>deploy/gcp/fallback-service.yaml: the fallback on Cloud Run, always warm, token from Secret Manager.</summary>
public sealed class CloudRunServiceTests
{
    private static readonly YamlMappingNode Service = YamlNodes.LoadMapping(RepositoryFiles.Read("deploy/gcp/fallback-service.yaml"));

    private static YamlMappingNode Template => Service.Map("spec").Map("template");

    private static YamlMappingNode Container => Assert.IsType<YamlMappingNode>(Assert.Single(Template.Map("spec").Seq("containers").Children));

    [Fact]
    public void Service_IsKnativeServingV1()
    {
        Assert.Equal("serving.knative.dev/v1", Service.Text("apiVersion"));
        Assert.Equal("Service", Service.Text("kind"));
    }

    [Fact]
    public void Template_KeepsAtLeastOneInstanceWarm()
    {
        var minScale = Template.Map("metadata").Map("annotations").Text("autoscaling.knative.dev/minScale");

        Assert.True(int.Parse(minScale, System.Globalization.CultureInfo.InvariantCulture) >= 1, $"minScale is {minScale}");
    }

    [Fact]
    public void Container_ListensOn8080_ProbedOnHealthz()
    {
        Assert.Equal("8080", Assert.Single(Container.Seq("ports").Children).Text("containerPort"));
        Assert.Equal("/healthz", Container.Map("startupProbe").Map("httpGet").Text("path"));
        Assert.Equal("/healthz", Container.Map("livenessProbe").Map("httpGet").Text("path"));
    }

    [Fact]
    public void Container_TokenFromSecret_PublicUrlOverrideSet()
    {
        var environment = Container.Seq("env").Children.Cast<YamlMappingNode>().ToDictionary(e => e.Text("name"));

        Assert.NotNull(environment["Twilio__AuthToken"].Map("valueFrom").Map("secretKeyRef").Get("name"));
        Assert.Null(environment["Twilio__AuthToken"].Get("value"));
        Assert.False(string.IsNullOrEmpty(environment["Twilio__RequestValidation__BaseUrlOverride"].Text("value")));
        Assert.DoesNotContain(environment.Keys, key => key.StartsWith("Audio__", StringComparison.Ordinal));
        Assert.Equal("${PRIMARY_HOST}", environment["Fallback__PrimaryHosts__0"].Text("value"));
    }
}
