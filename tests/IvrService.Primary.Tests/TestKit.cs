using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using IvrService.Testing.Logging;
using Serilog.Events;

namespace IvrService.Primary.Tests;

/// <summary>Waiting and log-event helpers the messaging and scale-out tests share (<c>using static</c>).</summary>
internal static class TestKit
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(20);

    /// <summary>Events named <paramref name="eventName"/> (the <c>EventId</c>'s name), as a predicate for Assert.</summary>
    public static Predicate<LogEvent> Is(string eventName) => e => Ev(eventName)(e);

    /// <summary>Events named <paramref name="eventName"/>, as a filter for LINQ and <see cref="InMemoryLogSink"/>.</summary>
    public static Func<LogEvent, bool> Ev(string eventName) =>
        e => e.Properties.TryGetValue("EventId", out var id) && id.ToString().Contains($"\"{eventName}\"", StringComparison.Ordinal);

    /// <summary>A property of the event as a plain string.</summary>
    public static string? P(LogEvent e, string property) => InMemoryLogSink.Property(e, property);

    /// <summary>The one item <paramref name="queue"/> gets; a moment is left for a second one to show up.</summary>
    public static async Task<T> Single<T>(ConcurrentQueue<T> queue)
    {
        await Eventually(() => !queue.IsEmpty);
        await Task.Delay(200);
        return Assert.Single(queue);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails after <paramref name="timeout"/> (20 s).</summary>
    public static async Task Eventually(Func<bool> condition, TimeSpan? timeout = null)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < (timeout ?? DefaultWait), "condition not met in time");
            await Task.Delay(20);
        }
    }

    /// <summary>Polls the in-process app's <c>GET /healthz</c> until its first line is <paramref name="status"/>; the body.</summary>
    public static async Task<string> WaitForHealthAsync(PrimaryAppFactory app, string status)
    {
        ArgumentNullException.ThrowIfNull(app);
        using var client = app.CreateClient();
        return await WaitForHealthAsync(client, status);
    }

    /// <summary>Polls an app process's <c>GET /healthz</c> until its first line is <paramref name="status"/>; the body.</summary>
    public static async Task<string> WaitForHealthAsync(Uri baseUri, string status)
    {
        using var client = new HttpClient { BaseAddress = baseUri };
        return await WaitForHealthAsync(client, status);
    }

    // Health answers 200 whether Healthy or Degraded; the first line says which.
    private static async Task<string> WaitForHealthAsync(HttpClient client, string status)
    {
        var body = "";
        var waited = Stopwatch.StartNew();
        while (!body.StartsWith(status + "\n", StringComparison.Ordinal))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"health never said {status}; last: {body}");
            using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            body = await response.Content.ReadAsStringAsync();
            await Task.Delay(50);
        }

        return body;
    }
}
