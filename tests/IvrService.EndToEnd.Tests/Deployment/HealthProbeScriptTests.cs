using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IvrService.EndToEnd.Tests.Deployment;

/// <summary>
/// deploy/docker/healthz is the images' HEALTHCHECK (the runtime images have no curl or wget): run it against a
/// local listener that answers like the app would.
/// </summary>
public sealed class HealthProbeScriptTests
{
    private const string Script = "deploy/docker/healthz";

    [Fact]
    public async Task Healthz_200_ExitsZero()
    {
        using var server = OneShotHttpServer.Start("HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nHealthy");

        var result = await RunProbeAsync(server.Port.ToString(CultureInfo.InvariantCulture));

        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.StartsWith("GET /healthz HTTP/1.0\r\n", await server.RequestAsync, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_503_ExitsNonZeroNamingTheStatus()
    {
        using var server = OneShotHttpServer.Start("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n");

        var result = await RunProbeAsync(server.Port.ToString(CultureInfo.InvariantCulture));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("503", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_NothingListening_ExitsNonZero()
    {
        var port = FreePort();

        var result = await RunProbeAsync(port.ToString(CultureInfo.InvariantCulture));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("nothing listening", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_SilentServer_GivesUpAfterTimeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var result = await RunProbeAsync(port.ToString(CultureInfo.InvariantCulture), timeoutSeconds: "1");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no answer", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_SeveralPorts_ProbesTheFirst()
    {
        using var server = OneShotHttpServer.Start("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");

        var result = await RunProbeAsync($"{server.Port};{FreePort()}");

        Assert.True(result.ExitCode == 0, result.Describe());
    }

    private static async Task<ExternalTool.Result> RunProbeAsync(string ports, string timeoutSeconds = "3")
    {
        var bash = ExternalTool.Require("bash", "apt-get install bash");
        return await ExternalTool.RunAsync(
            bash,
            [RepositoryFiles.PathOf(Script)],
            new Dictionary<string, string?>
            {
                ["ASPNETCORE_HTTP_PORTS"] = ports,
                ["HEALTHZ_PORT"] = null,
                ["HEALTHZ_PATH"] = null,
                ["HEALTHZ_TIMEOUT"] = timeoutSeconds,
            },
            TimeSpan.FromSeconds(30));
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Accepts one connection, records the request head, answers with a fixed response.</summary>
    private sealed class OneShotHttpServer : IDisposable
    {
        private readonly TcpListener _listener;

        private OneShotHttpServer(TcpListener listener, string response)
        {
            _listener = listener;
            RequestAsync = ServeAsync(response);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public Task<string> RequestAsync { get; }

        public static OneShotHttpServer Start(string response)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return new OneShotHttpServer(listener, response);
        }

        public void Dispose() => _listener.Stop();

        private async Task<string> ServeAsync(string response)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            using var client = await _listener.AcceptTcpClientAsync(timeout.Token);
            var stream = client.GetStream();
            var buffer = new byte[4096];
            var request = new StringBuilder();
            while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    break;
                }

                request.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            await stream.WriteAsync(Encoding.ASCII.GetBytes(response), timeout.Token);
            return request.ToString();
        }
    }
}
