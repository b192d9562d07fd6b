using Microsoft.Extensions.Options;

namespace IvrService.Primary.Messaging;

/// <summary>A sender's queue at Twilio as this app estimates it.</summary>
/// <param name="Accepted">False when the text would push the sender's queue past <see cref="MessagingOptions.MaxSenderBacklog"/>.</param>
/// <param name="Backlog">How long the sender's earlier texts still need to leave Twilio.</param>
/// <param name="Departure">When this text should leave Twilio's queue (when accepted).</param>
internal readonly record struct PacingEstimate(bool Accepted, TimeSpan Backlog, DateTimeOffset Departure);

/// <summary>
/// Estimates, per sender, when each text leaves Twilio's queue: a sender releases a fixed number of segments per
/// second (one for a US long code), so a 3-segment text holds the queue for 3 s. Twilio keeps at most 10 hours of a
/// sender's segments and fails the rest with 21611; a text that would go past that is refused here, with a log, rather
/// than accepted and lost. An estimate: texts sent by other apps from the same number are not seen.
/// </summary>
internal sealed class SenderPacing(TimeProvider time, IOptions<MessagingOptions> options)
{
    private const int PruneAbove = 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _busyUntil = new(StringComparer.Ordinal);

    public PacingEstimate TryReserve(string sender, int segments)
    {
        var now = time.GetUtcNow();
        var duration = Duration(sender, segments);
        lock (_gate)
        {
            if (_busyUntil.Count > PruneAbove)
            {
                foreach (var idle in _busyUntil.Where(p => p.Value <= now).Select(p => p.Key).ToList())
                {
                    _busyUntil.Remove(idle);
                }
            }

            var start = _busyUntil.TryGetValue(sender, out var busy) && busy > now ? busy : now;
            var departure = start + duration;
            if (departure - now > options.Value.MaxSenderBacklog)
            {
                return new PacingEstimate(false, start - now, departure);
            }

            _busyUntil[sender] = departure;
            return new PacingEstimate(true, start - now, departure);
        }
    }

    /// <summary>Gives back a reservation whose text was never sent.</summary>
    public void Release(string sender, int segments)
    {
        var now = time.GetUtcNow();
        var duration = Duration(sender, segments);
        lock (_gate)
        {
            if (_busyUntil.TryGetValue(sender, out var busy))
            {
                var released = busy - duration;
                _busyUntil[sender] = released > now ? released : now;
            }
        }
    }

    private TimeSpan Duration(string sender, int segments) => options.Value.QueueTime(sender, segments);
}
