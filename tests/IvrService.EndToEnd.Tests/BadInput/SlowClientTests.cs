using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace IvrService.EndToEnd.Tests.BadInput;

/// <summary>
/// Slow-loris clients against the real Kestrel processes: one trickles its headers, one trickles a signed body, both
/// far slower than Twilio ever is. Kestrel's RequestHeadersTimeout (10 s) and MinRequestBodyDataRate (240 B/s after a
/// 5 s grace period) must cut them, with a logged reason, while both apps keep answering other callers promptly.
/// </summary>
[Collection(BadInputGroup.Name)]
public class SlowClientTests(BadInputApps apps)
{
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(25);

    [Fact]
    public async Task SlowHeadersAndSlowBodies_ConnectionsCut_OtherCallersStillServed()
    {
        var marks = new Dictionary<string, int> { ["primary"] = apps.Primary.LineCount(), ["fallback"] = apps.Fallback.LineCount() };
        var voice = BadInputApps.Routes.Where(r => r.Kind is WebhookKind.Voice or WebhookKind.FallbackVoice).ToList();
        var bodyTraces = voice.ToDictionary(r => r.App, _ => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));

        var slowHeaders = voice.Select(r => TrickleAsync(apps.For(r).BaseUri, Encoding.ASCII.GetBytes($"POST {r.Path} HTTP/1.1\r\nHost: x\r\nX-Slow: "), interval: TimeSpan.FromMilliseconds(500))).ToList();
        var slowBodies = voice.Select(r => TrickleAsync(apps.For(r).BaseUri, SignedHeadOnly(r, bodyTraces[r.App]), interval: TimeSpan.FromMilliseconds(500))).ToList();

        // Meanwhile, other callers: every half second a normal signed call to each app must be answered promptly.
        var served = 0;
        var slowest = TimeSpan.Zero;
        while (!slowHeaders.Concat(slowBodies).All(t => t.IsCompleted))
        {
            foreach (var route in voice)
            {
                var call = await RawResponse.SendAsync(apps.For(route).BaseUri, apps.SignedPost(route, route.ValidForm()));
                Assert.Equal(200, call.Status);
                slowest = call.Elapsed > slowest ? call.Elapsed : slowest;
                served++;
            }

            await Task.Delay(500);
        }

        foreach (var (result, kind) in (await Task.WhenAll(slowHeaders)).Select(r => (r, "headers")).Concat((await Task.WhenAll(slowBodies)).Select(r => (r, "body"))))
        {
            Assert.True(result.Cut, $"slow {kind} still connected after {result.Elapsed}");
            Assert.True(result.Elapsed < TimeSpan.FromSeconds(16), $"slow {kind} cut only after {result.Elapsed}");
            Assert.DoesNotContain("HTTP/1.1 5", result.Answer, StringComparison.Ordinal);
        }

        // Generous bounds (CI shares two cores with the other end-to-end tests); starving would take 10 s or more.
        Assert.True(served >= 10, $"only {served} calls served while the slow clients hung on");
        Assert.True(slowest < TimeSpan.FromSeconds(5), $"a normal call took {slowest} during the attack");

        foreach (var route in voice)
        {
            var app = apps.For(route);
            var mark = marks[route.App];

            // Headers: Kestrel refuses them itself, before any middleware, and its bad-request log is the only trace.
            Assert.NotNull(await app.WaitForLineAsync(mark, l => l.SourceContext == LogReason.KestrelBadRequests, TimeSpan.FromSeconds(5)));

            // Body: the signature check was reading it, so its rejection carries the reason (408, too slow).
            var trace = bodyTraces[route.App];
            var rejected = await app.WaitForLineAsync(mark, l => l.TraceId == trace && l.EventName == "TwilioRequestRejected", TimeSpan.FromSeconds(5));
            Assert.True(rejected is not null, string.Join('\n', app.LinesSince(mark).Select(l => l.ToString())));
            Assert.Equal("UnreadableBody", rejected.Text("Reason"));
            Assert.DoesNotContain(app.LinesSince(mark), l => l.Level is "Error" or "Fatal");
            await BadInputMatrixTests.AssertStillServingAsync(apps, route);
        }
    }

    /// <summary>The head of a signed form POST whose body will never arrive at a reasonable rate.</summary>
    private byte[] SignedHeadOnly(WebhookRoute route, string traceId)
    {
        var request = apps.SignedPost(route, [.. route.ValidForm(), new("Filler", new string('x', 2000))]);
        var head = Encoding.ASCII.GetString(request.WithHeader("traceparent", $"00-{traceId}-0000000000000001-01").ToBytes("x"));
        return Encoding.ASCII.GetBytes(head[..(head.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)]);
    }

    /// <summary>Writes <paramref name="head"/>, then one byte per interval until the server hangs up (or we give up).</summary>
    private static async Task<(bool Cut, TimeSpan Elapsed, string Answer)> TrickleAsync(Uri server, byte[] head, TimeSpan interval)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        var stream = client.GetStream();
        var clock = Stopwatch.StartNew();
        await stream.WriteAsync(head);
        var reading = ReadUntilClosedAsync(stream);
        while (!reading.IsCompleted && clock.Elapsed < GiveUp)
        {
            try
            {
                await stream.WriteAsync("a"u8.ToArray());
            }
            catch (IOException)
            {
                break;
            }

            await Task.WhenAny(reading, Task.Delay(interval));
        }

        var cut = await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(2))) == reading;
        return (cut, clock.Elapsed, cut ? await reading : "");
    }

    private static async Task<string> ReadUntilClosedAsync(NetworkStream stream)
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // Reset by the server: cut all the same.
        }

        return Encoding.ASCII.GetString(received.ToArray());
    }
}
