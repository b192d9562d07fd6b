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
        var token = SecretKeyRef(container, "Twilio__AuthToken");

        Assert.StartsWith("https://", config.Text("Twilio__RequestValidation__BaseUrlOverride"), StringComparison.Ordinal);
        Assert.Equal("ivr-twilio", token.Text("name"));
        Assert.Contains(token.Text("key"), ExampleSecret(token.Text("name")).Map("stringData").Keys());
    }

    [Fact]
    public void Primary_SeveralReplicas_GetStateRedisFromTheExampleSecret()
    {
        var redis = SecretKeyRef(Container("primary"), "State__Redis");
        var replicas = int.Parse(Object("HorizontalPodAutoscaler", "ivr-primary").Map("spec").Text("minReplicas"), CultureInfo.InvariantCulture);

        // More than one primary needs one shared state, so the setting is required (not optional) here.
        Assert.True(replicas >= 2, "the primary's manifests are the several-replicas case");
        Assert.NotEqual("true", redis.TextOrNull("optional"));
        // Its own Secret: the fallback's cluster needs ivr-twilio only, and a managed Redis's string carries a password.
        Assert.NotEqual("ivr-twilio", redis.Text("name"));
        var example = ExampleSecret(redis.Text("name")).Map("stringData").Text(redis.Text("key"));
        Assert.StartsWith("ivr-redis:6379,", example, StringComparison.Ordinal);
        Assert.Contains("abortConnect=false", example, StringComparison.Ordinal);
        Assert.DoesNotContain(Container("fallback").Seq("env").Children, e => e.Text("name").StartsWith("State__", StringComparison.Ordinal));
    }

    [Fact]
    public void Redis_StatefulSetBehindHeadlessService_KeepsAnAppendOnlyFileOnItsClaim()
    {
        var statefulSet = Object("StatefulSet", "ivr-redis");
        var service = Object("Service", "ivr-redis").Map("spec");
        var container = Assert.IsType<YamlMappingNode>(Assert.Single(Pod(statefulSet).Seq("containers").Children));
        var args = container.Seq("args").Children.Select(a => a.Text()).ToList();

        Assert.Equal("ivr-redis", statefulSet.Map("spec").Text("serviceName"));
        Assert.Equal("None", service.Text("clusterIP"));
        Assert.Equal(PodLabels(statefulSet), Labels(service.Map("selector")));
        var port = Assert.Single(service.Seq("ports").Children);
        Assert.Equal(("6379", "redis"), (port.Text("port"), port.Text("targetPort")));
        Assert.Equal("redis", Assert.Single(container.Seq("ports").Children).Text("name"));
        Assert.StartsWith("redis:7", container.Text("image"), StringComparison.Ordinal);
        Assert.Equal("yes", args[args.IndexOf("--appendonly") + 1]);
        Assert.Equal("noeviction", args[args.IndexOf("--maxmemory-policy") + 1]);
        var claim = Assert.Single(statefulSet.Map("spec").Seq("volumeClaimTemplates").Children).Map("metadata").Text("name");
        var data = Assert.Single(container.Seq("volumeMounts").Children);
        Assert.Equal((claim, "/data"), (data.Text("name"), data.Text("mountPath")));
        Assert.Equal("/data", args[args.IndexOf("--dir") + 1]);
    }

    [Fact]
    public void Redis_Pod_MeetsTheNamespacesRestrictedProfile()
    {
        var pod = Pod(Object("StatefulSet", "ivr-redis"));
        var security = Assert.Single(pod.Seq("containers").Children).Map("securityContext");

        Assert.Equal("restricted", Object("Namespace", "ivrservice").Map("metadata").Map("labels").Text("pod-security.kubernetes.io/enforce"));
        Assert.Equal("true", pod.Map("securityContext").Text("runAsNonRoot"));
        Assert.NotEqual("0", pod.Map("securityContext").Text("runAsUser"));
        Assert.Equal("RuntimeDefault", pod.Map("securityContext").Map("seccompProfile").Text("type"));
        Assert.Equal("false", security.Text("allowPrivilegeEscalation"));
        Assert.Equal(["ALL"], security.Map("capabilities").Seq("drop").Select(n => n.Text()));
    }

    [Fact]
    public void Redis_NetworkPolicy_AdmitsOnlyThePrimarysPods()
    {
        var policy = Object("NetworkPolicy", "ivr-redis").Map("spec");
        var rule = Assert.Single(policy.Seq("ingress").Children);

        Assert.Equal(PodLabels(Object("StatefulSet", "ivr-redis")), Labels(policy.Map("podSelector").Map("matchLabels")));
        Assert.Equal(
            PodLabels(Object("Deployment", "ivr-primary")),
            Labels(Assert.Single(rule.Seq("from").Children).Map("podSelector").Map("matchLabels")));
        Assert.Equal("6379", Assert.Single(rule.Seq("ports").Children).Text("port"));
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
        Assert.Contains(Assert.Single(Pod(Object("StatefulSet", "ivr-redis")).Seq("containers").Children).Text("image").Split(':')[0], images);
        Assert.DoesNotContain("secret.example.yaml", kustomization.Seq("resources").Children.Select(r => r.Text()));
    }

    private static YamlMappingNode Container(string app) =>
        Assert.IsType<YamlMappingNode>(Assert.Single(Object("Deployment", "ivr-" + app).Map("spec").Map("template").Map("spec").Seq("containers").Children));

    private static YamlMappingNode Pod(YamlMappingNode workload) => workload.Map("spec").Map("template").Map("spec");

    private static Dictionary<string, string> PodLabels(YamlMappingNode workload) =>
        Labels(workload.Map("spec").Map("template").Map("metadata").Map("labels"));

    private static YamlMappingNode SecretKeyRef(YamlMappingNode container, string variable) =>
        Assert.Single(container.Seq("env").Children, e => e.Text("name") == variable).Map("valueFrom").Map("secretKeyRef");

    /// <summary>A Secret of secret.example.yaml, the shape the runbook tells operators to create.</summary>
    private static YamlMappingNode ExampleSecret(string name)
    {
        var secrets = YamlNodes.LoadAll(RepositoryFiles.Read("deploy/k8s/secret.example.yaml")).Select(d => d.RootNode).OfType<YamlMappingNode>();
        return Assert.Single(secrets, s => s.Text("kind") == "Secret" && s.Map("metadata").Text("name") == name);
    }

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
