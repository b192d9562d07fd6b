using IvrService.Primary.Messaging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IvrService.Primary.Tests.Messaging;

public sealed class SenderPacingTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 15, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);

    private SenderPacing Create(MessagingOptions? options = null) => new(_time, Options.Create(options ?? new MessagingOptions()));

    [Fact]
    public void TryReserve_LongCode_OneSegmentPerSecond_QueuesBehindEarlierTexts()
    {
        var pacing = Create();

        var first = pacing.TryReserve("+15005550006", 3);
        var second = pacing.TryReserve("+15005550006", 1);
        var otherSender = pacing.TryReserve("+15005550007", 1);

        Assert.Equal((true, TimeSpan.Zero, Start.AddSeconds(3)), (first.Accepted, first.Backlog, first.Departure));
        Assert.Equal((true, TimeSpan.FromSeconds(3), Start.AddSeconds(4)), (second.Accepted, second.Backlog, second.Departure));
        Assert.Equal(Start.AddSeconds(1), otherSender.Departure);
    }

    [Fact]
    public void TryReserve_BacklogDrainsWithTime()
    {
        var pacing = Create();
        pacing.TryReserve("+15005550006", 10);

        _time.Advance(TimeSpan.FromSeconds(4));
        var later = pacing.TryReserve("+15005550006", 1);

        Assert.Equal(TimeSpan.FromSeconds(6), later.Backlog);
        Assert.Equal(Start.AddSeconds(11), later.Departure);
    }

    [Fact]
    public void TryReserve_PastTenHours_IsRefusedAndReservesNothing()
    {
        var pacing = Create();
        Assert.True(pacing.TryReserve("+15005550006", 35_999).Accepted);

        var tooMuch = pacing.TryReserve("+15005550006", 2);
        var fits = pacing.TryReserve("+15005550006", 1);

        Assert.False(tooMuch.Accepted);
        Assert.Equal(TimeSpan.FromSeconds(35_999), tooMuch.Backlog);
        Assert.True(fits.Accepted);
        Assert.Equal(Start.AddHours(10), fits.Departure);
    }

    [Fact]
    public void TryReserve_SenderRateOverride_IsUsed()
    {
        var options = new MessagingOptions();
        options.SenderSegmentsPerSecond["+18005550006"] = 3;
        var pacing = Create(options);

        Assert.Equal(Start.AddSeconds(2), pacing.TryReserve("+18005550006", 6).Departure);
    }

    [Fact]
    public void Release_UnsentText_GivesItsTimeBack()
    {
        var pacing = Create();
        pacing.TryReserve("+15005550006", 5);
        pacing.TryReserve("+15005550006", 5);

        pacing.Release("+15005550006", 5);

        Assert.Equal(TimeSpan.FromSeconds(5), pacing.TryReserve("+15005550006", 1).Backlog);
    }
}
