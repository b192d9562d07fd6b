using IvrService.Twilio.Rest;

namespace IvrService.Twilio.Tests.Rest;

public class TwilioRetryTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(1, 2.0)]
    [InlineData(3, 8.0)]
    [InlineData(10, 8.0)]
    [InlineData(1000, 8.0)]
    public void Delay_NoRetryAfter_DoublesUpToTheCap(int previous, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), TwilioRetry.Delay(previous, Initial, Cap, null, MaxRetryAfter));

    [Theory]
    [InlineData(0, 5.0, 5.0)]    // longer than the backoff: honoured
    [InlineData(2, 3.0, 4.0)]    // shorter: the backoff wins
    [InlineData(0, 300.0, 30.0)] // beyond the most honoured
    public void Delay_RetryAfter_HonouredWhenLongerUpToItsMaximum(int previous, double retryAfter, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), TwilioRetry.Delay(previous, Initial, Cap, TimeSpan.FromSeconds(retryAfter), MaxRetryAfter));

    [Fact]
    public void Delay_Jitter_TakesItsFractionOffTheBackoff() =>
        Assert.Equal(TimeSpan.FromSeconds(3), TwilioRetry.Delay(2, Initial, Cap, null, MaxRetryAfter, jitter: 0.25));

    [Theory]
    [InlineData(0, 1, false)]
    [InlineData(0, 3, true)]
    [InlineData(1, 3, true)]
    [InlineData(2, 3, false)]
    [InlineData(3, 3, true)]
    public void NextIsUntriedEdge_OnlyWithinARound(int attempt, int edges, bool expected) =>
        Assert.Equal(expected, TwilioRetry.NextIsUntriedEdge(attempt, edges));
}
