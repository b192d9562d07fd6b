using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;
using IvrService.Testing;

namespace IvrService.EndToEnd.Tests.Deployment;

/// <summary>
/// docker-compose.yml, validated by docker-compose itself (no engine needed) and checked on its resolved form:
/// ports, Dockerfile targets, health checks, start order, environment-driven settings and the ngrok profile.
/// </summary>
public sealed class ComposeFileTests
{
    [Fact]
    public async Task Config_Quiet_Validates()
    {
        var result = await ComposeAsync([], ["config", "-q"]);

        Assert.True(result.ExitCode == 0, "docker-compose rejects docker-compose.yml:\n" + result.Describe());
    }

    [Fact]
    public async Task Services_OnlyNgrokAndTheCollectorAreBehindProfiles()
    {
        // docker-compose 1.29's `config` lists profiled services too, so the profiles themselves are checked: a plain
        // `up` starts everything except the tunnel.
        var services = (await ResolvedAsync()).Map("services");
        var profiled = services.Keys().Where(name => services.Map(name).Get("profiles") is not null).ToList();

        Assert.Equal(["ngrok", "otel-collector"], profiled.Order(StringComparer.Ordinal));
        Assert.Equal(
            new SortedSet<string>(["primary", "fallback", "minio", "minio-init", "audio-sync", "redis", "prometheus", "otel-collector", "ngrok"], StringComparer.Ordinal),
            new SortedSet<string>(services.Keys(), StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("primary", "5080")]
    [InlineData("fallback", "5090")]
    public async Task App_PublishesDevPortOnContainer8080_FromItsDockerfileTarget(string service, string hostPort)
    {
        var app = (await ResolvedAsync()).Map("services").Map(service);

        Assert.Equal(service, app.Map("build").Text("target"));
        var port = Assert.Single(app.Seq("ports")).Text();
        Assert.Matches($@"^(127\.0\.0\.1:)?{hostPort}:8080(/tcp)?$", port);
        Assert.Equal(["CMD", "healthz"], app.Map("healthcheck").Seq("test").Select(n => n.Text()));
        Assert.Equal("true", app.Text("read_only"));
        Assert.False(string.IsNullOrEmpty(app.Map("environment").Text("Twilio__AuthToken")));
        Assert.NotNull(app.Map("environment").Get("Twilio__RequestValidation__BaseUrlOverride"));
    }

    [Fact]
    public async Task BuildTargets_AllExistInDockerfile()
    {
        var dockerfile = DockerfileModel.Parse(RepositoryFiles.Read("Dockerfile"));
        var services = (await ResolvedAsync()).Map("services");

        foreach (var service in services.Keys())
        {
            var target = services.Map(service).Get("build")?.TextOrNull("target");
            if (target is not null)
            {
                Assert.NotNull(dockerfile.Stage(target));
            }
        }
    }

    [Fact]
    public async Task Primary_StartsAfterMinioAndRedisAreHealthyAndAudioIsSeeded()
    {
        var services = (await ResolvedAsync()).Map("services");
        var dependsOn = services.Map("primary").Map("depends_on");

        Assert.Equal("service_healthy", dependsOn.Map("minio").Text("condition"));
        Assert.Equal("service_healthy", dependsOn.Map("redis").Text("condition"));
        Assert.Equal("service_completed_successfully", dependsOn.Map("audio-sync").Text("condition"));
        Assert.Equal("service_completed_successfully", services.Map("audio-sync").Map("depends_on").Map("minio-init").Text("condition"));
        Assert.NotNull(services.Map("minio").Get("healthcheck"));
    }

    [Fact]
    public async Task Fallback_DependsOnNothingThePrimaryUses()
    {
        var fallback = (await ResolvedAsync()).Map("services").Map("fallback");

        Assert.Null(fallback.Get("depends_on"));
        Assert.Equal("localhost:5080", fallback.Map("environment").Text("Fallback__PrimaryHosts__0"));
        Assert.DoesNotContain(fallback.Map("environment").Keys(), key => key.StartsWith("Audio__", StringComparison.Ordinal) || key.StartsWith("AWS_", StringComparison.Ordinal));
        Assert.DoesNotContain(fallback.Map("environment").Keys(), key => key.StartsWith("State__", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Redis_PrimarysSharedState_OnTheComposeNetworkWithAppendOnlyFileAndPingHealthCheck()
    {
        var services = (await ResolvedAsync()).Map("services");
        var redis = services.Map("redis");
        var command = redis.Seq("command").Select(n => n.Text()).ToList();

        Assert.Equal("redis:6379,abortConnect=false", services.Map("primary").Map("environment").Text("State__Redis"));
        Assert.StartsWith("redis:7", redis.Text("image"), StringComparison.Ordinal);
        // Not reachable from the host's network: only the primary talks to it.
        Assert.Null(redis.Get("ports"));
        Assert.Equal("yes", command[command.IndexOf("--appendonly") + 1]);
        Assert.Contains(redis.Seq("volumes").Children, volume => volume.Text().Split(':')[1] == "/data");
        Assert.Contains("redis-cli ping", string.Join(' ', redis.Map("healthcheck").Seq("test").Select(n => n.Text())), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("cache.example.com:6380,ssl=true,password=secret,abortConnect=false", "cache.example.com:6380,ssl=true,password=secret,abortConnect=false")]
    public async Task Redis_StateRedisFromEnvironment_ReplacesTheLocalOneOrEmptyMeansInProcess(string value, string expected)
    {
        var resolved = await ResolvedAsync(new Dictionary<string, string?> { ["STATE_REDIS"] = value });

        Assert.Equal(expected, resolved.Map("services").Map("primary").Map("environment").Text("State__Redis"));
    }

    [Fact]
    public async Task AudioSync_SyncsContentAudioIntoTheMinioBucket()
    {
        var services = (await ResolvedAsync()).Map("services");
        var sync = services.Map("audio-sync");
        var command = string.Join(' ', sync.Seq("command").Select(n => n.Text()));

        Assert.Equal("cli", sync.Map("build").Text("target"));
        Assert.Equal("audio sync --source /content/audio --bucket ivr-audio --endpoint-url http://minio:9000", command);
        Assert.Equal("ivr-audio", services.Map("primary").Map("environment").Text("Audio__Bucket"));
        // The uploader authenticates to MinIO with the same root credentials MinIO was started with.
        Assert.Equal(services.Map("minio").Map("environment").Text("MINIO_ROOT_USER"), sync.Map("environment").Text("AWS_ACCESS_KEY_ID"));
    }

    [Fact]
    public async Task Environment_OverridesReachTheApps()
    {
        var resolved = await ResolvedAsync(new Dictionary<string, string?>
        {
            ["PRIMARY_PUBLIC_URL"] = "https://abc123.ngrok-free.app",
            ["TWILIO_AUTH_TOKEN"] = "token-from-env",
            ["AUDIO_BUCKET"] = "my-prompts",
            ["PRIMARY_PORT"] = "6080",
        });
        var primary = resolved.Map("services").Map("primary");

        Assert.Equal("https://abc123.ngrok-free.app", primary.Map("environment").Text("Twilio__RequestValidation__BaseUrlOverride"));
        Assert.Equal("token-from-env", primary.Map("environment").Text("Twilio__AuthToken"));
        Assert.Equal("token-from-env", resolved.Map("services").Map("fallback").Map("environment").Text("Twilio__AuthToken"));
        Assert.Equal("my-prompts", primary.Map("environment").Text("Audio__Bucket"));
        Assert.Contains("6080:8080", Assert.Single(primary.Seq("ports")).Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ngrok_UnderProfile_TunnelsToPrimaryWithTokenFromEnvironment()
    {
        var ngrok = (await ResolvedAsync(new Dictionary<string, string?> { ["NGROK_AUTHTOKEN"] = "ngrok-token" }, "--profile", "ngrok"))
            .Map("services").Map("ngrok");

        Assert.Equal(["ngrok"], ngrok.Seq("profiles").Select(n => n.Text()));
        Assert.Equal(["http", "primary:8080"], ngrok.Seq("command").Select(n => n.Text()).Take(2));
        Assert.Equal("ngrok-token", ngrok.Map("environment").Text("NGROK_AUTHTOKEN"));
        Assert.Equal("service_healthy", ngrok.Map("depends_on").Map("primary").Text("condition"));
    }

    [Fact]
    public async Task Prometheus_ScrapesBothAppsOnTheComposeNetwork_WithTheRepositorysRules()
    {
        var services = (await ResolvedAsync()).Map("services");
        var prometheus = services.Map("prometheus");
        var config = YamlNodes.LoadMapping(RepositoryFiles.Read("deploy/prometheus/prometheus.yml"));
        var targets = config.Seq("scrape_configs").Cast<YamlMappingNode>()
            .ToDictionary(job => job.Text("job_name"), job => job.Seq("static_configs").Cast<YamlMappingNode>().Single().Seq("targets").Single().Text());

        Assert.Equal("primary:8080", targets["ivr-primary"]);
        Assert.Equal("fallback:8080", targets["ivr-fallback"]);
        Assert.Contains(prometheus.Seq("volumes"), v => v.ToString().Contains("deploy/prometheus", StringComparison.Ordinal) && v.ToString().Contains("/etc/prometheus", StringComparison.Ordinal));
        Assert.Equal(["alerts.yml"], config.Seq("rule_files").Select(n => n.Text()));
        Assert.Contains("9090:9090", Assert.Single(prometheus.Seq("ports")).Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Otlp_EndpointFromEnvironmentReachesBothApps_AndTheCollectorIsUnderItsProfile()
    {
        var resolved = await ResolvedAsync(new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://otel-collector:4317" }, "--profile", "otel");
        var services = resolved.Map("services");

        Assert.Equal("http://otel-collector:4317", services.Map("primary").Map("environment").Text("OTEL_EXPORTER_OTLP_ENDPOINT"));
        Assert.Equal("http://otel-collector:4317", services.Map("fallback").Map("environment").Text("OTEL_EXPORTER_OTLP_ENDPOINT"));
        Assert.Equal(["otel"], services.Map("otel-collector").Seq("profiles").Select(n => n.Text()));
        Assert.True(File.Exists(Path.Combine(RepoPaths.Root, "deploy", "otel", "collector.yaml")));
        // Off by default: an empty endpoint, which the apps read as "no OTLP export".
        Assert.Equal("", (await ResolvedAsync()).Map("services").Map("primary").Map("environment").Text("OTEL_EXPORTER_OTLP_ENDPOINT"));
    }

    // docker-compose (Python) takes seconds to start: resolve the default configuration once for the class.
    private static readonly Lazy<Task<YamlMappingNode>> DefaultResolved = new(() => ResolveAsync(null, []));

    private static Task<YamlMappingNode> ResolvedAsync() => DefaultResolved.Value;

    private static Task<YamlMappingNode> ResolvedAsync(IReadOnlyDictionary<string, string?> environment, params string[] globalOptions) =>
        ResolveAsync(environment, globalOptions);

    private static async Task<YamlMappingNode> ResolveAsync(IReadOnlyDictionary<string, string?>? environment, string[] globalOptions)
    {
        var result = await ComposeAsync(globalOptions, ["config"], environment);
        Assert.True(result.ExitCode == 0, result.Describe());
        return YamlNodes.LoadMapping(result.StandardOutput);
    }

    /// <summary>
    /// Runs docker-compose on the repo's file with an empty env file and with every variable the file reads removed
    /// from the environment, so a developer's .env or shell cannot change what the tests see.
    /// </summary>
    private static Task<ExternalTool.Result> ComposeAsync(
        IReadOnlyList<string> globalOptions,
        IReadOnlyList<string> command,
        IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var compose = ExternalTool.Require("docker-compose", "Debian: apt-get install docker-compose");
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (Match variable in Regex.Matches(RepositoryFiles.Read("docker-compose.yml"), @"\$\{([A-Za-z_][A-Za-z0-9_]*)"))
        {
            environment[variable.Groups[1].Value] = null;
        }

        foreach (var (name, value) in overrides ?? new Dictionary<string, string?>())
        {
            environment[name] = value;
        }

        var emptyEnvFile = Path.Combine(Path.GetTempPath(), "ivr-compose-test-empty.env");
        File.WriteAllText(emptyEnvFile, string.Empty);
        return ExternalTool.RunAsync(
            compose,
            ["-f", "docker-compose.yml", "--env-file", emptyEnvFile, .. globalOptions, .. command],
            environment);
    }
}
