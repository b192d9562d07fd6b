using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace IvrService.Fallback;

/// <summary>What the fallback does when it cannot resume the caller in the flow.</summary>
public enum LastResortMode
{
    /// <summary>Transfer when <see cref="FallbackOptions.SupportNumber"/> is set, otherwise voicemail.</summary>
    Auto,

    /// <summary>Apology, then dial <see cref="FallbackOptions.SupportNumber"/>; goodbye when nobody answers.</summary>
    Transfer,

    /// <summary>Apology, then record a message (Twilio keeps the recording in the account).</summary>
    Voicemail,

    /// <summary>Apology, then a polite goodbye and hang-up.</summary>
    Goodbye,
}

/// <summary>
/// The fallback app's settings (section <c>Fallback</c>, environment variables <c>Fallback__…</c>). Every setting has a
/// default that works with no configuration at all: no flow file, no support number, apology by text-to-speech, then
/// voicemail.
/// </summary>
public sealed class FallbackOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Fallback";

    /// <summary>
    /// Path of the flow JSON file (the same file the primary runs). Relative paths are looked up under the content
    /// root, then next to the binaries. Empty: no resume, static apology only. A missing or invalid file never stops
    /// the fallback; it is logged as an error and calls get the static apology.
    /// </summary>
    public string? FlowPath { get; set; } = "content/flow.json";

    /// <summary>Folder of the bundled prompt recordings served under <c>/fallback/audio/</c>.</summary>
    public string AudioPath { get; set; } = "content/audio";

    /// <summary>Cache-Control of the served recordings.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Fallback:AudioCacheControl must not be empty (e.g. 'public, max-age=86400').")]
    public string AudioCacheControl { get; set; } = "public, max-age=86400";

    /// <summary>
    /// Host names of the primary (e.g. <c>ivr.example.com</c>, or <c>localhost:5080</c> with a port) whose
    /// <c>ErrorUrl</c> the fallback may resume from. Any other host gets the static apology. Empty: never resume.
    /// </summary>
    public IList<string> PrimaryHosts { get; } = [];

    /// <summary>E.164 number (<c>+15005550006</c>) or SIP URI (<c>sip:desk@example.com</c>) to transfer callers to.</summary>
    public string? SupportNumber { get; set; }

    /// <summary>Seconds to ring <see cref="SupportNumber"/>.</summary>
    [Range(5, 600, ErrorMessage = "Fallback:TransferTimeoutSeconds must be between 5 and 600.")]
    public int TransferTimeoutSeconds { get; set; } = 30;

    /// <summary>What follows the apology when the caller cannot be resumed.</summary>
    public LastResortMode Mode { get; set; } = LastResortMode.Auto;

    /// <summary>Spoken first when the caller cannot be resumed.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Fallback:ApologyText must not be empty.")]
    [StringLength(1000, ErrorMessage = "Fallback:ApologyText is limited to 1000 characters.")]
    public string ApologyText { get; set; } = "We're sorry, we are having technical difficulties.";

    /// <summary>
    /// Optional prompt id of the flow's catalog whose bundled recording replaces <see cref="ApologyText"/> (played only
    /// when the flow loaded, the file is bundled and the failure was not a media problem).
    /// </summary>
    public string? ApologyPromptId { get; set; }

    /// <summary>Spoken before the transfer.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Fallback:TransferText must not be empty.")]
    public string TransferText { get; set; } = "Please hold while we connect you to our team.";

    /// <summary>Spoken before the voicemail beep.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Fallback:VoicemailText must not be empty.")]
    public string VoicemailText { get; set; } = "Please leave your name, number and a short message after the tone.";

    /// <summary>Spoken after a recorded message.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Fallback:ThankYouText must not be empty.")]
    public string ThankYouText { get; set; } = "Thank you. We will call you back as soon as we can. Goodbye.";

    /// <summary>Spoken before hanging up.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Fallback:GoodbyeText must not be empty.")]
    public string GoodbyeText { get; set; } = "Please try again later. Goodbye.";

    /// <summary>Longest voicemail in seconds.</summary>
    [Range(5, 3600, ErrorMessage = "Fallback:VoicemailMaxSeconds must be between 5 and 3600.")]
    public int VoicemailMaxSeconds { get; set; } = 120;

    /// <summary>Reply to a text message when the flow (and its SMS default reply) is unavailable.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Fallback:SmsText must not be empty.")]
    [StringLength(320, ErrorMessage = "Fallback:SmsText is limited to 320 characters (two SMS segments).")]
    public string SmsText { get; set; } = "Sorry, we can't answer messages right now. Please try again later.";

    /// <summary><c>language</c> of the fallback's own <c>&lt;Say&gt;</c> texts (resumed prompts use the call's locale).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Fallback:Locale must not be empty (e.g. en-US).")]
    public string Locale { get; set; } = "en-US";

    /// <summary><c>voice</c> of every <c>&lt;Say&gt;</c> (e.g. <c>Polly.Joanna</c>); empty: Twilio's default.</summary>
    public string? Voice { get; set; }

    /// <summary>The effective last resort after <see cref="LastResortMode.Auto"/> is resolved.</summary>
    public LastResortMode EffectiveMode =>
        Mode != LastResortMode.Auto ? Mode : string.IsNullOrWhiteSpace(SupportNumber) ? LastResortMode.Voicemail : LastResortMode.Transfer;
}

/// <summary>Source-generated DataAnnotations validation (AOT-safe).</summary>
[OptionsValidator]
internal sealed partial class FallbackOptionsAnnotationsValidator : IValidateOptions<FallbackOptions>;

/// <summary>Cross-field checks: settings that cannot work stop start-up with a message naming them.</summary>
internal sealed partial class FallbackOptionsValidator : IValidateOptions<FallbackOptions>
{
    public ValidateOptionsResult Validate(string? name, FallbackOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.SupportNumber) && !PhoneTarget().IsMatch(options.SupportNumber.Trim()))
        {
            failures.Add($"Fallback:SupportNumber '{options.SupportNumber}' is neither an E.164 number (+15005550006) nor a SIP URI (sip:desk@example.com).");
        }

        if (options.Mode == LastResortMode.Transfer && string.IsNullOrWhiteSpace(options.SupportNumber))
        {
            failures.Add("Fallback:Mode is Transfer but Fallback:SupportNumber is not set (env Fallback__SupportNumber).");
        }

        for (var i = 0; i < options.PrimaryHosts.Count; i++)
        {
            if (!ErrorUrlInfo.IsValidHostEntry(options.PrimaryHosts[i]))
            {
                failures.Add($"Fallback:PrimaryHosts:{i} '{options.PrimaryHosts[i]}' is not a host name (with an optional :port), e.g. ivr.example.com.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex(@"^(\+[1-9][0-9]{6,14}|sips?:[^\s<>""]{3,200})$", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneTarget();
}
