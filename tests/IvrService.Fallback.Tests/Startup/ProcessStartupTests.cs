using System.Net;
using IvrService.Testing;
using IvrService.Testing.Twilio;

namespace IvrService.Fallback.Tests.Startup;

/// <summary>
/// The fallback as a real process: it starts with nothing but a token, and a bad token setting still stops it.
/// The Native AOT binary (minutes to publish) is checked by <c>bench/fallback-startup.sh</c>, which sends it the
/// same signed failover and checks the TwiML.
/// </summary>
public class ProcessStartupTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Start_NoFlowFileAndNoAws_AnswersASignedFailoverWithTheStaticApology()
    {
        await using var app = AppProcess.Start("IvrService.Fallback", Environment(("Fallback__FlowPath", "/nonexistent/flow.json")));

        await AssertAnswersSignedFailover(app, expectResume: false);
        Assert.Contains("UNAVAILABLE", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ProductionWithoutAuthToken_ExitsNamingTheSetting()
    {
        await using var app = AppProcess.Start("IvrService.Fallback", new Dictionary<string, string?> { ["Twilio__AuthToken"] = "" });

        Assert.True(await app.WaitForExitAsync(Timeout), "the fallback kept running without an auth token:\n" + app.Output);
        Assert.NotEqual(0, app.ExitCode);
        Assert.Contains("Twilio:AuthToken", app.Output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Environment(params (string Key, string Value)[] extra)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Twilio__AuthToken"] = "process-token",
            ["Fallback__PrimaryHosts__0"] = "primary.example.com",
        };
        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }

        return environment;
    }

    private static async Task AssertAnswersSignedFailover(AppProcess app, bool expectResume)
    {
        Assert.True(await app.WaitUntilHealthyAsync(Timeout), "the fallback did not become healthy:\n" + app.Output);
        using var client = new HttpClient(new SigningHandler("process-token") { InnerHandler = new HttpClientHandler() }) { BaseAddress = app.BaseUri };
        using var content = new FormUrlEncodedContent(Webhooks.FailedCall("11205", "https://primary.example.com/voice/continue?n=main&l=en-US"));

        using var response = await client.PostAsync(new Uri("/fallback/voice", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expectResume, body.Contains("<Gather", StringComparison.Ordinal));
        Assert.Contains(expectResume ? "/fallback/audio/en-US/main-long.wav</Play>" : "technical difficulties.</Say>", body, StringComparison.Ordinal);
    }
}
