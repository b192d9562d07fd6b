using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Xunit;

namespace IvrService.Testing.Telemetry;

/// <summary>
/// A real Prometheus for tests: Debian's <c>prometheus</c> as a child process on a free loopback port, scraping the
/// given targets every second, its storage in a temporary folder. Queried through its HTTP API.
/// <para>
/// Not installed: outside CI, mark the test <see cref="PrometheusFactAttribute"/> and it is skipped; with <c>CI=true</c>
/// <see cref="StartAsync"/> fails and says how to install it.
/// </para>
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    /// <summary>The command this fixture runs (Debian package <c>prometheus</c>); ./test.sh installs it.</summary>
    public const string Command = "prometheus";

    /// <summary>What to run when <see cref="Command"/> is missing.</summary>
    public const string InstallHint = "sudo apt-get install -y prometheus";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _output = new();
    private readonly HttpClient _http;

    private PrometheusServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        BaseUri = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        _http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>Whether <see cref="Command"/> is on PATH.</summary>
    public static bool IsInstalled => ExecutablePath is not null;

    /// <summary>Where <see cref="Command"/> is on PATH, or null.</summary>
    public static string? ExecutablePath => LocalTools.FindOnPath(Command);

    /// <summary>The server's own address.</summary>
    public Uri BaseUri { get; }

    /// <summary>What prometheus wrote so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts a server scraping each job's target (<c>host:port</c>, metrics path) every second and evaluating
    /// <paramref name="ruleFiles"/> every second, and waits until ready.
    /// </summary>
    public static async Task<PrometheusServer> StartAsync(
        IEnumerable<(string Job, string Target, string MetricsPath)> jobs, IEnumerable<string>? ruleFiles = null)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var executable = ExecutablePath ?? throw new InvalidOperationException(
            $"'{Command}' is not on PATH, so this Prometheus test cannot run. Install it ({InstallHint}); ./test.sh installs it itself.");
        var directory = Path.Combine(Path.GetTempPath(), "ivr-prometheus-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var config = new StringBuilder("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n  evaluation_interval: 1s\n");
        var rules = ruleFiles?.ToList() ?? [];
        if (rules.Count > 0)
        {
            config.Append("rule_files:\n");
            foreach (var rule in rules)
            {
                config.Append(CultureInfo.InvariantCulture, $"  - '{rule}'\n");
            }
        }

        config.Append("scrape_configs:\n");
        foreach (var (job, target, path) in jobs)
        {
            config.Append(CultureInfo.InvariantCulture, $"  - job_name: {job}\n    metrics_path: {path}\n    static_configs:\n      - targets: ['{target}']\n");
        }

        var configPath = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(configPath, config.ToString());
        var port = AppProcess.FreePort();
        var info = new ProcessStartInfo(executable)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--config.file=" + configPath,
            "--storage.tsdb.path=" + Path.Combine(directory, "data"),
            "--web.listen-address=127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture),
        })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var server = new PrometheusServer(process, directory, port);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (!await server.IsReadyAsync())
        {
            if (process.HasExited || deadline.Elapsed > StartTimeout)
            {
                var output = server.Output;
                await server.DisposeAsync();
                throw new InvalidOperationException($"prometheus on port {port.ToString(CultureInfo.InvariantCulture)} did not become ready. Output:\n{output}");
            }

            await Task.Delay(200);
        }

        return server;
    }

    /// <summary>The JSON document of an API path such as <c>api/v1/rules</c>.</summary>
    public async Task<JsonDocument> GetJsonAsync(string path) =>
        JsonDocument.Parse(await _http.GetStringAsync(new Uri(path, UriKind.Relative)));

    /// <summary>An instant query's result as (labels, value) pairs; a query Prometheus refuses throws with its error.</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> QueryAsync(string query)
    {
        using var response = await _http.GetAsync(new Uri("api/v1/query?query=" + Uri.EscapeDataString(query), UriKind.Relative));
        var json = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"prometheus refused the query {query}: {json}");
        }

        using var document = JsonDocument.Parse(json);
        var data = document.RootElement.GetProperty("data");
        var results = new List<(IReadOnlyDictionary<string, string>, double)>();
        foreach (var item in data.GetProperty("result").EnumerateArray())
        {
            var labels = item.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
            var value = double.Parse(item.GetProperty("value")[1].GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
            results.Add((labels, value));
        }

        return results;
    }

    /// <summary>Queries until <paramref name="done"/> holds for the result or <paramref name="timeout"/> passes; the last result.</summary>
    public async Task<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>> WaitForAsync(
        string query, Func<IReadOnlyList<(IReadOnlyDictionary<string, string> Labels, double Value)>, bool> done, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(done);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var result = await QueryAsync(query);
            if (done(result) || deadline.Elapsed > timeout)
            {
                return result;
            }

            await Task.Delay(250);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<bool> IsReadyAsync()
    {
        try
        {
            using var response = await _http.GetAsync(new Uri("-/ready", UriKind.Relative));
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}

/// <summary>A fact that needs <see cref="PrometheusServer"/>: skipped when prometheus is missing outside CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PrometheusFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when prometheus is missing outside CI.</summary>
    public PrometheusFactAttribute()
    {
        Skip = LocalTools.SkipUnlessInstalled(PrometheusServer.Command, PrometheusServer.InstallHint);
    }
}
