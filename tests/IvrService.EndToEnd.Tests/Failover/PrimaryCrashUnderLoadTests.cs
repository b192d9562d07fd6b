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
        var inFlight = 0;
        var peakInFlight = 0;
        var stopwatch = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var calls = new List<Task<CallTranscript>>(Calls);
        var primaryAuthority = $"127.0.0.1:{apps.Primary.Port}";

        // The first half of the callers arrive together; the moment the last of them is first answered (before it
        // goes on) the primary is killed, so the first half is cut off mid-menu (or already done), and the second
        // half arrives together at a dead primary while the first half is still on the line.
        var crashed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void KillOnFirstAnswer(CallEvent e)
        {
            if (e.Kind == CallEventKind.Request && e.App == primaryAuthority && e.ErrorCode is null
                && Interlocked.Exchange(ref killed, 1) == 0)
            {
                apps.Primary.Kill();
                crashed.SetResult();
            }
        }

        try
        {
            for (var i = 0; i < Calls; i++)
            {
                var onEvent = i == (Calls / 2) - 1 ? KillOnFirstAnswer : (Action<CallEvent>?)null;
                if (i == Calls / 2)
                {
                    await crashed.Task.WaitAsync(timeout.Token);
                }

                calls.Add(Task.Run(async () =>
                {
                    var now = Interlocked.Increment(ref inFlight);
                    InterlockedMax(ref peakInFlight, now);
                    try
                    {
                        return await apps.CallAsync(apps.PrimaryVoiceUrl, Digits, cache, onEvent, timeout.Token);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref inFlight);
                    }
                }));
            }

            var transcripts = await Task.WhenAll(calls);
            stopwatch.Stop();

            var outcomes = transcripts.GroupBy(t => t.Outcome).ToDictionary(g => g.Key, g => g.Count());
            var viaFallback = transcripts.Count(t => t.FallbackUsed);
            var afterCrash = transcripts.Count(t => t.RequestEvents.First().ErrorCode is not null);
            var midCall = transcripts.Count(t => t.FallbackUsed && t.Events.Any(e => e.Kind == CallEventKind.Request && e.ErrorCode is null && e.App == primaryAuthority));
            output.WriteLine(
                $"{Calls} calls in {stopwatch.Elapsed.TotalSeconds:F1} s (at most {peakInFlight} at once); outcomes {string.Join(", ", outcomes.Select(o => $"{o.Key}={o.Value}"))}; " +
                $"via fallback {viaFallback} ({midCall} cut off mid-call, {afterCrash} arrived after the crash)");

            Assert.Equal(1, killed);
            Assert.All(transcripts, t =>
            {
                Assert.NotEqual(CallOutcome.ApplicationError, t.Outcome);
                Assert.True(t.Outcome is CallOutcome.Completed or CallOutcome.Hangup, $"{t.CallSid}: {t.Outcome} ({t.OutcomeDetail})");
                // Every caller got through the menu to the sales transfer, from whichever app answered.
                Assert.Contains(t.Events, e => e.Kind == CallEventKind.Dial);
            });
            // The crash really was felt: the second half went to the fallback from the start, and at least the call
            // that triggered the crash was cut off mid-menu and resumed where it was (how many others depends on timing).
            // Every caller of the second half found the primary dead; some of the first half may have been queued
            // but not yet sent when the kill happened, so they count as arriving after the crash too.
            Assert.All(transcripts.Skip(Calls / 2), t => Assert.NotNull(t.RequestEvents.First().ErrorCode));
            Assert.InRange(afterCrash, Calls / 2, Calls - 1);
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

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
