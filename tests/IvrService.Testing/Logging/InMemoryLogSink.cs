using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace IvrService.Testing.Logging;

/// <summary>
/// Captures Serilog events in memory (serilog-aspnetcore's own test approach). Register it in a test host's services
/// as <see cref="ILogEventSink"/>; the apps' logger reads sinks from DI.
/// </summary>
public sealed class InMemoryLogSink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    /// <summary>Everything logged so far.</summary>
    public IReadOnlyList<LogEvent> Events => [.. _events];

    /// <inheritdoc />
    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>The scalar value of <paramref name="property"/> on <paramref name="logEvent"/>, as a string.</summary>
    public static string? Property(LogEvent logEvent, string property)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        return logEvent.Properties.TryGetValue(property, out var value)
            ? value is ScalarValue { Value: var scalar } ? scalar?.ToString() : value.ToString()
            : null;
    }

    /// <summary>
    /// Waits for an event matching <paramref name="predicate"/>: completion events are written after the response
    /// has reached the client, so a test must not look for them synchronously.
    /// </summary>
    public async Task<LogEvent> WaitForAsync(Func<LogEvent, bool> predicate, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var match = _events.LastOrDefault(predicate);
            if (match is not null)
            {
                return match;
            }

            if (waited.Elapsed > (timeout ?? TimeSpan.FromSeconds(10)))
            {
                throw new TimeoutException($"No matching log event after {waited.Elapsed}; {_events.Count} events captured.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Events that carry <paramref name="property"/> equal to <paramref name="value"/>.</summary>
    public IEnumerable<LogEvent> WithProperty(string property, string value) =>
        Events.Where(e => string.Equals(Property(e, property), value, StringComparison.Ordinal));
}
