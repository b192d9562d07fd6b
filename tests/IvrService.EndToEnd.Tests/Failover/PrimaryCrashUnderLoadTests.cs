using System.Diagnostics;
using IvrService.Cli.Simulator;
using Xunit.Abstractions;

namespace IvrService.EndToEnd.Tests.Failover;

/// <summary>
/// Many simultaneous callers walking the real primary's menu while the primary process is killed: every call must
/// still reach a proper ending, through the primary before the crash and through the real fallback after it.
/// </summary>
[Collection(FailoverSuite.Name)]
public sealed class PrimaryCrashUnderLoadTests(FailoverFixture apps, ITestOutputHelper output)
{
    private const int Calls = 200;

    // Repeat the menu, hear the opening hours (back to the menu), then ask for sales: several requests per call,
    // so the crash lands in the middle of many of them.
    private const string Digits = "*,3,1";

    [Fact]
    public async Task Calls200_PrimaryKilledHalfway_EveryCallEndsProperlyNoneInApplicationError()
    {
        var cache = new MediaCache();
        var killed = 0;
        var stopwatch = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var calls = new List<Task<CallTranscript>>(Calls);
        var primaryAuthority = $"127.0.0.1:{apps.Primary.Port}";

        // The crash comes the moment the middle caller is first answered (before that caller goes on): earlier
        // callers are then done or mid-menu, the middle one is certainly mid-call, later ones reach a dead primary.
        void KillOnFirstAnswer(CallEvent e)
        {
            if (e.Kind == CallEventKind.Request && e.App == primaryAuthority && e.ErrorCode is null
                && Interlocked.Exchange(ref killed, 1) == 0)
            {
                apps.Primary.Kill();
            }
        }

        try
        {
            for (var i = 0; i < Calls; i++)
            {
                var onEvent = i == Calls / 2 ? KillOnFirstAnswer : (Action<CallEvent>?)null;
                calls.Add(Task.Run(() => apps.CallAsync(apps.PrimaryVoiceUrl, Digits, cache, onEvent, timeout.Token)));

                // Callers arrive over about two seconds rather than in one burst of connects.
                await Task.Delay(TimeSpan.FromMilliseconds(10));
            }

            var transcripts = await Task.WhenAll(calls);
            stopwatch.Stop();

            var outcomes = transcripts.GroupBy(t => t.Outcome).ToDictionary(g => g.Key, g => g.Count());
            var viaFallback = transcripts.Count(t => t.FallbackUsed);
            var afterCrash = transcripts.Count(t => t.RequestEvents.First().ErrorCode is not null);
            var midCall = transcripts.Count(t => t.FallbackUsed && t.Events.Any(e => e.Kind == CallEventKind.Request && e.ErrorCode is null && e.App == primaryAuthority));
            output.WriteLine(
                $"{Calls} calls in {stopwatch.Elapsed.TotalSeconds:F1} s; outcomes {string.Join(", ", outcomes.Select(o => $"{o.Key}={o.Value}"))}; " +
                $"via fallback {viaFallback} ({midCall} cut off mid-call, {afterCrash} arrived after the crash)");

            Assert.Equal(1, killed);
            Assert.All(transcripts, t =>
            {
                Assert.NotEqual(CallOutcome.ApplicationError, t.Outcome);
                Assert.True(t.Outcome is CallOutcome.Completed or CallOutcome.Hangup, $"{t.CallSid}: {t.Outcome} ({t.OutcomeDetail})");
                // Every caller got through the menu to the sales transfer, from whichever app answered.
                Assert.Contains(t.Events, e => e.Kind == CallEventKind.Dial);
            });
            // The crash really was felt: callers after it went to the fallback from the start, and at least the middle
            // caller was cut off mid-menu and resumed by the fallback where it was (how many others depends on timing).
            Assert.InRange(afterCrash, Calls / 4, Calls);
            Assert.True(midCall > 0, "no call was in progress when the primary died");
            Assert.All(transcripts.Where(t => t.FallbackUsed), t =>
                Assert.Contains(t.Events, e => e.Kind == CallEventKind.Fallback && e.ErrorCode is 11205 or 11200));
        }
        finally
        {
            await Task.WhenAll(calls.Select(c => c.ContinueWith(_ => { }, TaskScheduler.Default)));
            await apps.RestartPrimaryAsync();
        }
    }
}
