using System.Text.RegularExpressions;

namespace IvrService.Flow;

/// <summary>Recognises the dial targets a transfer may name.</summary>
internal static partial class PhoneTargets
{
    public static bool IsE164(string? value) => value is not null && E164().IsMatch(value);

    public static bool IsSipUri(string? value) =>
        value is not null && SipUri().IsMatch(value) && !value.Any(char.IsWhiteSpace);

    // E.164: '+', a non-zero country code digit, at most 15 digits in all.
    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();

    // sip:user@host[:port][;params] or sips:…; Twilio's <Sip> needs the user part.
    [GeneratedRegex(@"^sips?:[^@:;\s]+@[A-Za-z0-9.\-\[\]:]+(;[^\s]*)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex SipUri();
}
