namespace IvrService.Primary.Messaging;

/// <summary>
/// How the primary sends the flow's <c>text</c> steps (section <c>Messaging</c>): sender, the outbound queue, retries,
/// duplicate suppression and per-sender pacing. Credentials come from the <c>Twilio</c> section
/// (<c>Twilio:AccountSid</c> with <c>Twilio:AuthToken</c>, or with <c>Twilio:ApiKeySid</c> and <c>Twilio:ApiKeySecret</c>).
/// </summary>
public sealed class MessagingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Messaging";

    /// <summary>False turns sending off on purpose: text nodes play their unavailable prompt, and no credentials are needed.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Default sender number (E.164) for text nodes without <c>from</c>; the called number when unset.</summary>
    public string? From { get; set; }

    /// <summary>Default Messaging Service (<c>MG…</c>) for text nodes without <c>from</c>; wins over <see cref="From"/>.</summary>
    public string? MessagingServiceSid { get; set; }

    /// <summary>Texts waiting to be sent, at most; beyond it a text is refused (logged) and the caller hears the unavailable prompt.</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Attempts per text in total, across edges (1–20).</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Back-off before the first retry; doubles per retry up to <see cref="BackoffCap"/>.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest back-off between two attempts.</summary>
    public TimeSpan BackoffCap { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Random share taken off each back-off (0–1), so replicas do not retry in lock-step.</summary>
    public double Jitter { get; set; } = 0.2;

    /// <summary>Longest wait a 429's <c>Retry-After</c> may impose.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Time allowed for one REST attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>At shutdown, how long queued texts may still be sent; what is left is logged as not sent. Keep it below the host's shutdown timeout (30 s).</summary>
    public TimeSpan DrainDeadline { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A text node sends at most once per call within this window (a repeated webhook, or the caller choosing it again).</summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Calls remembered for duplicate suppression, at most (oldest forgotten first).</summary>
    public int DuplicateCapacity { get; set; } = 100_000;

    /// <summary>How fast Twilio releases a sender's segments: 1/s for a US/CA long code, 3 toll-free, 100 short code.</summary>
    public double SegmentsPerSecond { get; set; } = 1;

    /// <summary>Per-sender rates (number or <c>MG…</c> → segments per second) overriding <see cref="SegmentsPerSecond"/>.</summary>
    public Dictionary<string, double> SenderSegmentsPerSecond { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How long <paramref name="segments"/> (at least one) hold <paramref name="sender"/>'s queue at Twilio, at its rate.</summary>
    internal TimeSpan QueueTime(string sender, int segments)
    {
        var rate = SenderSegmentsPerSecond.TryGetValue(sender, out var own) ? own : SegmentsPerSecond;
        return TimeSpan.FromSeconds(Math.Max(1, segments) / rate);
    }

    /// <summary>Twilio queues at most 10 hours of a sender's segments (then error 21611); a text that would go past it is refused.</summary>
    public TimeSpan MaxSenderBacklog { get; set; } = TimeSpan.FromHours(10);

    /// <summary>REST API base URL (default <c>https://api.twilio.com</c>); a local stand-in in tests.</summary>
    public string? ApiBaseUrl { get; set; }

    /// <summary>Edges tried in order on failure (e.g. <c>ashburn</c>, <c>umatilla</c>).</summary>
    public List<string> Edges { get; set; } = [];

    /// <summary>Processing region (<c>us1</c>, <c>ie1</c>, <c>au1</c>); needs credentials from that region.</summary>
    public string? Region { get; set; }
}
