namespace IvrService.Audio.Local;

/// <summary>URLs for prompts the app serves itself: <c>{publicBase}/audio/{key}</c>.</summary>
public sealed class LocalPromptAudioUrls : IPromptAudioUrls, IPromptUrlCacheOwner
{
    /// <summary>The request path the local prompts are served under.</summary>
    public const string RequestPath = "/audio";

    private readonly PromptUrlCache<(string Base, string Key)> _urls = new();

    PromptUrlCacheStatistics IPromptUrlCacheOwner.CacheStatistics => _urls.Statistics;

    /// <inheritdoc />
    public Uri GetUrl(string audioKey, Uri publicBaseUri)
    {
        AudioKey.EnsureValid(audioKey, nameof(audioKey));
        ArgumentNullException.ThrowIfNull(publicBaseUri);
        if (!publicBaseUri.IsAbsoluteUri)
        {
            throw new ArgumentException($"The public base URL '{publicBaseUri}' must be absolute.", nameof(publicBaseUri));
        }

        // One URL per public base and key (a deployment has one base, or a few behind proxies): built once.
        return _urls.GetOrAdd((publicBaseUri.AbsoluteUri, audioKey), static (key, baseUri) =>
        {
            // Keep a base path (an app behind a proxy at /ivr/) and drop any query or fragment of the base.
            var basePath = baseUri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped).TrimEnd('/');
            return new Uri($"{basePath}{RequestPath}/{AudioKey.EscapePath(key.Key)}");
        }, publicBaseUri);
    }
}
