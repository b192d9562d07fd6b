namespace IvrService.Flow.Tests;

public class BusinessHoursTests
{
    private static HoursNode Hours(string sunday, params string[] holidays) => new()
    {
        TimeZone = "America/New_York",
        Weekly = new Dictionary<string, IReadOnlyList<string>> { ["sunday"] = [sunday], ["thursday"] = ["00:00-24:00"], ["friday"] = ["00:00-24:00"], ["saturday"] = ["00:00-24:00"] },
        Holidays = holidays.Select(d => new Holiday { Date = d }).ToList(),
        Open = "o",
        Closed = "c",
    };

    private static bool IsOpen(HoursNode node, int month, int day, int hour, int minute) =>
        BusinessHours.Evaluate(node, new DateTimeOffset(2026, month, day, hour, minute, 0, TimeSpan.Zero)).IsOpen;

    // 2026-03-08: New York springs forward at 02:00 EST (07:00 UTC) to 03:00 EDT; after it, 9:00 local is 13:00 UTC.
    [Theory]
    [InlineData(12, 59, false)]
    [InlineData(13, 0, true)]
    [InlineData(20, 59, true)]
    [InlineData(21, 0, false)]
    [InlineData(21, 30, false)]
    public void Evaluate_SpringForwardDay_UsesDaylightOffsetAfterTheSwitch(int utcHour, int utcMinute, bool open)
    {
        Assert.Equal(open, IsOpen(Hours("09:00-17:00"), 3, 8, utcHour, utcMinute));
    }

    [Theory]
    [InlineData(5, 59, false)] // 00:59 EST
    [InlineData(6, 0, true)] // 01:00 EST
    [InlineData(6, 59, true)] // 01:59 EST
    [InlineData(7, 0, true)] // 03:00 EDT: 02:xx never happens
    [InlineData(7, 29, true)] // 03:29 EDT
    [InlineData(7, 30, false)] // 03:30 EDT
    public void Evaluate_SpringForwardDay_RangeAcrossTheSkippedHour(int utcHour, int utcMinute, bool open)
    {
        Assert.Equal(open, IsOpen(Hours("01:00-03:30"), 3, 8, utcHour, utcMinute));
    }

    // 2026-11-01: New York falls back at 02:00 EDT (06:00 UTC) to 01:00 EST; after it, 9:00 local is 14:00 UTC.
    [Theory]
    [InlineData(13, 30, false)]
    [InlineData(14, 0, true)]
    [InlineData(21, 59, true)]
    [InlineData(22, 0, false)]
    public void Evaluate_FallBackDay_UsesStandardOffsetAfterTheSwitch(int utcHour, int utcMinute, bool open)
    {
        Assert.Equal(open, IsOpen(Hours("09:00-17:00"), 11, 1, utcHour, utcMinute));
    }

    [Theory]
    [InlineData(4, 59, false)] // 00:59 EDT
    [InlineData(5, 30, true)] // 01:30 EDT, first time
    [InlineData(6, 30, true)] // 01:30 EST, second time
    [InlineData(7, 0, false)] // 02:00 EST
    public void Evaluate_FallBackDay_RepeatedHourIsOpenBothTimes(int utcHour, int utcMinute, bool open)
    {
        Assert.Equal(open, IsOpen(Hours("01:00-02:00"), 11, 1, utcHour, utcMinute));
    }

    [Fact]
    public void Evaluate_HolidayByLocalDate_IsClosedAllDay()
    {
        var node = Hours("00:00-24:00", "2026-12-25");

        // 2026-12-26 03:00 UTC is still the 25th (22:00) in New York; 2026-12-25 03:00 UTC is the 24th there.
        var christmasEvening = BusinessHours.Evaluate(node, new DateTimeOffset(2026, 12, 26, 3, 0, 0, TimeSpan.Zero));
        var christmasEve = BusinessHours.Evaluate(node, new DateTimeOffset(2026, 12, 25, 3, 0, 0, TimeSpan.Zero));

        Assert.Equal((false, "holiday"), (christmasEvening.IsOpen, christmasEvening.Reason));
        Assert.Equal((true, "open"), (christmasEve.IsOpen, christmasEve.Reason));
    }

    [Fact]
    public void Evaluate_DayWithoutRanges_IsClosed()
    {
        var decision = BusinessHours.Evaluate(Hours("09:00-17:00"), new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));

        Assert.Equal((false, "closed-day"), (decision.IsOpen, decision.Reason));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    [InlineData(null)]
    public void Evaluate_BadTimeZone_IsClosed(string? zone)
    {
        var node = new HoursNode { TimeZone = zone, Weekly = new Dictionary<string, IReadOnlyList<string>> { ["monday"] = ["00:00-24:00"] } };

        var decision = BusinessHours.Evaluate(node, new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));

        Assert.Equal((false, "bad-time-zone"), (decision.IsOpen, decision.Reason));
    }

    [Theory]
    [InlineData("09:00-17:00", true)]
    [InlineData("00:00-24:00", true)]
    [InlineData("17:00-09:00", false)]
    [InlineData("09:00-09:00", false)]
    [InlineData("9:00-17:00", false)]
    [InlineData("09:60-17:00", false)]
    [InlineData("24:00-24:00", false)]
    [InlineData("09:00-24:30", false)]
    [InlineData("09:00", false)]
    [InlineData("", false)]
    public void TryParseRange_Formats(string text, bool valid)
    {
        Assert.Equal(valid, BusinessHours.TryParseRange(text, out _, out _, out _));
    }

    [Theory]
    [InlineData("America/New_York", true)]
    [InlineData("Europe/Berlin", true)]
    [InlineData("UTC", true)]
    [InlineData("Eastern Standard Time", false)]
    [InlineData("America/Nowhere", false)]
    public void TryFindTimeZone_AcceptsIanaIdsOnly(string id, bool valid)
    {
        Assert.Equal(valid, BusinessHours.TryFindTimeZone(id, out _, out _));
    }
}
