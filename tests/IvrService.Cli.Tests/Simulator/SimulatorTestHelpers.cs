using System.Net;
using System.Net.Sockets;
using IvrService.Cli.Simulator;

namespace IvrService.Cli.Tests.Simulator;

internal static class SimulatorTestHelpers
{
    public const string Token = "test-auth-token-0123456789abcdef";

    /// <summary>
    /// Shorter than Twilio's so a hung test fails fast, long enough for a cold, JIT-ing stand-in on a busy machine;
    /// the timer tests set their own through URL fragments.
    /// </summary>
    public static ConnectionSettings FastTimers { get; } = new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(2),
        ReadTimeout = TimeSpan.FromSeconds(4),
        TotalTimeout = TimeSpan.FromSeconds(6),
    };

    public static Task<CallTranscript> CallAsync(
        Uri voiceUrl,
        string? digits = null,
        Uri? fallbackUrl = null,
        string? token = Token,
        Func<CallSimulatorOptions, CallSimulatorOptions>? configure = null)
    {
        var options = new CallSimulatorOptions
        {
            VoiceUrl = voiceUrl,
            FallbackUrl = fallbackUrl,
            AuthToken = token,
            Input = ScriptedCallerInput.Parse(digits),
            Connection = FastTimers,
        };
        return new CallSimulator(configure?.Invoke(options) ?? options).RunAsync();
    }

    /// <summary>A loopback port with nothing listening (bound, then released).</summary>
    public static Uri DeadUrl(string path = "/voice")
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}{path}");
    }

    public static CallEvent Single(this CallTranscript transcript, CallEventKind kind) =>
        Assert.Single(transcript.Events, e => e.Kind == kind);

    public static CallEvent[] All(this CallTranscript transcript, CallEventKind kind) =>
        transcript.Events.Where(e => e.Kind == kind).ToArray();
}

/// <summary>
/// A loopback port whose accept queue is full, so new TCP connects hang (SYNs are dropped) — the way a firewalled or
/// overloaded host looks to Twilio's connect timer.
/// </summary>
internal sealed class BlackHole : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Socket _filler = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public BlackHole()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(0);
        _filler.Connect(_listener.LocalEndPoint!);
    }

    public Uri Url(string path) => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndPoint!).Port}{path}");

    public void Dispose()
    {
        _filler.Dispose();
        _listener.Dispose();
    }
}

/// <summary>Counts requests on their way through; wraps the simulator's default handler so <c>ct</c> still applies.</summary>
internal sealed class CountingHandler() : DelegatingHandler(SimulatorHttp.CreateHandler())
{
    private int _count;

    public int Count => _count;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        return base.SendAsync(request, cancellationToken);
    }
}
