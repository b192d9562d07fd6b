using System.Net;
using System.Text.Json;
using IvrService.Testing;
using IvrService.Testing.Twilio;

namespace IvrService.Primary.Tests.Startup;

/// <summary>
/// Log events leave the process in batches (one write per batch, off the request path); none may be lost when the
/// orchestrator stops the app.
/// </summary>
public class ProcessLoggingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Stop_AfterCalls_EveryCompletionEventReachesStdoutAsJson()
    {
        await using var app = AppProcess.Start("IvrService.Primary", new Dictionary<string, string?> { ["Twilio__AuthToken"] = "log-token" });
        Assert.True(await app.WaitUntilHealthyAsync(Timeout), "the primary did not become healthy:\n" + app.Output);
        using var client = new HttpClient(new SigningHandler("log-token") { InnerHandler = new HttpClientHandler() }) { BaseAddress = app.BaseUri };

        var sids = Enumerable.Range(0, 25).Select(i => $"CA{i:x32}").ToList();
        foreach (var sid in sids)
        {
            using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["CallSid"] = sid, ["From"] = "+14155550100", ["To"] = "+18005550199", ["CallStatus"] = "ringing" });
            using var response = await client.PostAsync(new Uri("/voice", UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Stopped right after the last answer, well inside the batching interval.
        Assert.True(await app.StopAsync(Timeout), "the primary did not stop on SIGTERM:\n" + app.Output);

        var completions = app.Output.Split('\n')
            .Where(line => line.StartsWith('{'))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(e => e.TryGetProperty("StatusCode", out _) && e.TryGetProperty("RequestPath", out var path) && path.GetString() == "/voice")
            .Select(e => e.GetProperty("CallSid").GetString() ?? "")
            .ToList();
        Assert.Equal(sids, completions);
    }
}
