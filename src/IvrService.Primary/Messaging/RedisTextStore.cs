using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using IvrService.Primary.State;
using IvrService.Twilio.Messaging;
using IvrService.Twilio.Rest;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IvrService.Primary.Messaging;

/// <summary>
/// Texts queued in Redis and shared by every replica. Admission is one script: the (call, node) claim and Twilio's
/// idempotency token (SET NX with the duplicate window), the sender's pacing reservation (one departure estimate per
/// sender for all replicas, refused past the backlog limit), the queue's capacity, and the stream entry, all or
/// nothing, so a text is persisted before the webhook says it is on its way. Each replica's sender reads the stream in
/// one consumer group, renews its hold while it sends, marks the entry before the POST and acknowledges (deleting the
/// entry) after Twilio accepted it; entries another replica left pending past <see cref="StateOptions.ClaimTimeout"/>
/// are taken over, with the mark and the Message SID the dead owner left, so the sender can reconcile instead of
/// sending twice.
/// </summary>
internal sealed class RedisTextStore : ITextStore, IAsyncDisposable
{
    // KEYS: claim, token claim (= claim when none), pacing, stream. ARGV: now ms, window ms, duration ms, backlog
    // limit ms, capacity, payload, wake channel.
    private const string AdmitScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 or redis.call('EXISTS', KEYS[2]) == 1 then return {'duplicate'} end
        local now = tonumber(ARGV[1])
        local busy = tonumber(redis.call('GET', KEYS[3])) or now
        if busy < now then busy = now end
        local departure = busy + tonumber(ARGV[3])
        if departure - now > tonumber(ARGV[4]) then return {'backlog', tostring(busy - now)} end
        if redis.call('XLEN', KEYS[4]) >= tonumber(ARGV[5]) then return {'full'} end
        redis.call('SET', KEYS[1], '1', 'PX', ARGV[2])
        if KEYS[2] ~= KEYS[1] then redis.call('SET', KEYS[2], '1', 'PX', ARGV[2]) end
        redis.call('SET', KEYS[3], string.format('%d', departure), 'PX', string.format('%d', departure - now + 60000))
        local id = redis.call('XADD', KEYS[4], '*', 'text', ARGV[6], 'departure', string.format('%d', departure))
        redis.call('PUBLISH', ARGV[7], id)
        return {'queued', string.format('%d', busy - now), string.format('%d', departure), id}
        """;

    // KEYS: stream, sending marks, sent SIDs. ARGV: group, consumer, claim timeout ms. Oldest abandoned entry first,
    // else the next new one.
    private const string TakeScript = """
        local claimed = redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], '0-0', 'COUNT', 1)
        local entry = claimed[2][1]
        local reclaimed = '1'
        if not entry then
          local read = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', 1, 'STREAMS', KEYS[1], '>')
          if not read then return false end
          entry = read[1][2][1]
          reclaimed = '0'
        end
        local text, departure = '', '0'
        for i = 1, #entry[2], 2 do
          if entry[2][i] == 'text' then text = entry[2][i + 1] elseif entry[2][i] == 'departure' then departure = entry[2][i + 1] end
        end
        return {entry[1], text, departure, redis.call('HGET', KEYS[2], entry[1]) or '', redis.call('HGET', KEYS[3], entry[1]) or '', reclaimed}
        """;

    // KEYS: stream, sending marks. ARGV: group, consumer, entry id, mark (now ms) or ''. Renews the hold only while
    // the entry is still this consumer's.
    private const string HoldScript = """
        local pending = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[3], ARGV[3], 1, ARGV[2])
        if #pending == 0 then return 0 end
        redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[3], 'JUSTID')
        if ARGV[4] ~= '' then redis.call('HSET', KEYS[2], ARGV[3], ARGV[4]) end
        return 1
        """;

    // KEYS: stream, sending marks, sent SIDs, reconcile counts[, pacing]. ARGV: group, entry id[, now ms, duration ms].
    private const string DoneScript = """
        redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
        redis.call('XDEL', KEYS[1], ARGV[2])
        redis.call('HDEL', KEYS[2], ARGV[2])
        redis.call('HDEL', KEYS[3], ARGV[2])
        redis.call('HDEL', KEYS[4], ARGV[2])
        if KEYS[5] then
          local now = tonumber(ARGV[3])
          local busy = tonumber(redis.call('GET', KEYS[5]))
          if busy then
            local released = busy - tonumber(ARGV[4])
            if released > now then
              redis.call('SET', KEYS[5], string.format('%d', released), 'PX', string.format('%d', released - now + 60000))
            else
              redis.call('DEL', KEYS[5])
            end
          end
        end
        return 1
        """;

    private static readonly TimeSpan SenderTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(1);

    private readonly RedisState _state;
    private readonly MessagingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisTextStore> _logger;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Lock _gate = new();
    private ITimer? _hold;
    private bool _subscribed;
    private bool _groupReady;
    private bool _outage;
    private volatile bool _completed;

    public RedisTextStore(RedisState state, IOptions<MessagingOptions> options, TimeProvider time, ILogger<RedisTextStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _state = state;
        _options = options.Value;
        _time = time;
        _logger = logger;
        Consumer = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}-{Environment.ProcessId}-{Random.Shared.Next(0x10000):x4}");
    }

    /// <summary>This replica's consumer name in the group.</summary>
    public string Consumer { get; }

    public bool IsDurable => true;

    private StateKeys Keys => _state.Keys;

    public async ValueTask<TextAdmission> AdmitAsync(OutboundText text, string? idempotencyToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var claim = Keys.Claim(text.CallSid, text.NodeId);
        var token = string.IsNullOrEmpty(idempotencyToken) ? claim : Keys.Token(idempotencyToken, text.NodeId);
        var payload = JsonSerializer.Serialize(StoredText.Of(text), StoredTextJson.Default.StoredText);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        RedisResult result;
        try
        {
            result = await _state.BoundedAsync(db => db.ScriptEvaluateAsync(
                AdmitScript,
                [claim, token, Keys.Pacing(text.Sender), Keys.Texts],
                [now, (long)_options.DuplicateWindow.TotalMilliseconds, DurationMs(text.Sender, text.Segments.Segments),
                 (long)_options.MaxSenderBacklog.TotalMilliseconds, _options.QueueCapacity, payload, Keys.Wake.ToString()])).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            return new TextAdmission(TextAdmissionResult.Unavailable, Reason: Describe(ex));
        }

        var parts = (RedisResult[])result!;
        return ((string?)parts[0]) switch
        {
            "queued" => new TextAdmission(TextAdmissionResult.Queued, TimeSpan.FromMilliseconds((long)parts[1]), DateTimeOffset.FromUnixTimeMilliseconds((long)parts[2])),
            "duplicate" => new TextAdmission(TextAdmissionResult.Duplicate),
            "backlog" => new TextAdmission(TextAdmissionResult.SenderBacklogFull, TimeSpan.FromMilliseconds((long)parts[1])),
            "full" => new TextAdmission(TextAdmissionResult.QueueFull),
            var other => new TextAdmission(TextAdmissionResult.Unavailable, Reason: $"unexpected answer from the admission script: {other}"),
        };
    }

    public async ValueTask<QueuedText?> TakeAsync(CancellationToken cancellationToken)
    {
        while (!_completed)
        {
            try
            {
                await EnsureReadyAsync().ConfigureAwait(false);
                var result = await _state.BoundedAsync(db => db.ScriptEvaluateAsync(
                    TakeScript,
                    [Keys.Texts, Keys.Sending, Keys.Sent],
                    [StateKeys.Group, Consumer, (long)_state.Options.ClaimTimeout.TotalMilliseconds]), SenderTimeout).ConfigureAwait(false);
                Recovered();
                if (!result.IsNull && (RedisResult[]?)result is { Length: 6 } parts)
                {
                    if (Parse(parts) is { } text)
                    {
                        StartHolding(text);
                        return text;
                    }

                    // Unreadable (logged by Parse): drop it and look for the next one at once.
                    await ForgetAsync((string)parts[0]!).ConfigureAwait(false);
                    continue;
                }
            }
            catch (RedisServerException ex) when (ex.Message.StartsWith("NOGROUP", StringComparison.Ordinal))
            {
                // Redis lost its data (restarted without persistence, flushed): make the group again.
                _groupReady = false;
                continue;
            }
            catch (Exception ex) when (IsRedisFailure(ex))
            {
                Outage(ex);
            }

            await WaitForWorkAsync(cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    public async ValueTask<bool> BeginSendingAsync(QueuedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return await HoldAsync(text.EntryId!, _time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            // Not marked, so not sent: the entry stays pending and is taken again once Redis answers.
            TextLog.StoreFailed(_logger, text.Text.NodeId, text.Text.CallSid, "mark the text as being sent", Describe(ex));
            StopHolding();
            return false;
        }
    }

    public async ValueTask SentAsync(QueuedText text, string? messageSid)
    {
        ArgumentNullException.ThrowIfNull(text);
        StopHolding();
        var id = text.EntryId!;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (messageSid is not null)
                {
                    await _state.BoundedAsync(db => db.HashSetAsync(Keys.Sent, id, messageSid), SenderTimeout).ConfigureAwait(false);
                }

                await ForgetAsync(id).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (IsRedisFailure(ex) && attempt < 3)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), _time).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsRedisFailure(ex))
            {
                // Twilio has it; whoever takes the entry over finds the SID or reconciles, and does not send again.
                TextLog.StoreFailed(_logger, text.Text.NodeId, text.Text.CallSid, "record the sent text", Describe(ex));
                return;
            }
        }
    }

    public async ValueTask AbandonAsync(QueuedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StopHolding();
        try
        {
            await ForgetAsync(text.EntryId!, text.Text).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            TextLog.StoreFailed(_logger, text.Text.NodeId, text.Text.CallSid, "forget the dropped text", Describe(ex));
        }
    }

    public ValueTask ReleaseAsync(QueuedText text)
    {
        // Left pending without renewal: after ClaimTimeout any replica (this one too) takes it again.
        StopHolding();
        return ValueTask.CompletedTask;
    }

    public async ValueTask<long> CountFailedReconcileAsync(QueuedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return await _state.BoundedAsync(db => db.HashIncrementAsync(Keys.Reconciles, text.EntryId!), SenderTimeout).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            TextLog.StoreFailed(_logger, text.Text.NodeId, text.Text.CallSid, "count the failed reconciliation", Describe(ex));
            return 0;
        }
    }

    public async ValueTask<long?> CountQueuedAsync()
    {
        try
        {
            return await _state.BoundedAsync(db => db.StreamLengthAsync(Keys.Texts), SenderTimeout).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            return null;
        }
    }

    public void Complete()
    {
        _completed = true;
        Wake();
    }

    public IReadOnlyList<QueuedText> TakeLeftBehind() => [];

    public ValueTask DisposeAsync()
    {
        StopHolding();
        _wake.Dispose();
        return ValueTask.CompletedTask;
    }

    internal static bool IsRedisFailure(Exception ex) => ex is RedisException or TimeoutException or ObjectDisposedException;

    private static string Describe(Exception ex) => RedisState.Describe(ex);

    // Whole milliseconds, rounded up, in Redis (the same rule as in memory: MessagingOptions.QueueTime).
    private long DurationMs(string sender, int segments) => (long)Math.Ceiling(_options.QueueTime(sender, segments).TotalMilliseconds);

    // Acknowledges and deletes the entry with its marks (the DoneScript), giving the sender's pacing back for a text
    // that will not be sent.
    private Task<RedisResult> ForgetAsync(string id, OutboundText? unsent = null) =>
        _state.BoundedAsync(db => unsent is null
            ? db.ScriptEvaluateAsync(DoneScript, [Keys.Texts, Keys.Sending, Keys.Sent, Keys.Reconciles], [StateKeys.Group, id])
            : db.ScriptEvaluateAsync(
                DoneScript,
                [Keys.Texts, Keys.Sending, Keys.Sent, Keys.Reconciles, Keys.Pacing(unsent.Sender)],
                [StateKeys.Group, id, _time.GetUtcNow().ToUnixTimeMilliseconds(), DurationMs(unsent.Sender, unsent.Segments.Segments)]), SenderTimeout);

    private async Task EnsureReadyAsync()
    {
        if (!_subscribed)
        {
            await _state.Subscriber.SubscribeAsync(Keys.Wake, (_, _) => Wake()).WaitAsync(SenderTimeout, _time).ConfigureAwait(false);
            _subscribed = true;
        }

        if (!_groupReady)
        {
            try
            {
                // From the stream's start, so texts queued before any sender existed are sent too.
                await _state.BoundedAsync(db => db.StreamCreateConsumerGroupAsync(Keys.Texts, StateKeys.Group, StreamPosition.Beginning, createStream: true), SenderTimeout)
                    .ConfigureAwait(false);
            }
            catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
            {
                // Another replica made it.
            }

            _groupReady = true;
            await ForgetIdleConsumersAsync().ConfigureAwait(false);
        }
    }

    // Replicas come and go (every pod restart is a new consumer); forget those that hold nothing and were idle a day.
    private async Task ForgetIdleConsumersAsync()
    {
        var consumers = await _state.BoundedAsync(db => db.StreamConsumerInfoAsync(Keys.Texts, StateKeys.Group), SenderTimeout).ConfigureAwait(false);
        foreach (var idle in consumers.Where(c => c.PendingMessageCount == 0 && c.IdleTimeInMilliseconds > TimeSpan.FromDays(1).TotalMilliseconds))
        {
            await _state.BoundedAsync(db => db.StreamDeleteConsumerAsync(Keys.Texts, StateKeys.Group, idle.Name), SenderTimeout).ConfigureAwait(false);
        }
    }

    private QueuedText? Parse(RedisResult[] parts)
    {
        var id = (string)parts[0]!;
        StoredText? stored = null;
        try
        {
            stored = JsonSerializer.Deserialize((string?)parts[1] ?? "", StoredTextJson.Default.StoredText);
        }
        catch (JsonException)
        {
            // Reported below with the entry id.
        }

        if (stored?.ToOutbound() is not { } text)
        {
            TextLog.Unreadable(_logger, id, Keys.Texts.ToString());
            return null;
        }

        var mark = long.TryParse((string?)parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null;
        var sid = (string?)parts[4] is { Length: > 0 } s ? s : null;
        var departure = DateTimeOffset.FromUnixTimeMilliseconds(long.TryParse((string?)parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : 0);
        if ((string?)parts[5] == "1")
        {
            TextLog.TakenOver(_logger, text.NodeId, text.CallSid, id, _state.Options.ClaimTimeout.TotalSeconds, mark is not null, sid);
        }

        return new QueuedText(text, departure, id, mark, sid);
    }

    private async Task<bool> HoldAsync(string id, string mark)
    {
        var held = await _state.BoundedAsync(db => db.ScriptEvaluateAsync(HoldScript, [Keys.Texts, Keys.Sending], [StateKeys.Group, Consumer, id, mark]), SenderTimeout)
            .ConfigureAwait(false);
        return (long)held == 1;
    }

    private void StartHolding(QueuedText text)
    {
        var every = _state.Options.ClaimTimeout / 3;
        lock (_gate)
        {
            _hold?.Dispose();
            _hold = _time.CreateTimer(_ => _ = RenewAsync(text), null, every, every);
        }
    }

    private void StopHolding()
    {
        lock (_gate)
        {
            _hold?.Dispose();
            _hold = null;
        }
    }

    private async Task RenewAsync(QueuedText text)
    {
        try
        {
            if (!await HoldAsync(text.EntryId!, "").ConfigureAwait(false))
            {
                TextLog.HoldLost(_logger, text.Text.NodeId, text.Text.CallSid, text.EntryId!);
            }
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            // Renewed at the next tick; a Redis that stays away cannot hand the entry to anyone else either.
        }
    }

    private void Outage(Exception ex)
    {
        if (!_outage)
        {
            _outage = true;
            TextLog.SenderWaitsForRedis(_logger, _state.Endpoint, Describe(ex));
        }
    }

    private void Recovered()
    {
        if (_outage)
        {
            _outage = false;
            TextLog.SenderRedisBack(_logger, _state.Endpoint);
        }
    }

    private void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
        catch (ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task WaitForWorkAsync(CancellationToken cancellationToken)
    {
        if (_completed)
        {
            return;
        }

        using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        poll.CancelAfter(IdlePoll);
        try
        {
            await _wake.WaitAsync(poll.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Poll again: an entry a dead replica left pending becomes claimable with no one to publish it.
        }
    }
}

/// <summary>A queued text as the stream entry keeps it (short names: every entry carries them).</summary>
internal sealed record StoredText(
    [property: JsonPropertyName("c")] string CallSid,
    [property: JsonPropertyName("n")] string NodeId,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("mg")] string? MessagingServiceSid,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("s")] string Sender)
{
    public static StoredText Of(OutboundText text) =>
        new(text.CallSid, text.NodeId, text.Request.To, text.Request.From, text.Request.MessagingServiceSid, text.Request.Body ?? "", text.Sender);

    public OutboundText? ToOutbound() =>
        string.IsNullOrEmpty(CallSid) || string.IsNullOrEmpty(NodeId) || string.IsNullOrEmpty(To) || string.IsNullOrEmpty(Body) || string.IsNullOrEmpty(Sender)
            || (From is null && MessagingServiceSid is null)
            ? null
            : new OutboundText(CallSid, NodeId, new CreateMessageRequest { To = To, From = From, MessagingServiceSid = MessagingServiceSid, Body = Body }, Sender,
                SmsSegmentCalculator.Calculate(Body));
}

[JsonSerializable(typeof(StoredText))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class StoredTextJson : JsonSerializerContext;
