namespace IvrService.Audio.Preflight;

/// <summary>
/// The prompt audio keys the app will hand Twilio (e.g. every key of the flow in every locale). The primary
/// registers one so the start-up preflight checks exactly those; Audio itself knows nothing about flows.
/// </summary>
public interface IPromptAudioKeySource
{
    /// <summary>Every audio key the app may play, e.g. <c>en-US/welcome.wav</c>; duplicates are fine.</summary>
    IEnumerable<string> GetPromptAudioKeys();
}

/// <summary>An <see cref="IPromptAudioKeySource"/> over a delegate, e.g. <c>() =&gt; flow.EnumeratePromptAudio()</c>.</summary>
/// <param name="keys">Called once per preflight run.</param>
public sealed class DelegatePromptAudioKeySource(Func<IEnumerable<string>> keys) : IPromptAudioKeySource
{
    private readonly Func<IEnumerable<string>> _keys = keys ?? throw new ArgumentNullException(nameof(keys));

    /// <inheritdoc />
    public IEnumerable<string> GetPromptAudioKeys() => _keys();
}
