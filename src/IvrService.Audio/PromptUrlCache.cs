using System.Collections.Concurrent;

namespace IvrService.Audio;

/// <summary>
/// Prompt URLs already built, so a webhook looks its URLs up instead of building them. Bounded: past
/// <see cref="Capacity"/> entries (far more than a flow has prompts) URLs are built without being kept, so an
/// unexpected stream of keys or public bases cannot grow memory.
/// </summary>
/// <typeparam name="TKey">What the URL depends on.</typeparam>
internal sealed class PromptUrlCache<TKey>
    where TKey : notnull
{
    public const int Capacity = 4096;

    private readonly ConcurrentDictionary<TKey, Uri> _urls = new();

    public PromptUrlCacheStatistics Statistics { get; } = new();

    public Uri GetOrAdd<TState>(TKey key, Func<TKey, TState, Uri> build, TState state)
    {
        if (_urls.TryGetValue(key, out var url))
        {
            Statistics.Hit();
            return url;
        }

        Statistics.Miss();
        url = build(key, state);
        if (_urls.Count < Capacity)
        {
            _urls.TryAdd(key, url);
        }

        return url;
    }

    public int Count => _urls.Count;
}
