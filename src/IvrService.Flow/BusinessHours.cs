using System.Globalization;

namespace IvrService.Flow;

/// <summary>Evaluates an <see cref="HoursNode"/> schedule at an instant; also parses its parts for the validator.</summary>
internal static class BusinessHours
{
    public static readonly string[] DayNames =
        ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    /// <summary>Whether the business is open at <paramref name="now"/>; <c>false</c> (closed) for a broken schedule.</summary>
    public static HoursDecision Evaluate(HoursNode node, DateTimeOffset now)
    {
        if (!TryFindTimeZone(node.TimeZone, out var zone, out _))
        {
            return new HoursDecision(false, "bad-time-zone", null);
        }

        // Wall-clock time in the business's zone: DST shifts move the UTC instants, never the posted hours.
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var date = DateOnly.FromDateTime(local.DateTime);
        var holiday = node.Holidays.FirstOrDefault(h => TryParseDate(h?.Date, out var d) && d == date);
        if (holiday is not null)
        {
            return new HoursDecision(false, "holiday", local);
        }

        var day = DayNames[(int)local.DayOfWeek];
        if (!node.Weekly.TryGetValue(day, out var ranges) || ranges is null)
        {
            return new HoursDecision(false, "closed-day", local);
        }

        var time = TimeOnly.FromDateTime(local.DateTime);
        foreach (var text in ranges)
        {
            if (TryParseRange(text, out var open, out var close, out _) && Contains(open, close, time))
            {
                return new HoursDecision(true, "open", local);
            }
        }

        return new HoursDecision(false, "outside-hours", local);
    }

    /// <summary>Resolves an IANA time zone id; Windows ids are rejected so the file means the same everywhere.</summary>
    public static bool TryFindTimeZone(string? id, out TimeZoneInfo zone, out string? error)
    {
        zone = TimeZoneInfo.Utc;
        error = null;
        if (string.IsNullOrWhiteSpace(id))
        {
            error = "No time zone given.";
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            error = $"Unknown time zone '{id}' (use an IANA id such as America/New_York).";
            return false;
        }

        if (!zone.HasIanaId && !string.Equals(id, "UTC", StringComparison.Ordinal))
        {
            error = $"Time zone '{id}' is not an IANA id (use e.g. America/New_York, not a Windows name).";
            return false;
        }

        return true;
    }

    /// <summary>Parses <c>"HH:mm-HH:mm"</c>; the end may be <c>24:00</c> and must be after the start.</summary>
    public static bool TryParseRange(string? text, out TimeSpan open, out TimeSpan close, out string? error)
    {
        open = close = TimeSpan.Zero;
        error = null;
        var parts = text?.Split('-');
        if (parts is not { Length: 2 } || !TryParseClock(parts[0], out open) || !TryParseClock(parts[1], out close))
        {
            error = $"'{text}' is not a range like \"09:00-17:30\".";
            return false;
        }

        if (open >= TimeSpan.FromHours(24))
        {
            error = $"'{text}' starts at 24:00; a day's ranges start before 24:00.";
            return false;
        }

        if (close <= open)
        {
            error = $"'{text}' ends before it starts (ranges cannot cross midnight; split them over two days).";
            return false;
        }

        return true;
    }

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static bool TryParseClock(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (text.Length != 5 || text[2] != ':' ||
            !int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours) ||
            !int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
        {
            return false;
        }

        if (minutes > 59 || hours > 24 || (hours == 24 && minutes != 0))
        {
            return false;
        }

        value = new TimeSpan(hours, minutes, 0);
        return true;
    }

    private static bool Contains(TimeSpan open, TimeSpan close, TimeOnly time) =>
        time.ToTimeSpan() >= open && time.ToTimeSpan() < close;
}

/// <summary>Outcome of an hours check, with the reason for logs.</summary>
/// <param name="IsOpen">True when the <c>open</c> branch is taken.</param>
/// <param name="Reason"><c>open</c>, <c>holiday</c>, <c>closed-day</c>, <c>outside-hours</c> or <c>bad-time-zone</c>.</param>
/// <param name="LocalTime">The instant in the business's zone (null for a bad zone).</param>
public sealed record HoursDecision(bool IsOpen, string Reason, DateTimeOffset? LocalTime)
{
    /// <summary>True when closed for one of the node's holidays.</summary>
    public bool IsHoliday => Reason == "holiday";
}
