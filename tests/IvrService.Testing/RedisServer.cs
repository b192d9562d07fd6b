using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace IvrService.Testing;

/// <summary>
/// A real Redis for tests: Debian's <c>redis-server</c> as a child process on a free loopback port, with nothing
/// persisted (<c>--save '' --appendonly no</c>) and its working directory in a temporary folder. It can be stopped and
/// started again on the same port, for "Redis went down / came back" tests. Readiness and <see cref="FlushAllAsync"/>
/// speak RESP over a plain socket, so this project needs no Redis client library.
/// <para>
/// Not installed: outside CI, mark the test <see cref="RedisFactAttribute"/> and it is reported as skipped; with
/// <c>CI=true</c> (or without the attribute) <see cref="StartAsync"/> fails and says how to install it.
/// </para>
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    /// <summary>The command this fixture runs (Debian package <c>redis-server</c>); ./test.sh installs it.</summary>
    public const string Command = "redis-server";

    /// <summary>What to run when <see cref="Command"/> is missing.</summary>
    public const string InstallHint = "sudo apt-get install -y redis-server";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly string _executable;
    private readonly string _directory;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private RedisServer(string executable, int port, string directory)
    {
        _executable = executable;
        Port = port;
        _directory = directory;
    }

    /// <summary>Where <see cref="Command"/> is on PATH, or null.</summary>
    public static string? ExecutablePath => LocalTools.FindOnPath(Command);

    /// <summary>Whether <see cref="Command"/> is on PATH.</summary>
    public static bool IsInstalled => ExecutablePath is not null;

    /// <summary>Whether the environment variable <c>CI</c> is <c>true</c>: there a missing tool fails, never skips.</summary>
    public static bool IsCi => LocalTools.IsCi;

    /// <summary>The loopback port it listens on (the same after <see cref="StartAgainAsync"/>).</summary>
    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string: <c>127.0.0.1:{port}</c>.</summary>
    public string ConfigurationString => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>Whether the server process is running (false after <see cref="StopAsync"/>).</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>What redis-server wrote so far (for failure messages).</summary>
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

    /// <summary>Starts a server on a free port and waits until it answers PING.</summary>
    /// <exception cref="InvalidOperationException">redis-server is not installed (the message says how to install it), or did not start.</exception>
    public static async Task<RedisServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var executable = ExecutablePath ?? throw new InvalidOperationException(
            $"'{Command}' is not on PATH, so this Redis test cannot run. Install it ({InstallHint}); ./test.sh installs it itself.");
        var directory = Path.Combine(Path.GetTempPath(), "ivr-redis-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var server = new RedisServer(executable, AppProcess.FreePort(), directory);
        try
        {
            await server.StartAgainAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts the server again on the same <see cref="Port"/> (empty: nothing was persisted), and waits for PING.
    /// Does nothing while it is running.
    /// </summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }

        var info = new ProcessStartInfo(_executable)
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--protected-mode", "no", "--dir", _directory, "--daemonize", "no",
        })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {_executable}.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        _process = process;

        var deadline = Stopwatch.StartNew();
        while (!await PingAsync(cancellationToken))
        {
            if (process.HasExited || deadline.Elapsed > StartTimeout)
            {
                var why = process.HasExited
                    ? $"exited with code {process.ExitCode.ToString(CultureInfo.InvariantCulture)}"
                    : $"did not answer PING within {StartTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
                await StopAsync();
                throw new InvalidOperationException($"redis-server on port {Port.ToString(CultureInfo.InvariantCulture)} {why}. Output:\n{Output}");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>
    /// Kills the server at once (no shutdown, like a crash) and waits for it to exit. Nothing holds the port meanwhile;
    /// on a test machine another process taking it before <see cref="StartAgainAsync"/> is unlikely, and would fail loudly.
    /// </summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _process, null) is not { } process)
        {
            return;
        }

        using (process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(timeout.Token);
        }
    }

    /// <summary>Whether the server answers <c>PING</c> with <c>+PONG</c> now (false when it is down).</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await SendInlineAsync("PING", cancellationToken) == "+PONG";
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Deletes every key (<c>FLUSHALL</c>), so tests sharing one server start clean.</summary>
    /// <exception cref="InvalidOperationException">The server did not answer <c>+OK</c>.</exception>
    public async Task FlushAllAsync(CancellationToken cancellationToken = default)
    {
        var reply = await SendInlineAsync("FLUSHALL", cancellationToken);
        if (reply != "+OK")
        {
            throw new InvalidOperationException($"FLUSHALL answered {reply ?? "nothing"}.");
        }
    }

    /// <summary>Kills the server and deletes its temporary folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing a test over it is not.
        }
    }

    // One RESP inline command on a fresh connection; the first reply line, e.g. "+PONG" or "-ERR …".
    private async Task<string?> SendInlineAsync(string command, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), timeout.Token);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            return await reader.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Redis on port {Port.ToString(CultureInfo.InvariantCulture)} did not answer {command} in 5 s.");
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

/// <summary>
/// A <see cref="FactAttribute"/> for tests that need <see cref="RedisServer"/>: skipped (reported as such) when
/// redis-server is not installed, except under <c>CI=true</c>, where the test runs and fails with the install hint.
/// xunit 2 has no skip from inside a running test, so the decision is made here, when tests are discovered.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RedisFactAttribute : FactAttribute
{
    /// <summary>Sets <see cref="FactAttribute.Skip"/> when Redis is missing outside CI.</summary>
    public RedisFactAttribute()
    {
        Skip = LocalTools.SkipUnlessInstalled(RedisServer.Command, RedisServer.InstallHint);
    }
}
