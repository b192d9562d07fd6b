using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IvrService.Primary.State;

/// <summary>
/// The one connection to <see cref="StateOptions.Redis"/>, opened in the background at start-up so that neither
/// start-up nor a call ever waits for Redis: until it connects, and whenever it is lost, commands fail at once
/// (<see cref="BacklogPolicy.FailFast"/>) and the client reconnects by itself. Every call is bounded by
/// <see cref="StateOptions.Timeout"/> on our side too.
/// </summary>
internal sealed class RedisState : IAsyncDisposable
{
    private readonly Task<ConnectionMultiplexer> _connecting;
    private readonly ILogger<RedisState> _logger;
    private readonly TimeProvider _time;

    public RedisState(IOptions<StateOptions> options, TimeProvider time, ILogger<RedisState> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value;
        _time = time;
        _logger = logger;
        Keys = new StateKeys(Options.KeyPrefix);
        var configuration = ConfigurationOptions.Parse(Options.Redis!);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ClientName ??= "ivr-primary";
        Endpoint = string.Join(",", configuration.EndPoints.Select(e => e.ToString()));
        _connecting = ConnectAsync(configuration);
    }

    public StateOptions Options { get; }

    public StateKeys Keys { get; }

    /// <summary>The configured servers, for logs (never the password).</summary>
    public string Endpoint { get; }

    /// <summary>The database, or an exception saying why there is none yet.</summary>
    /// <exception cref="RedisConnectionException">Still connecting, or the first connection failed.</exception>
    public IDatabase Database => Connection.GetDatabase();

    /// <summary>The subscriber (wake-ups between replicas).</summary>
    public ISubscriber Subscriber => Connection.GetSubscriber();

    private ConnectionMultiplexer Connection => _connecting.IsCompletedSuccessfully
        ? _connecting.Result
        : throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None,
            _connecting.IsFaulted ? $"Redis at {Endpoint} could not be set up: {_connecting.Exception!.GetBaseException().Message}" : $"still connecting to Redis at {Endpoint}",
            _connecting.Exception?.GetBaseException(), CommandStatus.Unknown);

    /// <summary>Waits until the first connection attempt finished (whatever its result); for start-up and tests.</summary>
    public Task WhenStartedAsync() => _connecting;

    /// <summary>Runs <paramref name="operation"/> with the webhook bound (<see cref="StateOptions.Timeout"/>).</summary>
    /// <exception cref="TimeoutException">Redis did not answer in time.</exception>
    public Task<T> BoundedAsync<T>(Func<IDatabase, Task<T>> operation, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return operation(Database).WaitAsync(timeout ?? Options.Timeout, _time);
    }

    /// <summary>
    /// A Redis failure in one line for logs and health: StackExchange.Redis appends its connection and thread-pool
    /// counters (", mc: …, IOCP: …"), which say nothing to an operator reading why texts are refused.
    /// </summary>
    public static string Describe(Exception ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        if (ex is TimeoutException && ex is not RedisTimeoutException)
        {
            return "Redis did not answer in time";
        }

        var message = ex.Message;
        var counters = message.IndexOf(", mc: ", StringComparison.Ordinal);
        return counters > 0 ? message[..counters] : message;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connecting.IsCompletedSuccessfully)
        {
            await _connecting.Result.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(ConfigurationOptions configuration)
    {
        // Off the constructor's thread: the first attempt takes up to ConnectTimeout when Redis is away.
        await Task.Yield();
        var connection = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        connection.ConnectionFailed += (_, e) => StateLog.ConnectionLost(_logger, Endpoint, e.FailureType.ToString(), e.Exception?.Message ?? "");
        connection.ConnectionRestored += (_, e) => StateLog.ConnectionRestored(_logger, Endpoint);
        if (connection.IsConnected)
        {
            StateLog.Connected(_logger, Endpoint, Options.KeyPrefix);
        }
        else
        {
            StateLog.NotConnectedAtStart(_logger, Endpoint);
        }

        return connection;
    }
}

/// <summary>
/// With <c>State:Redis</c>, start-up waits for the first connection attempt (seconds at most: its connect timeout)
/// before the app listens, so the first calls after a deploy find Redis connected instead of refused while connecting.
/// Whatever that attempt's result, the app then starts: unreachable, it serves calls and keeps trying.
/// </summary>
internal sealed class SharedStateStartup(IOptions<StateOptions> options, IServiceProvider services) : IHostedService
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.UsesRedis)
        {
            return;
        }

        var state = services.GetRequiredService<RedisState>();
        await state.WhenStartedAsync().WaitAsync(MaxWait, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Every key the primary uses, all under one hash tag so one Redis Cluster slot holds them.</summary>
internal sealed class StateKeys(string prefix)
{
    private readonly string _tag = "{" + prefix + "}:";

    /// <summary>The outbound text stream.</summary>
    public RedisKey Texts => _tag + "texts";

    /// <summary>Hash: stream entry id → when a replica began sending it (Unix ms).</summary>
    public RedisKey Sending => _tag + "texts:sending";

    /// <summary>Hash: stream entry id → the Message SID Twilio gave it.</summary>
    public RedisKey Sent => _tag + "texts:sent";

    /// <summary>Hash: stream entry id → reconciliations that could not reach Twilio.</summary>
    public RedisKey Reconciles => _tag + "texts:reconciles";

    /// <summary>Pub/sub channel a replica publishes on after queueing a text, so idle senders wake at once.</summary>
    public RedisChannel Wake => RedisChannel.Literal(_tag + "texts:wake");

    /// <summary>The consumer group every replica's sender reads with.</summary>
    public static string Group => "senders";

    /// <summary>The claim for one text node of one call.</summary>
    public RedisKey Claim(string callSid, string nodeId) => _tag + "claim:" + callSid + "\n" + nodeId;

    /// <summary>The claim for one text node of one webhook request (Twilio's <c>I-Twilio-Idempotency-Token</c>).</summary>
    public RedisKey Token(string token, string nodeId) => _tag + "token:" + token + "\n" + nodeId;

    /// <summary>When the sender's queue at Twilio is estimated to be empty (Unix ms).</summary>
    public RedisKey Pacing(string sender) => _tag + "pacing:" + sender;
}

/// <summary>
/// Shared state in the health endpoint: with <c>State:Redis</c>, Degraded (HTTP 200, the app still answers calls)
/// when Redis cannot be reached, with the reason; never Unhealthy, because a replica without Redis still serves every
/// call. Without it, Healthy (state in this process).
/// </summary>
internal sealed class SharedStateHealthCheck(IOptions<StateOptions> options, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!options.Value.UsesRedis)
        {
            return HealthCheckResult.Healthy("state in this process (State:Redis unset)");
        }

        var state = services.GetRequiredService<RedisState>();
        try
        {
            var latency = await state.BoundedAsync(db => db.PingAsync(), TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"Redis at {state.Endpoint} answers in {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            return HealthCheckResult.Degraded(
                $"Redis at {state.Endpoint} unreachable ({RedisState.Describe(ex)}): calls go on; text steps play their unavailable prompt; queued texts wait in Redis");
        }
    }
}
