using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using IvrService.Testing;
using IvrService.Testing.Twilio;
using StackExchange.Redis;
using static IvrService.Primary.Tests.TestKit;

namespace IvrService.Primary.Tests.ScaleOut;

/// <summary>
/// Three primary processes (real Kestrel, from the build output) behind no load balancer but the test, sharing one real
/// redis-server and one Messages stand-in on loopback Kestrel, as replicas in a deployment do. The flow is the sample
/// with its start moved to the text node, so every incoming call queues a text whatever the time of day.
/// </summary>
public sealed class ReplicaProcessTests : IAsyncLifetime
{
    private const string CalledNumber = "+15005550006";
    private const string Body = "Example Co.: book your appointment online at https://example.com/book - Reply STOP to opt out.";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly List<AppProcess> _replicas = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("ivr-replicas-").FullName;
    private RedisServer _redis = null!;
    private TwilioRestStandIn _twilio = null!;
    private ConnectionMultiplexer? _connection;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _twilio = await TwilioRestStandIn.StartOnLoopbackAsync(TimeProvider.System);
        var flow = JsonNode.Parse(await File.ReadAllTextAsync(RepoPaths.SampleFlow))!;
        flow["start"] = "text-link";
        await File.WriteAllTextAsync(Path.Combine(_directory, "flow.json"), flow.ToJsonString());
    }

    public async Task DisposeAsync()
    {
        _twilio.ReleaseMessages();
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        await _twilio.DisposeAsync();
        await _redis.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [RedisFact]
    public async Task SameWebhookOnThreeReplicas_AThousandRepeats_ExactlyOneTextPerCall()
    {
        var replicas = await StartReplicasAsync(3);
        var calls = Enumerable.Range(0, 50).Select(i => $"CA{i:x32}").ToList();
        var answers = new ConcurrentBag<(string CallSid, HttpStatusCode Status, string Body)>();

        // 20 copies of each call's first webhook, spread over the replicas and sent 8 at a time.
        var requests = Enumerable.Range(0, 20).SelectMany(copy => calls.Select((sid, i) => (Sid: sid, Replica: replicas[(i + copy) % 3], Caller: Caller(i)))).ToList();
        Assert.Equal(1000, requests.Count);
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (r, _) =>
        {
            var (status, body) = await PostVoiceAsync(r.Replica, r.Sid, r.Caller);
            answers.Add((r.Sid, status, body));
        });

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.All(answers, a => Assert.Contains("text-sent.wav", a.Body, StringComparison.Ordinal));
        await Eventually(() => _twilio.Messages.Count >= calls.Count && Db().StreamLength("{ivr}:texts") == 0, TimeSpan.FromSeconds(60));
        await Task.Delay(500);
        Assert.Equal(calls.Count, _twilio.Messages.Count);
        Assert.Equal(calls.Count, _twilio.MessageCreateRequests);
        Assert.Equal(Enumerable.Range(0, 50).Select(Caller).Order(), _twilio.Messages.Select(m => m.To).Order());
        // Each replica sent some: the queue is shared, not per replica.
        await Eventually(() => replicas.All(r => r.Output.Contains("\"TextSent\"", StringComparison.Ordinal)), TimeSpan.FromSeconds(10));
    }

    [RedisFact]
    public async Task ReplicaKilledWithTextsQueuedAndInFlight_EveryTextSentOnceBySurvivors_InFlightReconciled()
    {
        var replicas = await StartReplicasAsync(3);
        _twilio.HoldMessages();
        for (var i = 0; i < 12; i++)
        {
            var (status, body) = await PostVoiceAsync(replicas[i % 3], $"CA{i:x32}", Caller(i));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("text-sent.wav", body, StringComparison.Ordinal);
        }

        // Each replica holds one text at Twilio's door; nine wait in the stream.
        await Eventually(() => _twilio.MessageCreateRequests == 3, TimeSpan.FromSeconds(20));
        var victim = replicas[0];
        var inFlight = await InFlightRecipientAsync(victim);

        victim.Kill();
        // The victim's held request died with it (released before the stand-in noticed, it would be created after all).
        await Eventually(() => _twilio.MessageRequestsAbandonedWhileHeld == 1, TimeSpan.FromSeconds(20));
        // As if Twilio had created the victim's message and the answer was lost with the process.
        _twilio.AddExistingMessage(inFlight, CalledNumber, Body, TimeProvider.System.GetUtcNow());
        _twilio.ReleaseMessages();

        await Eventually(() => _twilio.Messages.Count >= 12 && Db().StreamLength("{ivr}:texts") == 0, TimeSpan.FromSeconds(60));
        await Task.Delay(500);
        Assert.Equal(Enumerable.Range(0, 12).Select(Caller).Order(), _twilio.Messages.Select(m => m.To).Order());
        Assert.Single(_twilio.Messages, m => m.To == inFlight);
        await Eventually(() => (replicas[1].Output + replicas[2].Output).Contains("\"TextReconciled\"", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        var survivors = replicas[1].Output + replicas[2].Output;
        Assert.Contains("\"TextReconciled\"", survivors, StringComparison.Ordinal);
        Assert.DoesNotContain("\"TextResending\"", survivors, StringComparison.Ordinal);
        // The victim's held request died with it; the nine waiting texts and the survivors' two were created.
        Assert.Equal(11, _twilio.Messages.Count(m => !m.Existing));
    }

    [RedisFact]
    public async Task Pacing_OneSenderOnThreeReplicas_DeparturesOneSegmentSecondApart_BacklogRefusedAtTheSameTotal()
    {
        var replicas = await StartReplicasAsync(3, ("Messaging__MaxSenderBacklog", "00:00:05"));
        _twilio.HoldMessages();
        // Warm each replica's text path with another sender (the called number), so the six below are admitted
        // within a second of each other and every departure is the previous one plus a segment-second.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await PostVoiceAsync(replicas[i], $"CW{i:x32}", Caller(100 + i), "+15005550007")).Status);
        }

        var heard = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var (status, body) = await PostVoiceAsync(replicas[i % 3], $"CB{i:x32}", Caller(i));
            Assert.Equal(HttpStatusCode.OK, status);
            heard.Add(body.Contains("text-sent.wav", StringComparison.Ordinal) ? "sent" : body.Contains("text-unavailable.wav", StringComparison.Ordinal) ? "unavailable" : body);
        }

        Assert.Equal(["sent", "sent", "sent", "sent", "sent", "unavailable"], heard);
        // Log events leave each process in batches.
        await Eventually(() => replicas.Sum(r => Events(r, "TextQueued").Count) == 8 && replicas.Sum(r => Events(r, "TextBacklogRefused").Count) == 1, TimeSpan.FromSeconds(10));
        var departures = replicas.SelectMany(r => Events(r, "TextQueued")).Where(e => e.GetProperty("Sender").GetString() == CalledNumber)
            .Select(e => DateTimeOffset.Parse(e.GetProperty("EstimatedDeparture").GetString()!, CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(5, departures.Count);
        Assert.All(departures.Zip(departures.Skip(1)), pair => Assert.Equal(TimeSpan.FromSeconds(1), pair.Second - pair.First));
        var refused = Assert.Single(replicas.SelectMany(r => Events(r, "TextBacklogRefused")));
        Assert.InRange(refused.GetProperty("BacklogSeconds").GetDouble(), 4, 5);
    }

    [RedisFact]
    public async Task RedisStoppedMidRun_NoCallFails_TextStepsUnavailable_HealthDegraded_ThenTextsFlowAgain()
    {
        var replicas = await StartReplicasAsync(3);
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var heard = new ConcurrentBag<(int Phase, string Caller, bool Sent)>();
        var phase = 0;
        using var stop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var current = Volatile.Read(ref phase);
                var (status, body) = await PostVoiceAsync(replicas[i % 3], $"CC{i:x32}", Caller(i % 10_000));
                statuses.Add(status);
                heard.Add((current, Caller(i % 10_000), body.Contains("text-sent.wav", StringComparison.Ordinal)));
                // The status callback touches no shared state at all.
                statuses.Add(await PostStatusAsync(replicas[(i + 1) % 3], $"CC{i:x32}"));
            }
        });

        await Task.Delay(1000);
        await _redis.StopAsync();
        Volatile.Write(ref phase, 1);
        foreach (var replica in replicas)
        {
            Assert.StartsWith("Degraded\n", await WaitForHealthAsync(replica.BaseUri, "Degraded"), StringComparison.Ordinal);
        }

        await Task.Delay(1000);
        Volatile.Write(ref phase, 2);
        await _redis.StartAgainAsync();
        foreach (var replica in replicas)
        {
            await WaitForHealthAsync(replica.BaseUri, "Healthy");
        }

        Volatile.Write(ref phase, 3);
        await Task.Delay(1000);
        await stop.CancelAsync();
        await load;

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Contains(heard, h => h.Phase == 0 && h.Sent);
        Assert.Contains(heard, h => h.Phase == 1 && !h.Sent);
        Assert.Contains(heard, h => h.Phase == 3 && h.Sent);
        // Every caller told "sent" once Redis was back gets the text. (This test's Redis persists nothing, so a text
        // queued just before it was killed may go with it; a deployment's Redis keeps its append-only file.)
        var told = heard.Where(h => h.Phase >= 2 && h.Sent).Select(h => h.Caller).ToHashSet(StringComparer.Ordinal);
        await Eventually(() => told.IsSubsetOf(_twilio.Messages.Select(m => m.To)) && Db().StreamLength("{ivr}:texts") == 0, TimeSpan.FromSeconds(60));
        Assert.All(_twilio.Messages.GroupBy(m => m.To), g => Assert.Single(g));
        await Eventually(() => replicas.All(r => r.Output.Contains("\"TextStateUnavailable\"", StringComparison.Ordinal)), TimeSpan.FromSeconds(10));
    }

    private static string Caller(int i) => string.Create(CultureInfo.InvariantCulture, $"+1415555{i:D4}");

    private static List<JsonElement> Events(AppProcess replica, string name) =>
        replica.Output.Split('\n')
            .Where(line => line.StartsWith('{') && line.Contains($"\"{name}\"", StringComparison.Ordinal))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToList();

    private async Task<List<AppProcess>> StartReplicasAsync(int count, params (string Key, string Value)[] settings)
    {
        var environment = new Dictionary<string, string?>
        {
            ["Twilio__AccountSid"] = TwilioRestStandIn.AccountSid,
            ["Twilio__AuthToken"] = TwilioRestStandIn.AuthToken,
            ["Messaging__ApiBaseUrl"] = _twilio.BaseUri.AbsoluteUri,
            ["Messaging__DrainDeadline"] = "00:00:00",
            ["Flow__Path"] = Path.Combine(_directory, "flow.json"),
            ["State__Redis"] = _redis.ConfigurationString,
            // Generous on a loaded 2-core machine (the default is 50 ms); a dead replica's texts move after 2 s.
            ["State__Timeout"] = "00:00:02",
            ["State__ClaimTimeout"] = "00:00:02",
            // A dead replica's text is reconciled once its last attempt has surely ended (Messaging:AttemptTimeout).
            ["Messaging__AttemptTimeout"] = "00:00:03",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        var started = Enumerable.Range(0, count).Select(_ => AppProcess.Start("IvrService.Primary", environment)).ToList();
        _replicas.AddRange(started);
        foreach (var replica in started)
        {
            Assert.True(await replica.WaitUntilHealthyAsync(StartTimeout), "a replica did not become healthy:\n" + replica.Output);
        }

        return started;
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostVoiceAsync(AppProcess replica, string callSid, string caller, string called = CalledNumber)
    {
        using var client = Client(replica);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["CallSid"] = callSid, ["AccountSid"] = TwilioRestStandIn.AccountSid, ["From"] = caller, ["To"] = called, ["CallStatus"] = "ringing",
        });
        using var response = await client.PostAsync(new Uri("/voice", UriKind.Relative), content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpStatusCode> PostStatusAsync(AppProcess replica, string callSid)
    {
        using var client = Client(replica);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["CallSid"] = callSid, ["CallStatus"] = "completed", ["CallDuration"] = "3" });
        using var response = await client.PostAsync(new Uri("/voice/status", UriKind.Relative), content);
        return response.StatusCode;
    }

    private static HttpClient Client(AppProcess replica) =>
        new(new SigningHandler(TwilioRestStandIn.AuthToken) { InnerHandler = new HttpClientHandler() }) { BaseAddress = replica.BaseUri, Timeout = TimeSpan.FromSeconds(30) };

    // The text the replica holds (its consumer name carries its process id), by recipient.
    private async Task<string> InFlightRecipientAsync(AppProcess replica)
    {
        var db = Db();
        var consumers = await db.StreamConsumerInfoAsync("{ivr}:texts", "senders");
        var name = consumers.Single(c => c.Name.ToString().Contains($"-{replica.ProcessId}-", StringComparison.Ordinal)).Name;
        var pending = await db.StreamPendingMessagesAsync("{ivr}:texts", "senders", 10, name);
        var id = Assert.Single(pending).MessageId;
        var entry = (await db.StreamRangeAsync("{ivr}:texts", id, id)).Single();
        return JsonDocument.Parse(entry["text"].ToString()).RootElement.GetProperty("to").GetString()!;
    }

    private IDatabase Db() => (_connection ??= ConnectionMultiplexer.Connect(_redis.ConfigurationString)).GetDatabase();
}
