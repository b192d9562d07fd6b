using System.Diagnostics.Metrics;
using IvrService.Twilio.Diagnostics;

namespace IvrService.Audio;

/// <summary>Lookups of a prompt-URL cache that found a built URL (hits) and that had to build one (misses).</summary>
internal sealed class PromptUrlCacheStatistics
{
    /// <summary>The counter's name: <c>ivr.prompt_url.cache.lookups</c> by <c>ivr.cache.result</c> (hit or miss).</summary>
    public const string LookupsName = "ivr.prompt_url.cache.lookups";

    private long _hits;
    private long _misses;

    public long Hits => Volatile.Read(ref _hits);

    public long Misses => Volatile.Read(ref _misses);

    public void Hit() => Interlocked.Increment(ref _hits);

    public void Miss() => Interlocked.Increment(ref _misses);

    /// <summary>Publishes the counts of <paramref name="urls"/>' cache on the <c>IvrService</c> meter (read at collection).</summary>
    public static void Observe(IMeterFactory meters, IPromptAudioUrls urls)
    {
        if (urls is not IPromptUrlCacheOwner { CacheStatistics: var statistics })
        {
            return;
        }

        meters.Create(IvrTelemetry.Name).CreateObservableCounter(LookupsName, () => new[]
        {
            new Measurement<long>(statistics.Hits, new KeyValuePair<string, object?>("ivr.cache.result", "hit")),
            new Measurement<long>(statistics.Misses, new KeyValuePair<string, object?>("ivr.cache.result", "miss")),
        }, unit: "{lookup}", description: "Prompt audio URL lookups by result: hit (built before) or miss (built now).");
    }
}

/// <summary>A prompt-URL builder with a cache whose lookups are counted.</summary>
internal interface IPromptUrlCacheOwner
{
    PromptUrlCacheStatistics CacheStatistics { get; }
}
