namespace IvrService.Twilio.Rest;

/// <summary>A Message resource as returned by Messages create.</summary>
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
