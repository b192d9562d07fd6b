using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace IvrService.Twilio.Webhooks;

/// <summary>Lenient readers: absent or empty → null, garbage → null (or Unknown), never an exception.</summary>
internal static class WebhookValues
{
    public static string? Get(IFormCollection form, string name)
    {
        // Repeated names are not part of these webhooks; the first value wins rather than a comma-joined string.
        if (!form.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }

        var value = values[0];
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public static int? Int(string? raw) =>
        int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    public static double? Double(string? raw) =>
        double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : null;

    /// <summary>RFC 2822 as Twilio sends it (<c>Mon, 16 Aug 2010 03:45:01 +0000</c>), or any ISO-like date.</summary>
    public static DateTimeOffset? Timestamp(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        string[] formats = ["ddd, dd MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm:ss zzz", "r"];
        var normalized = NormalizeOffset(raw.Trim());
        if (DateTimeOffset.TryParseExact(normalized, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var exact))
        {
            return exact;
        }

        return DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var loose)
            ? loose
            : null;
    }

    public static TwilioCallStatus? CallStatus(string? raw) => raw is null ? null : raw.ToLowerInvariant() switch
    {
        "queued" => TwilioCallStatus.Queued,
        "ringing" => TwilioCallStatus.Ringing,
        "in-progress" => TwilioCallStatus.InProgress,
        "completed" => TwilioCallStatus.Completed,
        "busy" => TwilioCallStatus.Busy,
        "failed" => TwilioCallStatus.Failed,
        "no-answer" => TwilioCallStatus.NoAnswer,
        "canceled" => TwilioCallStatus.Canceled,
        _ => TwilioCallStatus.Unknown,
    };

    public static TwilioCallDirection? Direction(string? raw) => raw is null ? null : raw.ToLowerInvariant() switch
    {
        "inbound" => TwilioCallDirection.Inbound,
        "outbound-api" => TwilioCallDirection.OutboundApi,
        "outbound-dial" => TwilioCallDirection.OutboundDial,
        _ => TwilioCallDirection.Unknown,
    };

    public static TwilioDialCallStatus? DialCallStatus(string? raw) => raw is null ? null : raw.ToLowerInvariant() switch
    {
        "completed" => TwilioDialCallStatus.Completed,
        "answered" => TwilioDialCallStatus.Answered,
        "busy" => TwilioDialCallStatus.Busy,
        "no-answer" => TwilioDialCallStatus.NoAnswer,
        "failed" => TwilioDialCallStatus.Failed,
        "canceled" => TwilioDialCallStatus.Canceled,
        _ => TwilioDialCallStatus.Unknown,
    };

    // "+0000" → "+00:00": .NET's zzz/zzzz offset patterns want the colon.
    private static string NormalizeOffset(string value)
    {
        var length = value.Length;
        if (length > 5 && value[length - 5] is '+' or '-' && value[length - 6] == ' '
            && value.AsSpan(length - 4).IndexOfAnyExceptInRange('0', '9') < 0)
        {
            return string.Concat(value.AsSpan(0, length - 2), ":", value.AsSpan(length - 2));
        }

        return value;
    }
}
