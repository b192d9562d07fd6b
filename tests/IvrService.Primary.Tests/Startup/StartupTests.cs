using IvrService.Testing;

namespace IvrService.Primary.Tests.Startup;

/// <summary>
/// Start-up refusals, checked on the real process: a misconfigured primary must exit non-zero and say why, not
/// take calls it would answer wrongly.
/// </summary>
public class StartupTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Start_ProductionWithoutAuthToken_ExitsNamingTheSetting()
    {
        await using var app = AppProcess.Start("IvrService.Primary", new Dictionary<string, string?>
        {
            ["Twilio__AuthToken"] = "",
        });

        Assert.True(await app.WaitForExitAsync(ExitTimeout), "the primary kept running without an auth token:\n" + app.Output);
        Assert.NotEqual(0, app.ExitCode);
        Assert.Contains("Twilio:AuthToken", app.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_BrokenFlowFile_ExitsListingEveryProblemWithItsLocation()
    {
        var flowPath = Path.Combine(Path.GetTempPath(), $"broken-flow-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(flowPath, BrokenFlow);
        try
        {
            await using var app = AppProcess.Start("IvrService.Primary", new Dictionary<string, string?>
            {
                ["Twilio__AuthToken"] = "token",
                ["Flow__Path"] = flowPath,
            });

            Assert.True(await app.WaitForExitAsync(ExitTimeout), "the primary started with a broken flow:\n" + app.Output);
            Assert.NotEqual(0, app.ExitCode);
            Assert.Contains("$.nodes.main.options", app.Output, StringComparison.Ordinal);
            Assert.Contains("$.nodes.sales", app.Output, StringComparison.Ordinal);
            Assert.Contains("Mars/Olympus_Mons", app.Output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(flowPath);
        }
    }

    [Fact]
    public async Task Start_Defaults_ServesHealthAndSampleAudio()
    {
        await using var app = AppProcess.Start("IvrService.Primary", new Dictionary<string, string?>
        {
            ["Twilio__AuthToken"] = "token",
            ["Twilio__AccountSid"] = "AC00000000000000000000000000000001",
        });

        Assert.True(await app.WaitUntilHealthyAsync(ExitTimeout), "the primary did not become healthy:\n" + app.Output);
        using var client = new HttpClient { BaseAddress = app.BaseUri };
        using var audio = await client.GetAsync(new Uri("/audio/en-US/welcome.wav", UriKind.Relative));
        Assert.True(audio.IsSuccessStatusCode, await audio.Content.ReadAsStringAsync());
        Assert.StartsWith("audio/", audio.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.True((await audio.Content.ReadAsByteArrayAsync()).Length > 1000);
    }

    // Three independent mistakes: a digit pointing nowhere, a transfer to a non-number, an unknown time zone.
    private const string BrokenFlow = """
        {
          "name": "broken",
          "start": "main",
          "defaultLocale": "en-US",
          "locales": ["en-US"],
          "prompts": { "en-US": { "hi": { "file": "hi.wav", "text": "Hi" } } },
          "nodes": {
            "main": { "type": "menu", "greetingLong": "hi", "options": { "1": { "next": "nowhere" }, "2": { "next": "sales" }, "3": { "next": "hours" } } },
            "sales": { "type": "transfer", "to": "call-me-maybe" },
            "hours": { "type": "hours", "timeZone": "Mars/Olympus_Mons", "weekly": { "monday": ["09:00-17:00"] }, "open": "main", "closed": "main" }
          }
        }
        """;
}
