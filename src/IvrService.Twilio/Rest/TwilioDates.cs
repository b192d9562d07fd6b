using System.Globalization;

namespace IvrService.Twilio.Rest;

/// <summary>The dates in Twilio's 2010-04-01 JSON: RFC 2822, e.g. <c>Mon, 07 Dec 2026 06:00:00 +0000</c>.</summary>
public static class TwilioDates
{
    private static readonly string[] DateTimeFormats = ["ddd, d MMM yyyy HH:mm:ss", "d MMM yyyy HH:mm:ss"];

    /// <summary>The instant <paramref name="value"/> names, or null when it is empty or not an RFC 2822 date.</summary>
    public static DateTimeOffset? ParseRfc2822(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        // .NET's "zzz" wants "+00:00"; RFC 2822 writes "+0000" (and old mail writes "GMT"), so the zone is read here.
        var text = value.Trim();
        var space = text.LastIndexOf(' ');
        if (space < 0 || !TryParseZone(text[(space + 1)..], out var offset))
        {
            return null;
        }

        return DateTime.TryParseExact(text[..space], DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local)
            ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset)
            : null;
    }

    /// <summary><paramref name="instant"/> the way Twilio writes it: UTC, <c>ddd, dd MMM yyyy HH:mm:ss +0000</c>.</summary>
    public static string FormatRfc2822(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    private static bool TryParseZone(string zone, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (zone is "GMT" or "UT" or "UTC" or "Z")
        {
            return true;
        }

        if (zone.Length != 5 || zone[0] is not ('+' or '-')
            || !int.TryParse(zone.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(zone.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || hours > 23 || minutes > 59)
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0);
        if (zone[0] == '-')
        {
            offset = -offset;
        }

        return true;
    }
}
