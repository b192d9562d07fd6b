namespace IvrService.Twilio.Rest;

/// <summary>
/// The retry schedule for Twilio's API, shared by <see cref="TwilioRestClient"/> and any caller that drives its own
/// attempts (the primary's text sender): exponential backoff with a cap, an optional jitter, Twilio's Retry-After when
/// it asks for longer, and no wait before an edge that has not been tried yet.
/// </summary>
public static class TwilioRetry
{
    /// <summary>How long to wait before the next attempt.</summary>
    /// <param name="previousBackoffs">Backoffs already waited in this request (0 for the first).</param>
    /// <param name="initial">The first backoff.</param>
    /// <param name="cap">The longest backoff.</param>
    /// <param name="retryAfter">Twilio's Retry-After, when it sent one: honoured when longer than the backoff.</param>
    /// <param name="maxRetryAfter">The longest Retry-After honoured.</param>
    /// <param name="jitter">The fraction (0–1) of the backoff to take off, already drawn at random; 0 for none.</param>
    /// <returns>The delay.</returns>
    public static TimeSpan Delay(int previousBackoffs, TimeSpan initial, TimeSpan cap, TimeSpan? retryAfter, TimeSpan maxRetryAfter, double jitter = 0)
    {
        var exponential = initial * Math.Pow(2, Math.Clamp(previousBackoffs, 0, 20));
        var backoff = (exponential > cap ? cap : exponential) * (1 - Math.Clamp(jitter, 0, 1));
        if (retryAfter is { } after && after > backoff)
        {
            return after > maxRetryAfter ? maxRetryAfter : after;
        }

        return backoff;
    }

    /// <summary>
    /// True when the attempt after <paramref name="attempt"/> (0-based) goes to an edge not yet tried in this round: a
    /// refused connection says nothing about that edge, so it is tried at once.
    /// </summary>
    /// <param name="attempt">The attempt that just failed, counted from 0.</param>
    /// <param name="edges">How many base URLs the attempts rotate through.</param>
    /// <returns>Whether to skip the backoff after a connection failure.</returns>
    public static bool NextIsUntriedEdge(int attempt, int edges) => edges > 1 && (attempt + 1) % edges != 0;
}
