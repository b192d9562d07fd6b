namespace IvrService.Twilio.Rest;

/// <summary>Where and how <see cref="TwilioRestClient"/> calls Twilio.</summary>
public sealed record TwilioRestClientOptions
{
    /// <summary>The API base (default <c>https://api.twilio.com</c>). Edge/region only rewrite <c>*.twilio.com</c> hosts,
    /// so a local stand-in URL is used as given.</summary>
    public Uri BaseUri { get; init; } = new("https://api.twilio.com");

    /// <summary>Edges to use, tried in order on failure (e.g. <c>ashburn</c>, <c>umatilla</c>); legacy IDs such as
    /// <c>us1</c> or <c>ie1</c> are mapped to their edge. Empty = Twilio's default routing.</summary>
    public IReadOnlyList<string> Edges { get; init; } = [];

    /// <summary>Processing region (<c>us1</c>, <c>ie1</c>, <c>au1</c>); with edges unset, the region's home edge is used,
    /// never the deprecated <c>api.{region}.twilio.com</c> names.</summary>
    public string? Region { get; init; }

    /// <summary>Attempts in total, across edges (bounded retries). Default 4.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>Delay before the first back-off retry; doubles each time up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Upper bound for a back-off delay, including a 429's Retry-After.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Time allowed for one attempt (connect through the full response).</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(15);

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(BaseUri);
        if (!BaseUri.IsAbsoluteUri || (BaseUri.Scheme != Uri.UriSchemeHttps && BaseUri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"BaseUri must be an absolute http(s) URL, got '{BaseUri}'.", nameof(BaseUri));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxAttempts, 20, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfNegative(InitialBackoff.Ticks, nameof(InitialBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBackoff, InitialBackoff, nameof(MaxBackoff));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(AttemptTimeout, TimeSpan.Zero, nameof(AttemptTimeout));
    }
}
