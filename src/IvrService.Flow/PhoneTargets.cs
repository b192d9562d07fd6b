using System.Text.RegularExpressions;

namespace IvrService.Flow;

/// <summary>Recognises the dial targets a transfer may name and the numbers a text may go to.</summary>
public static partial class PhoneTargets
{
    /// <summary>True for an E.164 number such as <c>+15005550006</c>.</summary>
    public static bool IsE164(string? value) => value is not null && E164().IsMatch(value);

    /// <summary>True for a SIP URI with a user part, such as <c>sip:agent@example.com</c>.</summary>
    public static bool IsSipUri(string? value) =>
        value is not null && SipUri().IsMatch(value) && !value.Any(char.IsWhiteSpace);

    /// <summary>True for a Messaging Service SID (<c>MG</c> and 32 hex digits), which a text may be sent from.</summary>
    public static bool IsMessagingServiceSid(string? value) => value is not null && MessagingServiceSid().IsMatch(value);

    // E.164: '+', a non-zero country code digit, at most 15 digits in all.
    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();

    // sip:user@host[:port][;params] or sips:…; Twilio's <Sip> needs the user part.
    [GeneratedRegex(@"^sips?:[^@:;\s]+@[A-Za-z0-9.\-\[\]:]+(;[^\s]*)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SipUri();

    [GeneratedRegex("^MG[0-9a-fA-F]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex MessagingServiceSid();
}
