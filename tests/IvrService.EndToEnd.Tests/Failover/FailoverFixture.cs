using System.Diagnostics;
using IvrService.Cli.Simulator;
using IvrService.Testing;

namespace IvrService.EndToEnd.Tests.Failover;

/// <summary>
/// One real fallback and one real primary process for the whole failover suite (starting a process takes seconds
/// on a busy machine). Both sign-check against their own loopback URL with the same token; the fallback resumes
/// calls whose <c>ErrorUrl</c> is on 127.0.0.1 (any port), so the stand-in primaries' callers are resumed too.
/// </summary>
public sealed class FailoverFixture : IAsyncLifetime
{
    public const string Token = "e2e-auth-token-0123456789abcdef";

    /// <summary>The fallback's transfer target when it cannot resume a call.</summary>
    public const string SupportNumber = "+18005550142";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    public AppProcess Fallback { get; private set; } = null!;

    public AppProcess Primary { get; private set; } = null!;

    public Uri FallbackUrl => new(Fallback.BaseUri, "/fallback/voice");

    public Uri PrimaryVoiceUrl => new(Primary.BaseUri, "/voice");

    /// <summary>
    /// Shorter than Twilio's 10/15/15 s so a broken case fails fast, long enough for a cold JIT on a loaded machine.
    /// </summary>
    public static ConnectionSettings Timers { get; } = new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(3),
        ReadTimeout = TimeSpan.FromSeconds(10),
        TotalTimeout = TimeSpan.FromSeconds(12),
    };

    public async Task InitializeAsync()
    {
        var fallbackPort = AppProcess.FreePort();
        Fallback = AppProcess.Start("IvrService.Fallback", new Dictionary<string, string?>
        {
            ["Twilio__AuthToken"] = Token,
            ["Twilio__RequestValidation__BaseUrlOverride"] = $"http://127.0.0.1:{fallbackPort}",
            ["Fallback__PrimaryHosts__0"] = "127.0.0.1",
            ["Fallback__SupportNumber"] = SupportNumber,
        }, fallbackPort);
        Primary = StartPrimary(AppProcess.FreePort());

        // Both start in parallel; each gets the full timeout.
        var fallbackUp = Fallback.WaitUntilHealthyAsync(StartTimeout);
        var primaryUp = Primary.WaitUntilHealthyAsync(StartTimeout);
        if (!await fallbackUp)
        {
            throw new InvalidOperationException("the fallback did not become healthy:\n" + Fallback.Output);
        }

        if (!await primaryUp)
        {
            throw new InvalidOperationException("the primary did not become healthy:\n" + Primary.Output);
        }
    }

    /// <summary>
    /// Brings the primary back on its port after a test killed it, so the tests do not depend on their order.
    /// </summary>
    public async Task RestartPrimaryAsync()
    {
        var port = Primary.Port;
        await Primary.DisposeAsync();
        Primary = StartPrimary(port);
        if (!await Primary.WaitUntilHealthyAsync(StartTimeout))
        {
            throw new InvalidOperationException("the primary did not come back:\n" + Primary.Output);
        }
    }

    private static AppProcess StartPrimary(int port) => AppProcess.Start("IvrService.Primary", new Dictionary<string, string?>
    {
        ["Twilio__AuthToken"] = Token,
        // The sample flow texts callers (key 5); these tests never reach Twilio's REST API, so sending is off.
        ["Messaging__Enabled"] = "false",
        ["Twilio__RequestValidation__BaseUrlOverride"] = $"http://127.0.0.1:{port}",
    }, port);

    public async Task DisposeAsync()
    {
        await Primary.DisposeAsync();
        await Fallback.DisposeAsync();
    }

    /// <summary>One simulated, signed call with the suite's fallback and timers.</summary>
    public Task<CallTranscript> CallAsync(Uri voiceUrl, string? digits, MediaCache? cache = null, Action<CallEvent>? onEvent = null, CancellationToken cancellationToken = default) =>
        new CallSimulator(new CallSimulatorOptions
        {
            VoiceUrl = voiceUrl,
            FallbackUrl = FallbackUrl,
            AuthToken = Token,
            Input = ScriptedCallerInput.Parse(digits),
            Connection = Timers,
            MediaCache = cache,
            OnEvent = onEvent,
        }).RunAsync(cancellationToken);

    /// <summary>
    /// The fallback's structured log line for <paramref name="callSid"/> (JSON in Production); the logger writes
    /// asynchronously, so this polls briefly.
    /// </summary>
    public async Task<string> FallbackLogLineAsync(string callSid)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var line = Fallback.Output.Split('\n')
                .FirstOrDefault(l => l.Contains(callSid, StringComparison.Ordinal) && l.Contains("Twilio error", StringComparison.Ordinal));
            if (line is not null || stopwatch.Elapsed > TimeSpan.FromSeconds(10))
            {
                return line ?? throw new Xunit.Sdk.XunitException($"the fallback logged nothing for {callSid}:\n{Fallback.Output}");
            }

            await Task.Delay(100);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class FailoverSuite : ICollectionFixture<FailoverFixture>
{
    public const string Name = "failover";
}
