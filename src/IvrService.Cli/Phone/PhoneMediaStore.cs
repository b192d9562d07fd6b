using IvrService.Cli.Simulator;

namespace IvrService.Cli.Phone;

/// <summary>
/// The prompt audio the simulator fetched, kept so the browser can play exactly those bytes from the CLI (no CORS,
/// no second request to the app, works offline). Only what the simulator fetched is served: the page cannot use the
/// phone as a proxy to anything else. Bounded; the oldest entries go first.
/// </summary>
internal sealed class PhoneMediaStore(long maxBytes = PhoneMediaStore.DefaultMaxBytes)
{
    public const long DefaultMaxBytes = 128L * 1024 * 1024;

    private readonly Dictionary<string, MediaBody> _bodies = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();
    private long _bytes;

    /// <summary>
    /// Keeps <paramref name="body"/> as the browser will get it: G.711 recordings, which Firefox and Safari cannot play,
    /// converted to PCM once here rather than on every request for them.
    /// </summary>
    public void Put(MediaBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (WavTranscoder.ToPcm16(body.Bytes) is { } pcm)
        {
            body = body with { Bytes = pcm, ContentType = "audio/wav" };
        }

        if (body.Bytes.LongLength > maxBytes)
        {
            return;
        }

        lock (_lock)
        {
            if (_bodies.Remove(body.Url, out var old))
            {
                _bytes -= old.Bytes.LongLength;
            }
            else
            {
                _order.Enqueue(body.Url);
            }

            _bodies[body.Url] = body;
            _bytes += body.Bytes.LongLength;
            while (_bytes > maxBytes && _order.TryDequeue(out var oldest))
            {
                if (_bodies.Remove(oldest, out var evicted))
                {
                    _bytes -= evicted.Bytes.LongLength;
                }
            }
        }
    }

    public bool TryGet(string url, out MediaBody body)
    {
        lock (_lock)
        {
            return _bodies.TryGetValue(url, out body!);
        }
    }
}
