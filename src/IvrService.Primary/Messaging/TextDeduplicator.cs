using Microsoft.Extensions.Options;

namespace IvrService.Primary.Messaging;

/// <summary>
/// Remembers which (CallSid, text node) pairs were sent within <see cref="MessagingOptions.DuplicateWindow"/>, in
/// bounded memory. Twilio's signature carries no timestamp and Twilio itself retries a webhook that timed out, so a
/// repeated request must not send a second text. Per process: replicas behind a load balancer each keep their own.
/// </summary>
internal sealed class TextDeduplicator(TimeProvider time, IOptions<MessagingOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _expires = new(StringComparer.Ordinal);

    // The window is the same for every key, so insertion order is expiry order: the oldest claim is always first.
    private readonly Queue<(string Key, DateTimeOffset Expires)> _order = new();

    /// <summary>True (and remembered) when <paramref name="key"/> was not claimed within the window.</summary>
    public bool TryClaim(string key)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        lock (_gate)
        {
            while (_order.TryPeek(out var oldest) && oldest.Expires <= now)
            {
                Forget(_order.Dequeue());
            }

            if (_expires.TryGetValue(key, out var until) && until > now)
            {
                return false;
            }

            // Released claims leave stale queue entries; bound those too, even at the cost of forgetting early.
            while ((_expires.Count >= settings.DuplicateCapacity || _order.Count >= 2 * settings.DuplicateCapacity) && _order.TryDequeue(out var oldest))
            {
                Forget(oldest);
            }

            var expiry = now + settings.DuplicateWindow;
            _expires[key] = expiry;
            _order.Enqueue((key, expiry));
            return true;
        }
    }

    // A queue entry may be stale (released, or claimed again later): only remove the claim it made.
    private void Forget((string Key, DateTimeOffset Expires) entry)
    {
        if (_expires.TryGetValue(entry.Key, out var expires) && expires == entry.Expires)
        {
            _expires.Remove(entry.Key);
        }
    }

    /// <summary>Forgets a claim whose text was refused after all, so a retried webhook may try again.</summary>
    public void Release(string key)
    {
        lock (_gate)
        {
            _expires.Remove(key);
        }
    }
}
