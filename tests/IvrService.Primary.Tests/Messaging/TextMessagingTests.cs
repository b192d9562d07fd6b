using System.Collections.Concurrent;
using System.Text;
using IvrService.Primary.Messaging;
using IvrService.Primary.Tests.Voice;
using IvrService.Testing.Twilio;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Serilog.Events;
using static IvrService.Primary.Tests.TestKit;

namespace IvrService.Primary.Tests.Messaging;

/// <summary>
/// The sample flow's option 5 ("text me a link") end to end: signed webhooks into the primary, the text sent in the
/// background to an in-process stand-in of Twilio's Messages endpoint, every outcome checked in the logs. Back-off and
/// deadlines run on a fake clock that notes each timer, so the tests advance it by exactly the expected delays.
/// </summary>
public sealed class TextMessagingTests : IAsyncLifetime
{
    private const string Caller = "+14155550100";
    private const string CalledNumber = "+15005550006";
    private const string EnglishBody = "Example Co.: book your appointment online at https://example.com/book - Reply STOP to opt out.";

    private readonly TimerClock _clock = new(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));
    private TwilioRestStandIn _twilio = null!;
    private readonly List<MessagingApp> _apps = [];

    public async Task InitializeAsync() => _twilio = await TwilioRestStandIn.StartAsync(_clock);

    public async Task DisposeAsync()
    {
        _twilio.ReleaseMessages();
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        await _twilio.DisposeAsync();
    }

    [Fact]
    public async Task PressFive_TextSentInTheBackground_CallerHearsTheSentPromptAtOnce()
    {
        var app = App();
        var call = Call(app);
        await call.StartAsync();

        var answer = await call.PressAsync("5");

        Assert.Equal(["en-US/text-sent.wav", "en-US/main-long.wav"], answer.PlayedKeys());
        var message = await Single(_twilio.Messages);
        Assert.Equal((Caller, CalledNumber, "", EnglishBody), (message.To, message.From, message.MessagingServiceSid, message.Body));
        var request = _twilio.Requests.Single();
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("SK00000000000000000000000000000001:key-secret")), request.Authorization);
        var sent = await app.Logs.WaitForAsync(Ev("TextSent"));
        Assert.Equal((message.Sid, "1", "api.twilio.com", "1", call.CallSid, "text-link"),
            (P(sent, "MessageSid"), P(sent, "Segments"), P(sent, "Host"), P(sent, "Attempt"), P(sent, "CallSid"), P(sent, "Node")));
        var queued = app.Logs.Events.Single(Ev("TextQueued"));
        Assert.Equal("+1******0100", P(queued, "To"));
        Assert.Equal("0", P(queued, "BacklogSeconds"));
        Assert.Equal(_clock.Start.AddSeconds(1), DateTimeOffset.Parse(P(queued, "EstimatedDeparture")!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task SpanishCaller_GetsTheSpanishBody_TwoUcs2Segments()
    {
        var app = App();
        var call = Call(app);
        await call.StartAsync();
        await call.PressAsync("9");

        var answer = await call.PressAsync("5");

        Assert.Equal("es-US/text-sent.wav", answer.PlayedKeys()[0]);
        Assert.StartsWith("Example Co.: reserve su cita en línea", (await Single(_twilio.Messages)).Body, StringComparison.Ordinal);
        var sent = await app.Logs.WaitForAsync(Ev("TextSent"));
        Assert.Equal("2", P(sent, "Segments"));
        Assert.Equal("UCS-2", P(app.Logs.Events.Single(Ev("TextQueued")), "Encoding"));
    }

    [Fact]
    public async Task TooManyRequests_RetriedAfterJitteredBackoff_ThenSent()
    {
        _twilio.Fail("api.twilio.com", 429);
        var app = App();
        var call = Call(app);
        await call.StartAsync();

        await call.PressAsync("5");

        // BackoffBase 2 s, Jitter 0.5, jitter source 0.5: 2 × (1 − 0.25) = 1.5 s.
        await _clock.WaitForTimerAsync(TimeSpan.FromSeconds(1.5));
        var retry = app.Logs.Events.Single(Ev("TextRetry"));
        Assert.Equal(("Throttled", "429", "20429", "1500"), (P(retry, "Outcome"), P(retry, "StatusCode"), P(retry, "ErrorCode"), P(retry, "DelayMs")));
        _clock.Advance(TimeSpan.FromSeconds(1.499));
        await Task.Delay(100);
        Assert.Single(_twilio.Requests);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await Single(_twilio.Messages);
        var sent = await app.Logs.WaitForAsync(Ev("TextSent"));
        Assert.Equal("2", P(sent, "Attempt"));
        Assert.Equal(2, _twilio.Requests.Count);
    }

    [Fact]
    public async Task TooManyRequests_WithRetryAfter_WaitsThatLong()
    {
        _twilio.RetryAfterSeconds = "4";
        _twilio.Fail("api.twilio.com", 429);
        var app = App();
        var call = Call(app);
        await call.StartAsync();

        await call.PressAsync("5");

        await _clock.WaitForTimerAsync(TimeSpan.FromSeconds(4));
        _clock.Advance(TimeSpan.FromSeconds(4));
        await Single(_twilio.Messages);
        Assert.Equal(4, (_twilio.Requests.Last().At - _twilio.Requests.First().At).TotalSeconds, 3);
    }

    [Fact]
    public async Task RefusedEdge_FailsOverToTheNextEdgeAtOnce()
    {
        _twilio.RefusedHosts["api.ashburn.us1.twilio.com"] = true;
        var app = App(("Messaging:Edges:0", "ashburn"), ("Messaging:Edges:1", "umatilla"));
        var call = Call(app);
        await call.StartAsync();

        await call.PressAsync("5");

        var message = await Single(_twilio.Messages);
        Assert.Equal("api.umatilla.us1.twilio.com", message.Host);
        Assert.Equal(["api.ashburn.us1.twilio.com", "api.umatilla.us1.twilio.com"], _twilio.Requests.Select(r => r.Host));
        Assert.Equal(_clock.Start, message.At);
        var retry = app.Logs.Events.Single(Ev("TextRetry"));
        Assert.Equal(("ConnectionFailed", "0", "api.ashburn.us1.twilio.com"), (P(retry, "Outcome"), P(retry, "DelayMs"), P(retry, "Host")));
        Assert.Equal("api.umatilla.us1.twilio.com", P(await app.Logs.WaitForAsync(Ev("TextSent")), "Host"));
    }

    [Fact]
    public async Task PermanentBadRequest_LoggedWithTwilioCodeAndDropped_NoRetry()
    {
        var app = App();
        var call = Call(app).From(TwilioRestStandIn.InvalidNumber);
        await call.StartAsync();

        var answer = await call.PressAsync("5");

        Assert.Equal("en-US/text-sent.wav", answer.PlayedKeys()[0]);
        var rejected = await app.Logs.WaitForAsync(Ev("TextRejected"));
        Assert.Equal(("400", "21211"), (P(rejected, "StatusCode"), P(rejected, "ErrorCode")));
        Assert.Contains("not a valid phone number", P(rejected, "Reason"), StringComparison.Ordinal);
        Assert.Equal(LogEventLevel.Error, rejected.Level);
        _clock.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(100);
        Assert.Single(_twilio.Requests);
        Assert.Empty(_twilio.Messages);
        Assert.DoesNotContain(app.Logs.Events, Is("TextRetry"));
    }

    [Fact]
    public async Task ServerErrors_RetriedUpToMaxAttempts_ThenGivenUpAndLogged()
    {
        _twilio.Fail("api.twilio.com", 503, 503, 503);
        var app = App(("Messaging:MaxAttempts", "3"));
        var call = Call(app);
        await call.StartAsync();

        await call.PressAsync("5");

        await _clock.WaitForTimerAsync(TimeSpan.FromSeconds(1.5));
        _clock.Advance(TimeSpan.FromSeconds(1.5));
        await _clock.WaitForTimerAsync(TimeSpan.FromSeconds(3));
        _clock.Advance(TimeSpan.FromSeconds(3));
        var gaveUp = await app.Logs.WaitForAsync(Ev("TextGaveUp"));
        Assert.Equal(("3", "ServerError"), (P(gaveUp, "Attempts"), P(gaveUp, "Outcome")));
        Assert.Equal(3, _twilio.Requests.Count);
        Assert.Equal(["1500", "3000"], app.Logs.Events.Where(Ev("TextRetry")).Select(e => P(e, "DelayMs")));
    }

    [Fact]
    public async Task RepeatedWebhook_SecondTextSkipped_SameTwiml()
    {
        var app = App();
        var call = Call(app);
        await call.StartAsync();
        var gather = call.Action("Gather");

        var first = await call.PostAsync(gather, new() { ["Digits"] = "5" });
        var again = await call.PostAsync(gather, new() { ["Digits"] = "5" });
        var chosenAgain = await call.PressAsync("5");

        Assert.Equal(first.ToString(), again.ToString());
        Assert.Equal("en-US/text-sent.wav", chosenAgain.PlayedKeys()[0]);
        await Single(_twilio.Messages);
        await app.Logs.WaitForAsync(Ev("TextSent"));
        Assert.Equal(2, app.Logs.Events.Count(Ev("TextDuplicate")));
        Assert.Equal(call.CallSid, P(app.Logs.Events.First(Ev("TextDuplicate")), "CallSid"));
        await Task.Delay(100);
        Assert.Single(_twilio.Requests);
    }

    [Fact]
    public async Task SenderBacklogOverTenHours_TextRefused_CallerHearsUnavailable()
    {
        // One segment per 10,000 s: three one-segment texts fill 30,000 s of the 36,000 s a sender may queue.
        var app = App(("Messaging:SegmentsPerSecond", "0.0001"));
        var answers = new List<System.Xml.Linq.XElement>();
        for (var i = 0; i < 4; i++)
        {
            var call = Call(app);
            await call.StartAsync();
            answers.Add(await call.PressAsync("5"));
        }

        Assert.Equal(["en-US/text-sent.wav", "en-US/text-sent.wav", "en-US/text-sent.wav", "en-US/text-unavailable.wav"],
            answers.Select(a => a.PlayedKeys()[0]));
        Assert.Equal(["0", "10000", "20000"], app.Logs.Events.Where(Ev("TextQueued")).Select(e => P(e, "BacklogSeconds")));
        var refused = app.Logs.Events.Single(Ev("TextBacklogRefused"));
        Assert.Equal((CalledNumber, "30000", "10"), (P(refused, "Sender"), P(refused, "BacklogSeconds"), P(refused, "LimitHours")));
        await Eventually(() => _twilio.Messages.Count == 3);

        _clock.Advance(TimeSpan.FromSeconds(10_000));
        var later = Call(app);
        await later.StartAsync();
        Assert.Equal("en-US/text-sent.wav", (await later.PressAsync("5")).PlayedKeys()[0]);
    }

    [Fact]
    public async Task WithheldCallerId_NothingSent_CallerHearsUnavailable()
    {
        var app = App();
        var call = Call(app).From("+266696687");
        await call.StartAsync();

        var answer = await call.PressAsync("5");

        Assert.Equal(["en-US/text-unavailable.wav", "en-US/main-long.wav"], answer.PlayedKeys());
        Assert.Contains("cannot receive texts", P(app.Logs.Events.Single(Ev("TextNoAddress")), "Reason"), StringComparison.Ordinal);
        await Task.Delay(100);
        Assert.Empty(_twilio.Requests);
    }

    [Fact]
    public async Task QueueFull_TextRefused_CallerStillHearsTheFlow()
    {
        _twilio.HoldMessages();
        var app = App(("Messaging:QueueCapacity", "1"));
        var first = Call(app);
        await first.StartAsync();
        await first.PressAsync("5");
        await Eventually(() => _twilio.Requests.Count == 1);
        var second = Call(app);
        await second.StartAsync();
        var third = Call(app);
        await third.StartAsync();

        var queued = await second.PressAsync("5");
        var refused = await third.PressAsync("5");

        Assert.Equal("en-US/text-sent.wav", queued.PlayedKeys()[0]);
        Assert.Equal(["en-US/text-unavailable.wav", "en-US/main-long.wav"], refused.PlayedKeys());
        Assert.Equal(third.CallSid, P(app.Logs.Events.Single(Ev("TextQueueFull")), "CallSid"));
        _twilio.ReleaseMessages();
        await Eventually(() => _twilio.Messages.Count == 2);
    }

    [Fact]
    public async Task Shutdown_DrainsQueuedTextsWithinTheDeadline_RefusesNewOnes()
    {
        _twilio.HoldMessages();
        var app = App(("Messaging:DrainDeadline", "00:00:10"));
        var calls = new List<CallDriver>();
        for (var i = 0; i < 4; i++)
        {
            var call = Call(app);
            await call.StartAsync();
            calls.Add(call);
        }

        for (var i = 0; i < 3; i++)
        {
            await calls[i].PressAsync("5");
        }

        await Eventually(() => _twilio.Requests.Count == 1);
        var stopping = app.Sender.StopAsync(CancellationToken.None);
        var late = await calls[3].PressAsync("5");
        _twilio.ReleaseMessages();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(3, _twilio.Messages.Count);
        Assert.Equal(calls.Take(3).Select(c => c.CallSid).Order(), app.Logs.Events.Where(Ev("TextSent")).Select(e => P(e, "CallSid")).Order());
        Assert.Equal("en-US/text-unavailable.wav", late.PlayedKeys()[0]);
        Assert.Single(app.Logs.Events, Is("TextRefusedAtShutdown"));
        Assert.DoesNotContain(app.Logs.Events, Is("TextNotSentAtShutdown"));
    }

    [Fact]
    public async Task Shutdown_DeadlinePasses_EveryTextLeftIsLoggedAsNotSent()
    {
        _twilio.HoldMessages();
        var app = App(("Messaging:DrainDeadline", "00:00:10"));
        var calls = new List<CallDriver>();
        for (var i = 0; i < 3; i++)
        {
            var call = Call(app);
            await call.StartAsync();
            await call.PressAsync("5");
            calls.Add(call);
        }

        await Eventually(() => _twilio.Requests.Count == 1);
        var stopping = app.Sender.StopAsync(CancellationToken.None);
        await _clock.WaitForTimerAsync(TimeSpan.FromSeconds(10));
        _clock.Advance(TimeSpan.FromSeconds(9.999));
        await Task.Delay(100);
        Assert.False(stopping.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(_twilio.Messages);
        var notSent = app.Logs.Events.Where(Ev("TextNotSentAtShutdown")).ToList();
        Assert.Equal(calls.Select(c => c.CallSid).Order(), notSent.Select(e => P(e, "CallSid")).Order());
        Assert.All(notSent, e => Assert.Equal(LogEventLevel.Error, e.Level));
        Assert.All(notSent, e => Assert.Equal("10", P(e, "DrainSeconds")));
    }

    [Fact]
    public async Task MessagingDisabled_StartsWithoutCredentials_CallerHearsUnavailable()
    {
        var app = App(("Messaging:Enabled", "false"), ("Twilio:AccountSid", null));
        var call = Call(app);
        await call.StartAsync();

        var answer = await call.PressAsync("5");

        Assert.Equal("en-US/text-unavailable.wav", answer.PlayedKeys()[0]);
        Assert.Single(app.Logs.Events, Is("TextDisabled"));
        Assert.Empty(_twilio.Requests);
    }

    [Fact]
    public async Task Development_WithoutCredentials_LogsTheTextLoudlyAndDropsIt()
    {
        var app = App(("Twilio:AccountSid", null));
        app.Environment = "Development";
        var call = Call(app);
        await call.StartAsync();

        var answer = await call.PressAsync("5");

        Assert.Equal("en-US/text-sent.wav", answer.PlayedKeys()[0]);
        var dropped = app.Logs.Events.Single(Ev("TextNotConfigured"));
        Assert.Equal(EnglishBody, P(dropped, "Body"));
        Assert.Contains(app.Logs.Events, Is("TextSendersNotConfigured"));
        Assert.Empty(_twilio.Requests);
    }

    [Theory]
    [InlineData("Twilio:AccountSid", null, "Twilio:AccountSid (env Twilio__AccountSid)")]
    [InlineData("Twilio:ApiKeySecret", null, "Twilio:ApiKeySid and Twilio:ApiKeySecret go together")]
    [InlineData("Messaging:From", "5550006", "Messaging:From '5550006' is not an E.164 number")]
    [InlineData("Messaging:MaxAttempts", "0", "Messaging:MaxAttempts must be between 1 and 20")]
    [InlineData("Messaging:Edges:0", "not an edge!", "Messaging:ApiBaseUrl, Messaging:Edges or Messaging:Region is invalid")]
    public async Task Start_BadMessagingSetting_FailsNamingIt(string key, string? value, string expected)
    {
        var app = App((key, value));
        _apps.Remove(app);

        var ex = Assert.ThrowsAny<Exception>(() => app.CreateSignedClient());

        // The validation failure reaches the test as the exception or as the app's fatal start-up log.
        var reported = ex + "\n" + string.Join("\n", app.Logs.Events.Select(e => e.RenderMessage(System.Globalization.CultureInfo.InvariantCulture) + e.Exception));
        Assert.Contains(expected, reported, StringComparison.Ordinal);
        try
        {
            await app.DisposeAsync();
        }
        catch (ArgumentNullException)
        {
            // WebApplicationFactory cannot stop a host that never started; nothing is left running.
        }
    }

    private MessagingApp App(params (string Key, string? Value)[] settings)
    {
        var app = new MessagingApp(_twilio, _clock);
        _apps.Add(app);
        app.With("Messaging:Enabled", "true")
            .With("Twilio:AccountSid", PrimaryAppFactory.AccountSid)
            .With("Twilio:ApiKeySid", "SK00000000000000000000000000000001")
            .With("Twilio:ApiKeySecret", "key-secret")
            .With("Messaging:BackoffBase", "00:00:02")
            .With("Messaging:BackoffCap", "00:00:10")
            .With("Messaging:Jitter", "0.5")
            .With("Messaging:DrainDeadline", "00:00:00");
        foreach (var (key, value) in settings)
        {
            app.With(key, value);
        }

        return app;
    }

    private static CallDriver Call(MessagingApp app) => new(app.CreateSignedClient());

    /// <summary>The primary with the Messages stand-in behind its REST client, a fixed jitter and the test's clock.</summary>
    private sealed class MessagingApp(TwilioRestStandIn twilio, TimerClock clock) : PrimaryAppFactory
    {
        public string Environment { get; set; } = "Production";

        public TextSenderService Sender => Services.GetServices<IHostedService>().OfType<TextSenderService>().Single();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(Environment);
        }

        protected override void ConfigureMoreTestServices(IServiceCollection services)
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton(new TextJitter(() => 0.5));
            services.AddHttpClient(TextSenderService.HttpClientName).ConfigurePrimaryHttpMessageHandler(twilio.CreateHandler);
        }
    }

    /// <summary>A fake clock that notes every one-shot timer, so a test can wait until a back-off has started.</summary>
    private sealed class TimerClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly ConcurrentQueue<TimeSpan> _timers = new();

        public new DateTimeOffset Start { get; } = start;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (period == Timeout.InfiniteTimeSpan && dueTime > TimeSpan.Zero)
            {
                _timers.Enqueue(dueTime);
            }

            return base.CreateTimer(callback, state, dueTime, period);
        }

        public async Task WaitForTimerAsync(TimeSpan dueTime)
        {
            await Eventually(() => _timers.Contains(dueTime));
            // The timer is created right after it is noted; give the awaiting code a moment to register it.
            await Task.Delay(20);
        }
    }
}
