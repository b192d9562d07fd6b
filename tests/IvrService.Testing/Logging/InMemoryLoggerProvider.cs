using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IvrService.Testing.Logging;

/// <summary>One captured log event with its structured properties.</summary>
/// <param name="Category">The logger category.</param>
/// <param name="Level">The level.</param>
/// <param name="EventId">The event id and name.</param>
/// <param name="Message">The rendered message.</param>
/// <param name="Properties">The structured state (message template values), by name.</param>
/// <param name="Exception">The exception, if any.</param>
public sealed record LogEntry(
    string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyDictionary<string, object?> Properties, Exception? Exception);

/// <summary>Captures every log event in memory so tests can assert on events, levels and properties.</summary>
public sealed class InMemoryLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    /// <summary>Everything logged so far, in order.</summary>
    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>The events with the given name (the <c>EventName</c> of a <c>[LoggerMessage]</c>).</summary>
    /// <param name="eventName">The event name.</param>
    /// <returns>The matching entries.</returns>
    public IReadOnlyList<LogEntry> ByEvent(string eventName) => Entries.Where(e => e.EventId.Name == eventName).ToList();

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class CapturingLogger(InMemoryLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    properties[key] = value;
                }
            }

            provider._entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception), properties, exception));
        }
    }
}
