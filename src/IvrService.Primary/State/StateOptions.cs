namespace IvrService.Primary.State;

/// <summary>
/// Where the primary keeps state that several replicas must share (section <c>State</c>). Unset, everything lives
/// in this process, which is right for one replica; set <see cref="Redis"/> before running more than one.
/// </summary>
public sealed class StateOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "State";

    /// <summary>
    /// A StackExchange.Redis configuration string, e.g. <c>redis:6379</c> or
    /// <c>my-cache.xxxx.use1.cache.amazonaws.com:6379,ssl=true,password=…</c> (TLS and AUTH as the string says).
    /// Unset: text claims, sender pacing and the outbound text queue are per process.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>
    /// Longest a webhook waits for Redis before the text step answers with its unavailable prompt. The call never
    /// waits longer than this for shared state.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// A queued text a replica took but has not finished (and not kept alive) for this long is taken over by another
    /// replica: the owner died. The owner renews its hold every third of this while it sends or retries.
    /// </summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The start of every key, inside a hash tag (<c>{ivr}:…</c>) so a Redis Cluster keeps them in one slot, as the
    /// atomic scripts need. Change it to share one Redis between several lines.
    /// </summary>
    public string KeyPrefix { get; set; } = "ivr";

    /// <summary>True when <see cref="Redis"/> is set.</summary>
    public bool UsesRedis => !string.IsNullOrWhiteSpace(Redis);
}
