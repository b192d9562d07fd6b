using IvrService.Cli.Phone;
using IvrService.Cli.Simulator;

namespace IvrService.Cli.Tests.Phone;

public sealed class PhoneMediaStoreTests
{
    [Fact]
    public void Put_OverTheLimit_DropsTheOldestFirst()
    {
        var store = new PhoneMediaStore(maxBytes: 250);

        store.Put(new MediaBody("http://a/1.wav", "audio/wav", new byte[100]));
        store.Put(new MediaBody("http://a/2.wav", "audio/wav", new byte[100]));
        store.Put(new MediaBody("http://a/3.wav", "audio/wav", new byte[100]));

        Assert.False(store.TryGet("http://a/1.wav", out _));
        Assert.True(store.TryGet("http://a/2.wav", out _));
        Assert.True(store.TryGet("http://a/3.wav", out var third));
        Assert.Equal(100, third.Bytes.Length);
    }

    [Fact]
    public void Put_SameUrlAgain_ReplacesWithoutCountingTwice()
    {
        var store = new PhoneMediaStore(maxBytes: 250);

        store.Put(new MediaBody("http://a/1.wav", "audio/wav", new byte[100]));
        store.Put(new MediaBody("http://a/1.wav", "audio/wav", new byte[120]));
        store.Put(new MediaBody("http://a/2.wav", "audio/wav", new byte[100]));

        Assert.True(store.TryGet("http://a/1.wav", out var first));
        Assert.Equal(120, first.Bytes.Length);
        Assert.True(store.TryGet("http://a/2.wav", out _));
    }

    [Fact]
    public void Put_BodyLargerThanTheStore_IsNotKept()
    {
        var store = new PhoneMediaStore(maxBytes: 10);

        store.Put(new MediaBody("http://a/big.wav", "audio/wav", new byte[11]));

        Assert.False(store.TryGet("http://a/big.wav", out _));
    }
}
