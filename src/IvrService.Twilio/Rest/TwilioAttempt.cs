namespace IvrService.Twilio.Rest;

/// <summary>How one REST attempt ended.</summary>
public enum TwilioAttemptOutcome
{
    /// <summary>2xx: Twilio accepted the request.</summary>
    Succeeded,

    /// <summary>The connection failed before the request was sent (refused, DNS, TLS): Twilio surely did not act on it.</summary>
    ConnectionFailed,

    /// <summary>No complete answer in time, or the connection broke after sending: Twilio may or may not have acted on it.</summary>
    TimedOut,

    /// <summary>429: too many requests; see <see cref="TwilioAttempt{T}.RetryAfter"/>.</summary>
    Throttled,

    /// <summary>5xx.</summary>
    ServerError,

    /// <summary>Any other 4xx: the request itself is wrong (bad number, unverified sender, auth); retrying cannot help.</summary>
    Rejected,
}

/// <summary>The result of one attempt made with no retry of its own (<see cref="TwilioRestClient.TryCreateMessageAsync"/>).</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Host">The host the attempt went to (shows the edge).</param>
/// <param name="Value">The resource on success (null if its JSON could not be read).</param>
/// <param name="StatusCode">The HTTP status, when there was an answer.</param>
/// <param name="ErrorCode">Twilio's error <c>code</c> from the error body (e.g. 21211 invalid To, 21610 opted out).</param>
/// <param name="Detail">A one-line description for logs (Twilio's message, or the transport error).</param>
/// <param name="RetryAfter">The <c>Retry-After</c> of a 429, when given.</param>
public sealed record TwilioAttempt<T>(
    TwilioAttemptOutcome Outcome, string Host, T? Value, int? StatusCode, int? ErrorCode, string Detail, TimeSpan? RetryAfter)
    where T : class
{
    /// <summary>True on 2xx.</summary>
    public bool Succeeded => Outcome == TwilioAttemptOutcome.Succeeded;

    /// <summary>True when another attempt may succeed: connection failures, timeouts, 429 and 5xx.</summary>
    public bool Retryable => Outcome is TwilioAttemptOutcome.ConnectionFailed or TwilioAttemptOutcome.TimedOut
        or TwilioAttemptOutcome.Throttled or TwilioAttemptOutcome.ServerError;
}
