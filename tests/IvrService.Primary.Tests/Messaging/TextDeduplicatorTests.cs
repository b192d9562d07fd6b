using IvrService.Primary.Messaging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IvrService.Primary.Tests.Messaging;

public sealed class TextDeduplicatorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));

    private TextDeduplicator Create(int capacity = 100) =>
        new(_time, Options.Create(new MessagingOptions { DuplicateWindow = TimeSpan.FromHours(1), DuplicateCapacity = capacity }));

    [Fact]
    public void TryClaim_SameKeyWithinWindow_IsRefusedUntilItExpires()
    {
        var duplicates = Create();

        Assert.True(duplicates.TryClaim("CA1\ntext-link"));
        Assert.True(duplicates.TryClaim("CA2\ntext-link"));
        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.False(duplicates.TryClaim("CA1\ntext-link"));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(duplicates.TryClaim("CA1\ntext-link"));
    }

    [Fact]
    public void TryClaim_OverCapacity_ForgetsTheOldestFirst()
    {
        var duplicates = Create(capacity: 2);
        duplicates.TryClaim("a");
        duplicates.TryClaim("b");

        Assert.True(duplicates.TryClaim("c"));

        Assert.False(duplicates.TryClaim("c"));
        Assert.False(duplicates.TryClaim("b"));
        Assert.True(duplicates.TryClaim("a"));
    }

    [Fact]
    public void Release_RefusedText_MayBeClaimedAgain()
    {
        var duplicates = Create();
        duplicates.TryClaim("CA1\ntext-link");

        duplicates.Release("CA1\ntext-link");

        Assert.True(duplicates.TryClaim("CA1\ntext-link"));
    }
}
