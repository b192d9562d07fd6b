using System.Globalization;
using System.Net;
using IvrService.Primary.Messaging;
using IvrService.Primary.Tests.Voice;
using IvrService.Testing;
using IvrService.Testing.Twilio;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using static IvrService.Primary.Tests.TestKit;

namespace IvrService.Primary.Tests.Messaging;

/// <summary>
/// The sample flow's option 5 with <c>State:Redis</c> set: two primaries in this process share one real redis-server
/// (started per test on a loopback port) and one Messages stand-in, as two replicas behind a load balancer would. The
/// process-level cases (three app processes, kill -9) are in ReplicaProcessTests.
/// </summary>
public sealed class RedisTextMessagingTests : IAsyncLifetime
{
    private const string Caller = "+14155550100";
    private const string CalledNumber = "+15005550006";
    private const string EnglishBody = "Example Co.: book your appointment online at https://example.com/book - Reply STOP to opt out.";

    private readonly List<RedisApp> _apps = [];
    private RedisServer _redis = null!;
    private ConnectionMultiplexer? _connection;
    private TwilioRestStandIn _twilio = null!;

    // The stand-in's clock is the apps' fake clock, so "created since the mark" compares like with like.
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _twilio = await TwilioRestStandIn.StartAsync(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Start));
    }

    public async Task DisposeAsync()
    {
        _twilio.ReleaseMessages();
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        await _twilio.DisposeAsync();
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        await _redis.DisposeAsync();
    }

    [RedisFact]
    public async Task SameWebhookOnTwoReplicas_OneText_BothCallersHearItIsOnItsWay()
    {
        var (a, b) = (App(), App());
        var call = Call(a);
        await call.StartAsync();
        var onB = call.Via(b.CreateSignedClient());

        var first = await call.PressAsync("5");
        var repeat = await onB.PressAsync("5");

        Assert.Equal("en-US/text-sent.wav", first.PlayedKeys()[0]);
        Assert.Equal("en-US/text-sent.wav", repeat.PlayedKeys()[0]);
        var message = await Single(_twilio.Messages);
        Assert.Equal((Caller, CalledNumber, EnglishBody), (message.To, message.From, message.Body));
        Assert.Single(b.Logs.Events, Is("TextDuplicate"));
        await Eventually(() => a.Logs.Events.Concat(b.Logs.Events).Count(Ev("TextSent")) == 1);
        Assert.Equal(0, await Database().StreamLengthAsync("{ivr}:texts"));
    }

    [RedisFact]
    public async Task IdempotencyToken_SameRequestRetried_IsADuplicateOnAnyReplica()
    {
        var (a, b) = (App(), App());
        var call = Call(a);
        await call.StartAsync();
        var action = call.Action("Gather");
        var form = new Dictionary<string, string> { ["CallSid"] = call.CallSid, ["From"] = Caller, ["To"] = CalledNumber, ["Digits"] = "5", ["AccountSid"] = PrimaryAppFactory.AccountSid };

        // A token claimed first (as a request seen before): the CallSid is new, but the same request is not sent twice.
        await Database().StringSetAsync("{ivr}:token:tok-1\ntext-link", "1", TimeSpan.FromMinutes(5));
        using var client = b.CreateSignedClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(action).PathAndQuery, UriKind.Relative)) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("I-Twilio-Idempotency-Token", "tok-1");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(b.Logs.Events, Is("TextDuplicate"));
        await Task.Delay(300);
        Assert.Empty(_twilio.Messages);
    }

    [RedisFact]
    public async Task Pacing_TextsFromOneSenderOnTwoReplicas_DepartOneSegmentSecondApart_BacklogRefusedAtTheSameTotal()
    {
        // Hold the sends so the estimates are all that changes; a 3-second limit fits three 1-segment texts.
        _twilio.HoldMessages();
        var (a, b) = (App(("Messaging:MaxSenderBacklog", "00:00:03")), App(("Messaging:MaxSenderBacklog", "00:00:03")));
        var heard = new List<string>();
        foreach (var app in new[] { a, b, a, b })
        {
            var call = Call(app);
            await call.StartAsync();
            heard.Add((await call.PressAsync("5")).PlayedKeys()[0]);
        }

        Assert.Equal(["en-US/text-sent.wav", "en-US/text-sent.wav", "en-US/text-sent.wav", "en-US/text-unavailable.wav"], heard);
        var departures = a.Logs.Events.Concat(b.Logs.Events).Where(Ev("TextQueued"))
            .Select(e => DateTimeOffset.Parse(P(e, "EstimatedDeparture")!, CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal([Start.AddSeconds(1), Start.AddSeconds(2), Start.AddSeconds(3)], departures);
        var refused = Assert.Single(b.Logs.Events, Is("TextBacklogRefused"));
        Assert.Equal("3", P(refused, "BacklogSeconds"));
    }

    [RedisFact]
    public async Task RedisStopped_CallsGoOn_TextStepPlaysUnavailable_HealthDegraded_ThenRecoversWithoutRestart()
    {
        var app = App();
        await Call(app).StartAsync();
        await WaitForHealthAsync(app, "Healthy");

        await _redis.StopAsync();
        var call = Call(app);
        var menu = await call.StartAsync();
        var answer = await call.PressAsync("5");
        var health = await WaitForHealthAsync(app, "Degraded");

        Assert.NotEmpty(menu.PlayedKeys());
        Assert.Equal(["en-US/text-unavailable.wav", "en-US/main-long.wav"], answer.PlayedKeys());
        Assert.Contains("state: Degraded - Redis at 127.0.0.1:", health, StringComparison.Ordinal);
        Assert.NotNull(app.Logs.Events.SingleOrDefault(Ev("TextStateUnavailable")));
        Assert.Empty(_twilio.Messages);

        await _redis.StartAgainAsync();
        await WaitForHealthAsync(app, "Healthy");
        var later = Call(app);
        await later.StartAsync();
        Assert.Equal("en-US/text-sent.wav", (await later.PressAsync("5")).PlayedKeys()[0]);
        var message = await Single(_twilio.Messages);
        Assert.Equal(EnglishBody, message.Body);
    }

    [RedisFact]
    public async Task ReplicaStoppedMidSend_AnotherReplicaFindsNoSuchMessage_AndSendsItOnce()
    {
        var a = await ReplicaStoppedMidSendAsync();
        Assert.Single(a.Logs.Events, Is("TextLeftQueued"));
        var b = Survivor();

        var message = await Single(_twilio.Messages);
        Assert.Equal(EnglishBody, message.Body);
        var takenOver = await b.Logs.WaitForAsync(Ev("TextTakenOver"));
        Assert.Equal("True", P(takenOver, "WasSending"));
        await b.Logs.WaitForAsync(Ev("TextResending"));
        await b.Logs.WaitForAsync(Ev("TextSent"));
        Assert.Equal(0, await Database().StreamLengthAsync("{ivr}:texts"));
    }

    [RedisFact]
    public async Task ReplicaStoppedMidSend_TwilioAlreadyHasTheMessage_ReconciledNotResent()
    {
        await ReplicaStoppedMidSendAsync();

        // As if Twilio had created it just before the replica died, and the answer was lost.
        var existing = _twilio.AddExistingMessage(Caller, CalledNumber, EnglishBody, Start.AddSeconds(1));
        var b = Survivor();

        var reconciled = await b.Logs.WaitForAsync(Ev("TextReconciled"));
        Assert.Equal(existing.Sid, P(reconciled, "MessageSid"));
        await Task.Delay(300);
        Assert.Equal(0, _twilio.MessageCreateRequests);
        Assert.Single(_twilio.Messages);
        Assert.Equal(0, await Database().StreamLengthAsync("{ivr}:texts"));
    }

    [RedisFact]
    public async Task ReplicaStoppedMidSend_MessagesListFails_LeftForAnotherTry_ThenDroppedNotSentBlindly()
    {
        await ReplicaStoppedMidSendAsync();

        // The Messages list answers 400 twice: Twilio cannot be asked whether the dead replica's text went out.
        _twilio.Fail("api.twilio.com", 400, 400);
        var b = Survivor(("Messaging:MaxAttempts", "2"));

        var failed = await b.Logs.WaitForAsync(Ev("TextReconcileFailed"));
        Assert.Equal("1", P(failed, "Attempt"));
        var gaveUp = await b.Logs.WaitForAsync(Ev("TextReconcileGaveUp"));
        Assert.Equal("2", P(gaveUp, "Attempts"));
        await Eventually(() => Database().StreamLength("{ivr}:texts") == 0);
        Assert.Equal(0, _twilio.MessageCreateRequests);
        Assert.Empty(_twilio.Messages);
        Assert.DoesNotContain(b.Logs.Events, Is("TextSendFailed"));
    }

    [RedisFact]
    public async Task EntryTakenOverWithItsMessageSid_IsAcknowledged_NotSentAgain()
    {
        await ReplicaStoppedMidSendAsync();

        // The dead replica stored the SID but died before the acknowledgement.
        var entry = (await Database().StreamRangeAsync("{ivr}:texts")).Single();
        await Database().HashSetAsync("{ivr}:texts:sent", entry.Id, "SM" + new string('7', 32));
        var b = Survivor();

        var already = await b.Logs.WaitForAsync(Ev("TextAlreadySent"));
        Assert.Equal("SM" + new string('7', 32), P(already, "MessageSid"));
        await Eventually(() => Database().StreamLength("{ivr}:texts") == 0);
        Assert.Equal(0, _twilio.MessageCreateRequests);
        Assert.Empty(_twilio.Messages);
    }

    [RedisFact]
    public async Task UnreadableEntry_IsDroppedWithAnError_LaterTextsStillSent()
    {
        await Database().StreamAddAsync("{ivr}:texts", [new NameValueEntry("text", "{not json"), new NameValueEntry("departure", "0")]);
        var app = App();
        var call = Call(app);
        await call.StartAsync();
        await call.PressAsync("5");

        var message = await Single(_twilio.Messages);
        Assert.Equal(EnglishBody, message.Body);
        Assert.Single(app.Logs.Events, Is("TextEntryUnreadable"));
        await Eventually(() => Database().StreamLength("{ivr}:texts") == 0);
    }

    [Fact]
    public async Task BadStateSettings_StopStartUpNamingTheSetting()
    {
        var app = new PrimaryAppFactory().With("State:Redis", ",,,").With("State:Timeout", "00:00:00");

        var error = Assert.ThrowsAny<Exception>(() => app.Services);

        // The host reports the validation failure through its logger before it is disposed.
        var reported = error + "\n" + string.Join("\n", app.Logs.Events.Select(e => e.RenderMessage(CultureInfo.InvariantCulture) + e.Exception));
        Assert.Contains("State:Redis names no server", reported, StringComparison.Ordinal);
        Assert.Contains("State:Timeout must be", reported, StringComparison.Ordinal);
        try
        {
            await app.DisposeAsync();
        }
        catch (ArgumentNullException)
        {
            // WebApplicationFactory cannot stop a host that never started; nothing is left running.
        }
    }

    // The test's own look into Redis, as an operator's redis-cli would.
    private IDatabase Database() => (_connection ??= ConnectionMultiplexer.Connect(_redis.ConfigurationString)).GetDatabase();

    // A replica that marked the caller's text as being sent and stopped before Twilio created it: its POST is refused
    // at the connection, so it waits in back-off (on the fake clock, for ever) with the mark set, and is stopped there
    // (drain deadline 0). The entry stays pending in Redis; Twilio has nothing.
    private async Task<RedisApp> ReplicaStoppedMidSendAsync()
    {
        _twilio.RefusedHosts["api.twilio.com"] = true;
        var a = App(("State:ClaimTimeout", "00:00:01"));
        var call = Call(a);
        await call.StartAsync();
        await call.PressAsync("5");
        try
        {
            await a.Logs.WaitForAsync(Ev("TextRetry"));
        }
        catch (TimeoutException)
        {
            Assert.Fail("no TextRetry; events:\n" + string.Join("\n", a.Logs.Events.Select(e => e.RenderMessage(CultureInfo.InvariantCulture) + " " + e.Exception)));
        }
        await a.DisposeAsync();
        _twilio.RefusedHosts.Clear();
        return a;
    }

    // A replica started after the other died, taking over its texts after a second. Its clock is a minute on, past
    // the dead replica's attempt timeout (the mark is on the same fake clock), so it reconciles at once.
    private RedisApp Survivor(params (string Key, string? Value)[] settings)
    {
        var app = App([("State:ClaimTimeout", "00:00:01"), .. settings]);
        app.Time.Advance(TimeSpan.FromMinutes(1));
        _ = app.Services;
        return app;
    }

    private RedisApp App(params (string Key, string? Value)[] settings)
    {
        var app = new RedisApp(_twilio);
        _apps.Add(app);
        app.With("Messaging:Enabled", "true")
            .With("Twilio:AccountSid", PrimaryAppFactory.AccountSid)
            .With("Twilio:ApiKeySid", "SK00000000000000000000000000000001")
            .With("Twilio:ApiKeySecret", "key-secret")
            .With("Messaging:DrainDeadline", "00:00:00")
            .With("State:Redis", _redis.ConfigurationString)
            // Generous under a loaded 2-core test run; the default (50 ms) is for production.
            .With("State:Timeout", "00:00:02");
        foreach (var (key, value) in settings)
        {
            app.With(key, value);
        }

        return app;
    }

    private static CallDriver Call(PrimaryAppFactory app) => new(app.CreateSignedClient());

    /// <summary>The primary with the Messages stand-in behind its REST client.</summary>
    private sealed class RedisApp(TwilioRestStandIn twilio) : PrimaryAppFactory
    {
        protected override void ConfigureMoreTestServices(IServiceCollection services)
        {
            services.AddSingleton(new TextJitter(() => 0.5));
            services.AddHttpClient(TextSenderService.HttpClientName).ConfigurePrimaryHttpMessageHandler(twilio.CreateHandler);
        }
    }
}
