using IvrService.Cli.Simulator;
using IvrService.Testing;

namespace IvrService.EndToEnd.Tests.Failover;

/// <summary>
/// Twilio's failover end to end: a broken primary (nothing listening, too slow, 500, bad XML, wrong content type)
/// and the real fallback process. Each call must finish through the fallback, which must have been told Twilio's
/// error code and the failing URL, and the caller must have heard the fallback's prompts.
/// </summary>
[Collection(FailoverSuite.Name)]
public sealed class FaultMatrixTests(FailoverFixture apps)
{
    // Pressing 1 at the fallback's resumed main menu transfers to sales: a proper ending the caller chose.
    private const string Digits = "1";

    [Fact]
    public async Task Call_PrimaryNotListening_FallbackResumesWith11205()
    {
        var dead = new Uri($"http://127.0.0.1:{AppProcess.FreePort()}/voice");

        var transcript = await apps.CallAsync(dead, Digits);

        var failed = transcript.RequestEvents.First();
        Assert.Equal(2, failed.Attempts); // Twilio tries a refused connect twice
        await AssertCompletedThroughFallbackAsync(transcript, 11205, dead);
    }

    [Fact]
    public async Task Call_PrimarySlowerThanReadTimeout_FallbackResumesWith11205()
    {
        await using var slow = FaultStandIn.Start(200, "application/xml", "<Response><Say>Too late.</Say></Response>", TimeSpan.FromSeconds(8));

        var transcript = await apps.CallAsync(new Uri(slow.VoiceUrl + "#rt=500&tt=1500"), Digits);

        Assert.Contains("/voice", slow.ReceivedPaths);
        Assert.DoesNotContain("Too late.", transcript.Heard);
        await AssertCompletedThroughFallbackAsync(transcript, 11205, slow.VoiceUrl);
    }

    [Fact]
    public async Task Call_PrimaryAnswers500_FallbackResumesWith11200()
    {
        await using var broken = FaultStandIn.Start(500, "application/xml", "<Response><Say>Internal error.</Say></Response>");

        var transcript = await apps.CallAsync(broken.VoiceUrl, Digits);

        Assert.Equal(500, transcript.RequestEvents.First().Status);
        await AssertCompletedThroughFallbackAsync(transcript, 11200, broken.VoiceUrl);
    }

    [Fact]
    public async Task Call_PrimaryAnswersInvalidXml_FallbackResumesWith12100()
    {
        await using var broken = FaultStandIn.Start(200, "text/xml", "<Response><Say>unclosed</Response>");

        var transcript = await apps.CallAsync(broken.VoiceUrl, Digits);

        await AssertCompletedThroughFallbackAsync(transcript, 12100, broken.VoiceUrl);
    }

    [Fact]
    public async Task Call_PrimaryAnswersWrongContentType_FallbackResumesWith12300()
    {
        await using var broken = FaultStandIn.Start(200, "application/json", "<Response><Say>Looks right.</Say></Response>");

        var transcript = await apps.CallAsync(broken.VoiceUrl, Digits);

        Assert.DoesNotContain("Looks right.", transcript.Heard);
        await AssertCompletedThroughFallbackAsync(transcript, 12300, broken.VoiceUrl);
    }

    [Fact]
    public async Task Call_PromptMediaHostDown_PlaySkippedWithWarningAndCallContinues()
    {
        var deadMedia = new Uri($"http://127.0.0.1:{AppProcess.FreePort()}/audio/welcome.wav");
        await using var primary = FaultStandIn.Start(
            200,
            "application/xml",
            $"<Response><Play>{deadMedia}</Play><Say>Still here after the missing prompt.</Say><Hangup/></Response>");

        var transcript = await apps.CallAsync(primary.VoiceUrl, digits: null);

        // A media failure is a warning on Twilio, not a reason to use the fallback.
        Assert.False(transcript.FallbackUsed);
        var warning = Assert.Single(transcript.Events, e => e.Kind == CallEventKind.Warning);
        Assert.Equal(deadMedia.ToString(), warning.Url);
        Assert.NotNull(warning.ErrorCode);
        Assert.Contains("Still here after the missing prompt.", transcript.Heard);
        Assert.Equal(CallOutcome.Hangup, transcript.Outcome);
    }

    [Fact]
    public async Task Call_RealPrimaryHealthy_AnswersWithoutFallback()
    {
        var transcript = await apps.CallAsync(apps.PrimaryVoiceUrl, Digits);

        Assert.False(transcript.FallbackUsed, Describe(transcript));
        Assert.DoesNotContain(transcript.Events, e => e.Kind == CallEventKind.Warning);
        var primaryAuthority = $"127.0.0.1:{apps.Primary.Port}";
        Assert.All(transcript.Events.Where(e => e.Kind == CallEventKind.Request), e => Assert.Equal(primaryAuthority, e.App));
        Assert.Contains(transcript.Events, e => e.Kind == CallEventKind.Dial);
        Assert.Contains(transcript.Outcome, new[] { CallOutcome.Completed, CallOutcome.Hangup });
    }

    private async Task AssertCompletedThroughFallbackAsync(CallTranscript transcript, int errorCode, Uri failingUrl)
    {
        var context = Describe(transcript);
        Assert.True(transcript.FallbackUsed, context);
        Assert.NotEqual(CallOutcome.ApplicationError, transcript.Outcome);
        Assert.Contains(transcript.Outcome, new[] { CallOutcome.Completed, CallOutcome.Hangup });

        // What the simulator sent, as Twilio would: one fallback request with the code and the URL (no fragment).
        var handover = Assert.Single(transcript.Events, e => e.Kind == CallEventKind.Fallback);
        Assert.Equal(errorCode, handover.ErrorCode);
        Assert.Equal(failingUrl.ToString(), handover.ErrorUrl);

        // What the fallback process understood, from its own structured log.
        var logLine = await apps.FallbackLogLineAsync(transcript.CallSid!);
        Assert.Contains($"Twilio error {errorCode}", logLine, StringComparison.Ordinal);
        Assert.Contains(failingUrl.GetLeftPart(UriPartial.Path), logLine, StringComparison.Ordinal);

        // Everything after the failure came from the fallback, and the caller was resumed at the flow's menu.
        var fallbackAuthority = $"127.0.0.1:{apps.Fallback.Port}";
        var answered = transcript.Events.Where(e => e.Kind == CallEventKind.Request && e.ErrorCode is null).ToArray();
        Assert.NotEmpty(answered);
        Assert.All(answered, e => Assert.Equal(fallbackAuthority, e.App));
        Assert.Contains(transcript.Heard, h => h.Contains("/fallback/audio/en-US/main-long.wav", StringComparison.Ordinal));
        Assert.Contains(transcript.Events, e => e.Kind == CallEventKind.Dial);
    }

    private static string Describe(CallTranscript transcript) =>
        $"outcome {transcript.Outcome} ({transcript.OutcomeDetail}); events:\n" + string.Join(
            "\n",
            transcript.Events.Select(e => $"{e.Kind} {e.Role} {e.Url} {e.Status} {e.ErrorCode} {e.Text} {e.Detail}"));
}
