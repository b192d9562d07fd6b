using IvrService.Audio.Local;
using IvrService.Audio.S3;

namespace IvrService.Audio.Tests;

public class PromptUrlCacheTests
{
    [Fact]
    public void GetOrAdd_SameKey_BuildsOnce()
    {
        var cache = new PromptUrlCache<string>();
        var builds = 0;

        var first = cache.GetOrAdd("en-US/welcome.wav", (key, _) => { builds++; return new Uri("https://example.com/" + key); }, 0);
        var second = cache.GetOrAdd("en-US/welcome.wav", (key, _) => { builds++; return new Uri("https://example.com/" + key); }, 0);

        Assert.Same(first, second);
        Assert.Equal(1, builds);
    }

    [Fact]
    public void GetOrAdd_PastCapacity_StillAnswersButKeepsNoMore()
    {
        var cache = new PromptUrlCache<int>();
        for (var i = 0; i < PromptUrlCache<int>.Capacity + 500; i++)
        {
            var url = cache.GetOrAdd(i, static (key, _) => new Uri($"https://example.com/{key}.wav"), 0);
            Assert.Equal($"https://example.com/{i}.wav", url.AbsoluteUri);
        }

        Assert.Equal(PromptUrlCache<int>.Capacity, cache.Count);
    }

    [Fact]
    public void S3Urls_Repeated_AreTheSameInstance_AndInvalidKeysStillThrow()
    {
        var urls = new S3PromptAudioUrls(new AudioOptions { Bucket = "ivr-audio" });
        var publicBase = new Uri("https://ivr.example.com/");

        Assert.Same(urls.GetUrl("en-US/welcome.wav", publicBase), urls.GetUrl("en-US/welcome.wav", publicBase));
        Assert.Throws<ArgumentException>(() => urls.GetUrl("../secret.wav", publicBase));
        Assert.Throws<ArgumentException>(() => urls.GetUrl("../secret.wav", publicBase));
    }

    [Fact]
    public void LocalUrls_DependOnTheBase_NotOnlyTheKey()
    {
        var urls = new LocalPromptAudioUrls();

        var direct = urls.GetUrl("en-US/welcome.wav", new Uri("https://ivr.example.com/"));
        var proxied = urls.GetUrl("en-US/welcome.wav", new Uri("https://proxy.example.com/ivr/"));

        Assert.Equal("https://ivr.example.com/audio/en-US/welcome.wav", direct.AbsoluteUri);
        Assert.Equal("https://proxy.example.com/ivr/audio/en-US/welcome.wav", proxied.AbsoluteUri);
        Assert.Same(direct, urls.GetUrl("en-US/welcome.wav", new Uri("https://ivr.example.com/")));
    }
}
