using System.Globalization;
using System.Text.Json;
using IvrService.Testing;
using IvrService.Testing.Telemetry;
using IvrService.Testing.Twilio;

namespace IvrService.EndToEnd.Tests.Telemetry;

/// <summary>A real Prometheus server scrapes both apps, running as real processes, and its query API holds their series.</summary>
public sealed class PrometheusScrapeTests
{
    private const string Token = "e2e-metrics-auth-token-0123456789";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [PrometheusFact]
    public async Task Prometheus_ScrapesBothApps_SeriesMatchTheWebhooksSent()
    {
        var fallbackPort = AppProcess.FreePort();
        var primaryPort = AppProcess.FreePort();
        var managementPort = AppProcess.FreePort();
        await using var fallback = AppProcess.Start("IvrService.Fallback", new Dictionary<string, string?>
        {
            ["Twilio__AuthToken"] = Token,
            ["Twilio__RequestValidation__BaseUrlOverride"] = $"http://127.0.0.1:{fallbackPort}",
            ["Fallback__PrimaryHosts__0"] = "127.0.0.1",
        }, fallbackPort);
        // The primary serves /metrics only on a management port of its own.
        await using var primary = AppProcess.Start("IvrService.Primary", new Dictionary<string, string?>
        {
            ["Twilio__AuthToken"] = Token,
            ["Twilio__RequestValidation__BaseUrlOverride"] = $"http://127.0.0.1:{primaryPort}",
            ["Messaging__Enabled"] = "false",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{primaryPort};http://127.0.0.1:{managementPort}",
            ["Telemetry__MetricsPort"] = managementPort.ToString(CultureInfo.InvariantCulture),
        }, primaryPort);
        Assert.True(await fallback.WaitUntilHealthyAsync(StartTimeout), fallback.Output);
        Assert.True(await primary.WaitUntilHealthyAsync(StartTimeout), primary.Output);

        using var http = new HttpClient();
        for (var i = 0; i < 3; i++)
        {
            await PostAsync(http, primary.BaseUri, "/voice", Call(i), Token);
        }

        await PostAsync(http, primary.BaseUri, "/voice", Call(9), "forged-token");
        await PostAsync(http, fallback.BaseUri, "/fallback/voice", Failed(Call(3), "11205"), Token);
        await PostAsync(http, fallback.BaseUri, "/fallback/voice", Failed(Call(4), "13420"), Token);
        using (var onAppPort = await http.GetAsync(new Uri(primary.BaseUri, "/metrics")))
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, onAppPort.StatusCode);
        }

        await using var prometheus = await PrometheusServer.StartAsync(
        [
            ("ivr-primary", $"127.0.0.1:{managementPort}", "/metrics"),
            ("ivr-fallback", $"127.0.0.1:{fallbackPort}", "/metrics"),
        ], [Path.Combine(RepoPaths.Root, "deploy", "prometheus", "alerts.yml")]);
        var timeout = TimeSpan.FromSeconds(30);

        var up = await prometheus.WaitForAsync("up", r => r.Count == 2 && r.All(s => s.Value == 1), timeout);
        Assert.True(up.Count == 2 && up.All(s => s.Value == 1), "targets up: " + Describe(up) + "\n" + prometheus.Output);

        var answered = await prometheus.WaitForAsync(
            "sum by (job) (ivr_webhook_duration_seconds_count{http_response_status_code=\"200\"})", r => r.Count == 2, timeout);
        Assert.Equal(3, Value(answered, "job", "ivr-primary"));
        Assert.Equal(2, Value(answered, "job", "ivr-fallback"));

        var rejected = await prometheus.QueryAsync("ivr_signature_rejections_total");
        Assert.Equal(1, Value(rejected, "ivr_signature_failure", "NoMatch"));
        Assert.Equal("ivr-primary", Assert.Single(rejected).Labels["job"]);

        var families = await prometheus.QueryAsync("sum by (twilio_error_family) (ivr_fallback_requests_total)");
        Assert.Equal(1, Value(families, "twilio_error_family", "PrimaryUnreachable"));
        Assert.Equal(1, Value(families, "twilio_error_family", "MediaProblem"));

        // The shipped alert rules load and evaluate against these series.
        using (var rules = await prometheus.GetJsonAsync("api/v1/rules"))
        {
            var loaded = rules.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray()
                .SelectMany(g => g.GetProperty("rules").EnumerateArray()).ToList();
            Assert.Equal(6, loaded.Count);
            Assert.All(loaded, rule => Assert.True(rule.GetProperty("health").GetString() is "ok" or "unknown", rule.ToString()));
        }

        // Every query of the shipped Grafana dashboard is valid PromQL (Prometheus answers 400 otherwise).
        using var dashboard = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "deploy", "grafana", "ivrservice-dashboard.json")));
        var queries = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray()).Select(t => t.GetProperty("expr").GetString()!).ToList();
        Assert.True(queries.Count >= 10, $"{queries.Count} queries");
        foreach (var query in queries)
        {
            await prometheus.QueryAsync(query);
        }
    }

    private static Dictionary<string, string> Call(int n) => new(StringComparer.Ordinal)
    {
        ["CallSid"] = "CA" + n.ToString("D32", CultureInfo.InvariantCulture),
        ["AccountSid"] = "AC00000000000000000000000000000001",
        ["From"] = "+14155550100",
        ["To"] = "+15005550006",
        ["CallStatus"] = "ringing",
        ["Direction"] = "inbound",
    };

    private static Dictionary<string, string> Failed(Dictionary<string, string> call, string code)
    {
        call["ErrorCode"] = code;
        call["ErrorUrl"] = "http://127.0.0.1/voice";
        return call;
    }

    private static async Task PostAsync(HttpClient http, Uri baseUri, string path, Dictionary<string, string> form, string token)
    {
        var url = new Uri(baseUri, path).AbsoluteUri;
        using var request = TwilioRequestSigner.CreateFormPost(url, form.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)), token);
        request.RequestUri = new Uri(url);
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsStringAsync();
    }

    private static double Value(IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)> result, string label, string value) =>
        result.Where(r => r.Labels.TryGetValue(label, out var v) && v == value).Sum(r => r.Value);

    private static string Describe(IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)> result) =>
        string.Join("; ", result.Select(r => string.Join(",", r.Labels.Select(l => l.Key + "=" + l.Value)) + " " + r.Value.ToString(CultureInfo.InvariantCulture)));
}
