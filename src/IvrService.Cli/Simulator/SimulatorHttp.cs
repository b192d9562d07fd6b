using System.Net.Sockets;

namespace IvrService.Cli.Simulator;

/// <summary>
/// The HTTP handler the simulator uses by default: a <see cref="SocketsHttpHandler"/> whose connect step honours the
/// per-request connect timeout (<c>ct</c>) and pauses the read timer while connecting, so <c>rt</c> counts from the
/// moment the TCP connection exists, as on Twilio.
/// </summary>
public static class SimulatorHttp
{
    internal static readonly HttpRequestOptionsKey<AttemptTimers> TimersKey = new("IvrService.Simulator.Timers");

    /// <summary>Twilio follows redirects; past this many it gives up with 11215.</summary>
    public const int MaxRedirects = 10;

    /// <summary>Creates the default handler. Tests may wrap or replace it through <see cref="CallSimulatorOptions.HandlerFactory"/>.</summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = true,
        MaxAutomaticRedirections = MaxRedirects,
        UseCookies = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        ConnectCallback = ConnectAsync,
    };

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        context.InitialRequestMessage.Options.TryGetValue(TimersKey, out var timers);
        timers?.PauseRead();
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (timers is null)
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                using var connectTimeout = new CancellationTokenSource(timers.ConnectTimeout, timers.TimeProvider);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connectTimeout.Token);
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (connectTimeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new ConnectTimeoutException(context.DnsEndPoint.ToString(), timers.ConnectTimeout);
                }
            }

            timers?.RestartRead();
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>The TCP connection was not established within the connect timeout.</summary>
public sealed class ConnectTimeoutException : Exception
{
    public ConnectTimeoutException()
    {
    }

    public ConnectTimeoutException(string message) : base(message)
    {
    }

    public ConnectTimeoutException(string message, Exception innerException) : base(message, innerException)
    {
    }

    internal ConnectTimeoutException(string endPoint, TimeSpan timeout)
        : base($"TCP connect to {endPoint} timed out after {timeout.TotalMilliseconds:0} ms")
    {
    }
}

/// <summary>The read timer of one attempt; the connect callback pauses it while the TCP connection is made.</summary>
internal sealed class AttemptTimers : IDisposable
{
    private readonly CancellationTokenSource _read;

    public AttemptTimers(ConnectionSettings settings, TimeProvider timeProvider)
    {
        TimeProvider = timeProvider;
        ConnectTimeout = settings.ConnectTimeout;
        ReadTimeout = settings.ReadTimeout;
        _read = new CancellationTokenSource(ReadTimeout, timeProvider);
    }

    public TimeProvider TimeProvider { get; }

    public TimeSpan ConnectTimeout { get; }

    public TimeSpan ReadTimeout { get; }

    public CancellationToken ReadToken => _read.Token;

    public bool ReadExpired => _read.IsCancellationRequested;

    public void PauseRead() => Reschedule(Timeout.InfiniteTimeSpan);

    public void RestartRead() => Reschedule(ReadTimeout);

    private void Reschedule(TimeSpan delay)
    {
        try
        {
            if (!_read.IsCancellationRequested)
            {
                _read.CancelAfter(delay);
            }
        }
        catch (ObjectDisposedException)
        {
            // The handler may finish a connection after its request gave up; the timer no longer matters then.
        }
    }

    public void Dispose() => _read.Dispose();
}
