using System.Collections.Frozen;
using System.Globalization;

namespace IvrService.Twilio.Errors;

/// <summary>
/// The webhook and TwiML error codes a fallback receives in <c>ErrorCode</c>, grouped into <see cref="ErrorFamily"/>.
/// Codes not listed get a family from their range (112xx unreachable-or-HTTP, 12xxx document, 13xxx verb/media).
/// </summary>
public static class TwilioErrorCatalog
{
    /// <summary>The entry returned for a missing or unparseable code.</summary>
    public static readonly TwilioError Unknown = new(0, "Unknown error", "No error code, or one that is not a number.", ErrorFamily.Other, IsKnown: false);

    private static readonly FrozenDictionary<int, TwilioError> Entries = new TwilioError[]
    {
        Unreachable(11100, "Invalid URL format", "The webhook URL is not a valid absolute http(s) URL."),
        Unreachable(11200, "HTTP retrieval failure", "The request to the webhook failed for a reason Twilio could not narrow down."),
        Unreachable(11202, "HTTP connection refused", "The TCP connection was refused on both attempts."),
        Unreachable(11205, "HTTP connection failure", "Connecting or waiting for the response timed out (10 s connect, 15 s total by default)."),
        Unreachable(11210, "HTTP bad host name", "The host name did not resolve in DNS."),
        Unreachable(11215, "HTTP too many redirects", "The webhook redirected too many times."),
        Unreachable(11220, "SSL/TLS handshake error", "The TLS handshake with the webhook failed."),
        Unreachable(11235, "Certificate invalid: no path to a trusted root", "The certificate chain is incomplete or self-signed."),
        Unreachable(11236, "Certificate invalid: expired", "The webhook's certificate has expired."),
        Unreachable(11237, "Certificate invalid: domain mismatch", "The certificate does not name the webhook's host."),
        Unreachable(11241, "Unsupported edge in connection override", "The #e= edge in the URL fragment is not supported."),
        Unreachable(11242, "Interconnect edge not allowed", "A -ix edge in the URL fragment is not allowed for this account."),
        Badly(11206, "HTTP protocol violation", "The response was not valid HTTP (malformed response, HTTP spoken to an HTTPS port, bad cookie)."),
        Badly(11217, "HTTP error response", "The webhook answered with a 4xx or 5xx status (429 throttling is not honoured)."),
        Badly(11750, "TwiML response body too large", "The response body exceeded 64 kB."),
        Badly(12100, "Document parse failure", "The body is not well-formed XML (text before <?xml, unescaped & or <, no <Response>)."),
        Badly(12101, "Invalid TwiML version", "The XML declaration carries a version Twilio does not accept."),
        Badly(12102, "Root element must be Response", "The document's root element is not <Response>."),
        Badly(12200, "Schema validation warning", "An unknown or mis-cased verb or attribute, or a verb nested where it is not allowed."),
        Badly(12300, "Invalid Content-Type", "The response had no Content-Type or one Twilio cannot execute."),
        Badly(12400, "Internal failure", "Twilio failed internally while handling the response."),
        Media(13201, "Dial: cannot dial out from a dial call segment", "A <Dial> was attempted from a leg that is itself dialled."),
        Media(13214, "Dial: invalid callerId", "The callerId of a <Dial> is not a number or client the account may use."),
        Media(13221, "Dial->Number: invalid method", "The method of a dialled <Number> is neither GET nor POST."),
        Media(13223, "Dial: invalid phone number format", "The number dialled is not a valid phone number."),
        Media(13224, "Dial: invalid phone number", "The number dialled cannot be called."),
        Media(13225, "Dial: forbidden phone number", "The number dialled is blocked (premium or emergency-like)."),
        Media(13227, "Dial: no international permission", "Geographic permissions do not allow the dialled country."),
        Media(13410, "Play: invalid loop", "The loop attribute of <Play> is out of range."),
        Media(13420, "Play: invalid content", "The <Play> URL returned something that is not audio (e.g. binary/octet-stream from S3)."),
        Media(13520, "Say: invalid text", "The <Say> text is empty or too long."),
        Media(13521, "Say: invalid loop", "The loop attribute of <Say> is out of range."),
        new(32018, "Inline TwiML too long", "An inline Twiml parameter exceeded 4000 characters.", ErrorFamily.Other),
        new(57012, "Messaging signature invalid", "A messaging request failed signature validation.", ErrorFamily.Other),
    }.ToFrozenDictionary(e => e.Code);

    /// <summary>Every catalogued entry.</summary>
    public static IEnumerable<TwilioError> All => Entries.Values;

    /// <summary>The entry for <paramref name="code"/>; unlisted codes get a range-based family and <c>IsKnown = false</c>.</summary>
    public static TwilioError Lookup(int code)
    {
        if (Entries.TryGetValue(code, out var entry))
        {
            return entry;
        }

        var family = code switch
        {
            >= 11200 and < 11300 => ErrorFamily.PrimaryUnreachable,
            >= 12100 and < 12500 => ErrorFamily.PrimaryAnsweredBadly,
            >= 13000 and < 14000 => ErrorFamily.MediaProblem,
            _ => ErrorFamily.Other,
        };
        return new TwilioError(code, $"Error {code.ToString(CultureInfo.InvariantCulture)}", "Not in this catalog; see Twilio's documentation.", family, IsKnown: false);
    }

    /// <summary>
    /// Reads the raw <c>ErrorCode</c> parameter. Missing, empty or non-numeric values give <see cref="Unknown"/>;
    /// surrounding whitespace is ignored. Never throws.
    /// </summary>
    public static TwilioError TryParse(string? raw) =>
        int.TryParse(raw?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code > 0
            ? Lookup(code)
            : Unknown;

    private static TwilioError Unreachable(int code, string name, string description) =>
        new(code, name, description, ErrorFamily.PrimaryUnreachable);

    private static TwilioError Badly(int code, string name, string description) =>
        new(code, name, description, ErrorFamily.PrimaryAnsweredBadly);

    private static TwilioError Media(int code, string name, string description) =>
        new(code, name, description, ErrorFamily.MediaProblem);
}
