using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace IvrService.EndToEnd.Tests.Deployment;

/// <summary>deploy/k8s: for each app a Deployment, Service, HPA and PDB that point at each other, hardened and probed.</summary>
public sealed class KubernetesManifestTests
{
    private static readonly List<YamlMappingNode> Objects = LoadObjects();

    [Theory]
    [InlineData("primary")]
    [InlineData("fallback")]
    public void App_HasDeploymentServiceAutoscalerAndDisruptionBudget(string app)
    {
        var name = "ivr-" + app;

        Assert.Equal("apps/v1", Object("Deployment", name).Text("apiVersion"));
        Assert.Equal("v1", Object("Service", name).Text("apiVersion"));
        Assert.Equal("autoscaling/v2", Object("HorizontalPodAutoscaler", name).Text("apiVersion"));
        Assert.Equal("policy/v1", Object("PodDisruptionBudget", name).Text("apiVersion"));
    }

    [Theory]
    [InlineData("primary")]
    [InlineData("fallback")]
    public void Deployment_ProbesHealthzOn8080(string app)
    {
        var container = Container(app);
        var port = Assert.Single(container.Seq("ports").Children);
        Assert.Equal("8080", port.Text("containerPort"));

        foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
        {
            var httpGet = container.Map(probe).Map("httpGet");
            Assert.Equal("/healthz", httpGet.Text("path"));
            Assert.Equal(port.Text("name"), httpGet.Text("port"));
        }
    }

    [Theory]
    [InlineData("primary")]
    [InlineData("fallback")]
    public void Deployment_NonRootReadOnlyWithResources(string app)
    {
        var pod = Object("Deployment", "ivr-" + app).Map("spec").Map("template").Map("spec");
        var container = Container(app);
        var security = container.Map("securityContext");

        Assert.Equal("true", pod.Map("securityContext").Text("runAsNonRoot"));
        Assert.NotEqual("0", pod.Map("securityContext").Text("runAsUser"));
        Assert.Equal("true", security.Text("readOnlyRootFilesystem"));
        Assert.Equal("false", security.Text("allowPrivilegeEscalation"));
        Assert.Equal(["ALL"], security.Map("capabilities").Seq("drop").Select(n => n.Text()));
        Assert.NotNull(container.Map("resources").Map("requests").Get("cpu"));
        Assert.NotNull(container.Map("resources").Map("limits").Get("memory"));
        // A read-only root needs a writable /tmp, mounted from a volume the pod declares.
        var mount = Assert.Single(container.Seq("volumeMounts").Children, m => m.Text("mountPath") == "/tmp");
        Assert.Contains(pod.Seq("volumes").Children, v => v.Text("name") == mount.Text("name"));
    }

    [Theory]
    [InlineData("primary")]
    [InlineData("fallback")]
    public void ServiceAutoscalerAndBudget_SelectTheDeploymentsPods(string app)
    {
        var name = "ivr-" + app;
        var podLabels = Labels(Object("Deployment", name).Map("spec").Map("template").Map("metadata").Map("labels"));

        Assert.Equal(podLabels, Labels(Object("Deployment", name).Map("spec").Map("selector").Map("matchLabels")));
        Assert.Equal(podLabels, Labels(Object("Service", name).Map("spec").Map("selector")));
        Assert.Equal(podLabels, Labels(Object("PodDisruptionBudget", name).Map("spec").Map("selector").Map("matchLabels")));
        Assert.Equal("http", Assert.Single(Object("Service", name).Map("spec").Seq("ports").Children).Text("targetPort"));
        var target = Object("HorizontalPodAutoscaler", name).Map("spec").Map("scaleTargetRef");
        Assert.Equal(("Deployment", name), (target.Text("kind"), target.Text("name")));
        var hpa = Object("HorizontalPodAutoscaler", name).Map("spec");
        Assert.True(int.Parse(hpa.Text("minReplicas"), CultureInfo.InvariantCulture) > int.Parse(Object("PodDisruptionBudget", name).Map("spec").Text("minAvailable"), CultureInfo.InvariantCulture),
            "With minReplicas <= minAvailable the budget blocks every node drain.");
    }

