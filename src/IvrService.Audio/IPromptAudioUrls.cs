namespace IvrService.Audio;

/// <summary>Turns a prompt's audio key into the absolute URL Twilio fetches for <c>&lt;Play&gt;</c>.</summary>
public interface IPromptAudioUrls
{
    /// <summary>
    /// The URL for <paramref name="audioKey"/> (a path relative to the audio folder, e.g. <c>en-US/welcome.wav</c>).
    /// Pure and local: no network call. Write it into TwiML with <see cref="Uri.AbsoluteUri"/> (which keeps the
    /// escaping the signature covers), not <see cref="Uri.ToString"/>.
    /// </summary>
    /// <param name="audioKey">The prompt's key; invalid keys ('..', '\', empty segments) throw <see cref="ArgumentException"/>.</param>
    /// <param name="publicBaseUri">The app's public base URL (used only when the app serves the audio itself).</param>
    Uri GetUrl(string audioKey, Uri publicBaseUri);
}
