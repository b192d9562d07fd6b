using System.Diagnostics;
using System.Net.Sockets;
using Xunit;

namespace IvrService.Testing;

/// <summary>
/// A real S3-compatible server for tests: s3rver from tests/node, on a free loopback port, with a temporary data
/// directory. It checks SigV4 signatures (access key and secret are both <c>S3RVER</c>), so presigned URLs are
/// verified for real. Share it with <c>IClassFixture</c>/<c>ICollectionFixture</c>; give each test its own bucket.
/// </summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    /// <summary>The access key s3rver accepts.</summary>
    public const string AccessKey = "S3RVER";

    /// <summary>The secret s3rver accepts.</summary>
    public const string SecretKey = "S3RVER";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ivr-s3rver-" + Guid.NewGuid().ToString("N"));
    private readonly List<string> _output = [];
    private Process? _process;
    private int _bucketCounter;

    /// <summary>The endpoint, e.g. <c>http://127.0.0.1:41234/</c> (path-style access).</summary>
    public Uri ServiceUrl { get; private set; } = null!;

    /// <summary>A fresh bucket name, unique within this server.</summary>
    public string NewBucketName(string hint = "bucket")
        => $"{hint.ToLowerInvariant()}-{Interlocked.Increment(ref _bucketCounter)}";

    /// <summary>Starts s3rver and waits until it answers HTTP.</summary>
    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var nodeTools = NodeToolsFolder();
        var script = Path.Combine(nodeTools, "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"s3rver is not installed at {script}; build tests/IvrService.Testing (it runs `npm ci` in tests/node).");
        }

        var port = FreePort();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = nodeTools,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { script, "-d", _directory, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for s3rver.");
        _process.OutputDataReceived += (_, e) => Capture(e.Data);
        _process.ErrorDataReceived += (_, e) => Capture(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        ServiceUrl = new Uri($"http://127.0.0.1:{port}/");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"s3rver exited with {_process.ExitCode}: {string.Join('\n', Output())}");
            }

            try
            {
                using var response = await http.GetAsync(ServiceUrl);
                return; // any HTTP answer (s3rver lists buckets) means it is up
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
            catch (TaskCanceledException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"s3rver did not answer on {ServiceUrl} within {StartTimeout}: {string.Join('\n', Output())}");
    }

    /// <summary>Kills s3rver and deletes its data.</summary>
    public async Task DisposeAsync()
    {
        if (_process is { } process)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind is harmless.
        }
    }

    /// <summary>What s3rver printed (for failure messages).</summary>
    public IReadOnlyList<string> Output()
    {
        lock (_output)
        {
            return [.. _output];
        }
    }

    /// <summary>The tests/node folder, found by walking up from the test binaries to the solution.</summary>
    public static string NodeToolsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IvrService.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "node");
            }
        }

        throw new InvalidOperationException($"No IvrService.sln above {AppContext.BaseDirectory}.");
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