    [Theory]
    [InlineData("primary")]
    [InlineData("fallback")]
    public void Deployment_ConfigAndSecret_ComeFromTheShippedExamples(string app)
    {
        var container = Container(app);
        var configMap = Assert.Single(container.Seq("envFrom").Children).Map("configMapRef").Text("name");
        var config = Object("ConfigMap", configMap).Map("data");
        var token = container.Seq("env").Children.Single(e => e.Text("name") == "Twilio__AuthToken").Map("valueFrom").Map("secretKeyRef");
        var secretExample = YamlNodes.LoadMapping(RepositoryFiles.Read("deploy/k8s/secret.example.yaml"));

        Assert.StartsWith("https://", config.Text("Twilio__RequestValidation__BaseUrlOverride"), StringComparison.Ordinal);
        Assert.Equal(secretExample.Map("metadata").Text("name"), token.Text("name"));
        Assert.Contains(token.Text("key"), secretExample.Map("stringData").Keys());
    }

    [Fact]
    public void FallbackConfig_NoAudioBucket_ResumesOnlyFromThePrimaryHost()
    {
        var config = Object("ConfigMap", "ivr-fallback-config").Map("data");

        Assert.DoesNotContain(config.Keys(), key => key.StartsWith("Audio__", StringComparison.Ordinal));
        // The resume allow-list names the host the primary's ConfigMap publishes.
        var primaryUrl = new Uri(Object("ConfigMap", "ivr-primary-config").Map("data").Text("Twilio__RequestValidation__BaseUrlOverride"));
        Assert.Equal(primaryUrl.Host, config.Text("Fallback__PrimaryHosts__0"));
    }

    [Fact]
    public void Kustomization_ResourcesExistAndImagesMatchDeployments()
    {
        var kustomization = YamlNodes.LoadMapping(RepositoryFiles.Read("deploy/k8s/kustomization.yaml"));
        var images = kustomization.Seq("images").Children.Select(i => i.Text("name")).ToHashSet(StringComparer.Ordinal);

        foreach (var resource in kustomization.Seq("resources").Children.Select(r => r.Text()))
        {
            Assert.True(File.Exists(RepositoryFiles.PathOf("deploy/k8s/" + resource)), $"kustomization lists {resource}, which does not exist.");
        }

        Assert.Contains(Container("primary").Text("image"), images);
        Assert.Contains(Container("fallback").Text("image"), images);
        Assert.DoesNotContain("secret.example.yaml", kustomization.Seq("resources").Children.Select(r => r.Text()));
    }

    private static YamlMappingNode Container(string app) =>
        Assert.IsType<YamlMappingNode>(Assert.Single(Object("Deployment", "ivr-" + app).Map("spec").Map("template").Map("spec").Seq("containers").Children));

    private static Dictionary<string, string> Labels(YamlMappingNode labels) =>
        labels.Keys().ToDictionary(k => k, k => labels.Text(k), StringComparer.Ordinal);

    private static YamlMappingNode Object(string kind, string name)
    {
        var found = Objects.Where(o => o.Text("kind") == kind && o.Map("metadata").Text("name") == name).ToList();
        Assert.True(found.Count == 1, $"Expected one {kind} named {name} in deploy/k8s, found {found.Count}.");
        return found[0];
    }

    private static List<YamlMappingNode> LoadObjects()
    {
        var folder = RepositoryFiles.PathOf("deploy/k8s");
        return Directory.EnumerateFiles(folder, "*.yaml")
            .Where(f => Path.GetFileName(f) is not "kustomization.yaml" and not "secret.example.yaml")
            .SelectMany(f => YamlNodes.LoadAll(File.ReadAllText(f)))
            .Select(d => d.RootNode)
            .OfType<YamlMappingNode>()
            .ToList();
    }
}
