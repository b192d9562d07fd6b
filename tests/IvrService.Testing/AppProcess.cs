using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IvrService.Testing;

/// <summary>
/// One of our apps as a real process on a loopback port (real Kestrel), started from its own build output with
/// <c>dotnet &lt;App&gt;.dll</c>. Output is captured for assertions; the process is killed on dispose.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        BaseUri = new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>The loopback port the app listens on.</summary>
    public int Port { get; }

    /// <summary><c>http://127.0.0.1:{port}</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>Everything the app wrote to stdout and stderr so far.</summary>
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

    /// <summary>The operating system's id of the process.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts <c>src/{project}/bin/{configuration}/net10.0/{project}.dll</c> (built by the test project's
    /// reference) on a free port with <paramref name="environment"/> added to its environment.
    /// </summary>
    public static AppProcess Start(string project, IReadOnlyDictionary<string, string?> environment, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var dll = AppDll(project);
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)! };
        info.ArgumentList.Add(dll);
        return Launch(info, environment, port);
    }

    /// <summary>
    /// Starts <c>src/{project}/bin/{configuration}/net10.0/{assembly}.dll</c> with <paramref name="arguments"/>, for a
    /// tool whose assembly name differs from its project (the CLI is <c>ivr.dll</c>). The tool must listen on
    /// <paramref name="port"/> (pass it in the arguments) for <see cref="WaitUntilHealthyAsync"/> to find it.
    /// </summary>
    public static AppProcess StartTool(string project, string assembly, IEnumerable<string> arguments, int port,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var dll = AppDll(project, assembly);
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = RepoPaths.Root };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Launch(info, environment ?? new Dictionary<string, string?>(), port);
    }

    /// <summary>Starts any executable as an app on <paramref name="port"/> (ASPNETCORE_URLS), in Production.</summary>
    public static AppProcess Launch(ProcessStartInfo info, IReadOnlyDictionary<string, string?> environment, int? port)
    {
        var chosen = port ?? FreePort();
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{chosen}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var app = new AppProcess(process, chosen);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Waits until the app answers <c>GET /healthz</c>; false if it exited or timed out first.</summary>
    public async Task<bool> WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout && !_process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow first answer under load; try again.
            }

            await Task.Delay(50);
        }

        return false;
    }

    /// <summary>Waits for the process to exit by itself.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Stops the app the way an orchestrator does (SIGTERM, then waits), so graceful shutdown runs: queues drain,
    /// buffered log events are written.
    /// </summary>
    /// <param name="timeout">How long to wait for the exit.</param>
    /// <returns>True when the app exited within <paramref name="timeout"/>.</returns>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return true;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])))
        {
            await kill!.WaitForExitAsync();
        }

        var exited = await WaitForExitAsync(timeout);
        if (exited)
        {
            // The exit can be seen before the last redirected output line is delivered.
            await _process.WaitForExitAsync();
        }

        return exited;
    }

    /// <summary>Kills the app at once (a crash, as far as Twilio can tell).</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The build output of <paramref name="project"/> in the configuration these tests were built in.</summary>
    public static string AppDll(string project) => AppDll(project, project);

    /// <summary>The build output <c>{assembly}.dll</c> of <paramref name="project"/>.</summary>
    public static string AppDll(string project, string assembly)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Debug";
        var dll = Path.Combine(RepoPaths.Root, "src", project, "bin", configuration, "net10.0", assembly + ".dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"{project} is not built at {dll}; the test project must reference it.", dll);
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
