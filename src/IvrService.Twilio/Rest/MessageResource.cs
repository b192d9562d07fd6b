using System.Globalization;
using System.Text.Json.Serialization;

namespace IvrService.Twilio.Rest;

/// <summary>A Message resource as returned by Messages create and Messages list.</summary>
public sealed record MessageResource
{
    /// <summary><c>sid</c> (SM… or MM…).</summary>
    public string? Sid { get; init; }

    /// <summary><c>status</c> (<c>queued</c>, <c>accepted</c>, …).</summary>
    public string? Status { get; init; }

    /// <summary><c>to</c>.</summary>
    public string? To { get; init; }

    /// <summary><c>from</c>.</summary>
    public string? From { get; init; }

    /// <summary><c>body</c>.</summary>
    public string? Body { get; init; }

    /// <summary><c>messaging_service_sid</c>.</summary>
    public string? MessagingServiceSid { get; init; }

    /// <summary><c>num_segments</c> (a string in Twilio's JSON).</summary>
    public string? NumSegments { get; init; }

    /// <summary><c>error_code</c>.</summary>
    public int? ErrorCode { get; init; }

    /// <summary><c>error_message</c>.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary><c>direction</c> (<c>outbound-api</c>, <c>outbound-reply</c>, <c>inbound</c>, …).</summary>
    public string? Direction { get; init; }

    /// <summary><c>date_created</c> as Twilio sends it (RFC 2822, e.g. <c>Mon, 07 Dec 2026 06:00:00 +0000</c>).</summary>
    public string? DateCreated { get; init; }

    /// <summary><c>date_sent</c> as Twilio sends it (RFC 2822); null until the message has left Twilio.</summary>
    public string? DateSent { get; init; }

    /// <summary><see cref="DateCreated"/> parsed, or null when absent or unreadable.</summary>
    [JsonIgnore]
    public DateTimeOffset? DateCreatedAt => TwilioDates.ParseRfc2822(DateCreated);

    /// <summary><see cref="DateSent"/> parsed, or null when absent or unreadable.</summary>
    [JsonIgnore]
    public DateTimeOffset? DateSentAt => TwilioDates.ParseRfc2822(DateSent);
}

/// <summary>
/// Which messages <see cref="TwilioRestClient.ListMessagesAsync"/> asks for. Twilio filters by exact <c>To</c> and
/// <c>From</c>, and by the UTC day a message was sent; results come newest first.
/// </summary>
public sealed record MessageListFilter
{
    /// <summary>The most <see cref="PageSize"/> Twilio accepts.</summary>
    public const int MaxPageSize = 1000;

    /// <summary><c>To</c>: only messages sent to this number (E.164).</summary>
    public string? To { get; init; }

    /// <summary><c>From</c>: only messages sent from this number (E.164).</summary>
    public string? From { get; init; }

    /// <summary><c>DateSent&gt;</c>: only messages sent on or after midnight UTC of this day.</summary>
    public DateOnly? DateSentOnOrAfter { get; init; }

    /// <summary><c>PageSize</c>, 1 to <see cref="MaxPageSize"/>.</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>How many pages to read at most; a busy account's history is not read to its end.</summary>
    public int MaxPages { get; init; } = 20;

    internal string ToQuery()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(PageSize, 1, nameof(PageSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PageSize, MaxPageSize, nameof(PageSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPages, 1, nameof(MaxPages));
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(To))
        {
            parts.Add("To=" + Uri.EscapeDataString(To.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(From))
        {
            parts.Add("From=" + Uri.EscapeDataString(From.Trim()));
        }

        if (DateSentOnOrAfter is { } day)
        {
            // The parameter's name is "DateSent>" (Twilio's "on or after"), so its '>' is escaped like a value's.
            parts.Add(Uri.EscapeDataString("DateSent>") + "=" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        parts.Add("PageSize=" + PageSize.ToString(CultureInfo.InvariantCulture));
        return string.Join('&', parts);
    }
}

/// <summary>What to send. <see cref="To"/> and a sender (<see cref="From"/> or <see cref="MessagingServiceSid"/>) are
/// required, and <see cref="Body"/> or at least one <see cref="MediaUrls"/> entry.</summary>
public sealed record CreateMessageRequest
{
    /// <summary><c>To</c>.</summary>
    public required string To { get; init; }

    /// <summary><c>From</c>.</summary>
    public string? From { get; init; }

    /// <summary><c>MessagingServiceSid</c> (MG…).</summary>
    public string? MessagingServiceSid { get; init; }

    /// <summary><c>Body</c>.</summary>
    public string? Body { get; init; }

    /// <summary><c>MediaUrl</c>, repeated once per URL.</summary>
    public IReadOnlyList<string> MediaUrls { get; init; } = [];

    /// <summary><c>StatusCallback</c>.</summary>
    public string? StatusCallback { get; init; }

    internal List<KeyValuePair<string, string>> ToForm()
    {
        if (string.IsNullOrWhiteSpace(To))
        {
            throw new ArgumentException("A message needs a To number.", nameof(To));
        }

        if (string.IsNullOrWhiteSpace(From) && string.IsNullOrWhiteSpace(MessagingServiceSid))
        {
            throw new ArgumentException("A message needs From or MessagingServiceSid.", nameof(From));
        }

        if (string.IsNullOrEmpty(Body) && MediaUrls.Count == 0)
        {
            throw new ArgumentException("A message needs a Body or a MediaUrl.", nameof(Body));
        }

        var form = new List<KeyValuePair<string, string>> { new("To", To) };
        if (!string.IsNullOrWhiteSpace(From))
        {
            form.Add(new("From", From));
        }

        if (!string.IsNullOrWhiteSpace(MessagingServiceSid))
        {
            form.Add(new("MessagingServiceSid", MessagingServiceSid));
        }

        if (!string.IsNullOrEmpty(Body))
        {
            form.Add(new("Body", Body));
        }

        foreach (var url in MediaUrls)
        {
            form.Add(new("MediaUrl", url));
        }

        if (!string.IsNullOrWhiteSpace(StatusCallback))
        {
            form.Add(new("StatusCallback", StatusCallback));
        }

        return form;
    }
}
