using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IvrService.EndToEnd.Tests.Failover;

/// <summary>
/// A broken primary: a tiny HTTP/1.1 responder on 127.0.0.1:0 that answers every request with one scripted fault
/// (slow, 500, bad XML, wrong content type, dead media) and records the paths it was asked for. Raw sockets rather
/// than Kestrel: a fault only needs a status line and a body, and this keeps the suite free of a second web host.
/// </summary>
internal sealed class FaultStandIn : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<string> _paths = new();
    private readonly int _status;
    private readonly string _contentType;
    private readonly byte[] _body;
    private readonly TimeSpan _delay;
    private readonly Task _accepting;

    private FaultStandIn(int status, string contentType, string body, TimeSpan delay)
    {
        _status = status;
        _contentType = contentType;
        _body = Encoding.UTF8.GetBytes(body);
        _delay = delay;
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri BaseUrl { get; }

    public Uri VoiceUrl => new(BaseUrl, "/voice");

    /// <summary>The paths requested so far, in order.</summary>
    public IReadOnlyCollection<string> ReceivedPaths => _paths.ToArray();

    public static FaultStandIn Start(int status, string contentType, string body, TimeSpan delay = default) =>
        new(status, contentType, body, delay);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream, _stopping.Token);
                var requestLine = head.Split("\r\n")[0].Split(' ');
                _paths.Enqueue(requestLine.Length > 1 ? requestLine[1] : "?");
                if (_delay > TimeSpan.Zero)
                {
                    await Task.Delay(_delay, _stopping.Token);
                }

                var response = string.Create(
                    CultureInfo.InvariantCulture,
                    $"HTTP/1.1 {_status} Scripted\r\nContent-Type: {_contentType}\r\nContent-Length: {_body.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(response), _stopping.Token);
                await stream.WriteAsync(_body, _stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
            {
                // The simulator gave up (a timeout is the very fault) or the stand-in is stopping.
            }
        }
    }

    /// <summary>
    /// Reads the head and the form body (by Content-Length): closing with unread bytes would reset the connection
    /// and lose the scripted answer.
    /// </summary>
    private static async Task<string> ReadHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                break;
            }

            length += read;
            var text = Encoding.ASCII.GetString(buffer, 0, length);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0 && length - (end + 4) >= ContentLength(text[..end]))
            {
                return text;
            }
        }

        return Encoding.ASCII.GetString(buffer, 0, length);
    }

    private static int ContentLength(string head)
    {
        foreach (var line in head.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(line[(colon + 1)..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
        }

        return 0;
    }
}
