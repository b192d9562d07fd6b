using IvrService.Twilio.Webhooks;

namespace IvrService.Twilio.Tests.Webhooks;

public class StatusCallbackRequestTests
{
    [Fact]
    public void FromForm_CompletedCall_ReadsVoiceAndStatusFields()
    {
        var request = StatusCallbackRequest.FromForm(FormBuilder.Of(
            ("CallSid", "CA1"), ("CallStatus", "completed"), ("CallDuration", "63"), ("Duration", "2"),
            ("Timestamp", "Mon, 16 Aug 2010 03:45:01 +0000"), ("CallbackSource", "call-progress-events"),
            ("SequenceNumber", "3"), ("RecordingUrl", "https://r"), ("UnknownField", "x")));

        Assert.Equal("CA1", request.CallSid);
        Assert.Equal(TwilioCallStatus.Completed, request.CallStatusValue);
        Assert.Equal(63, request.CallDurationValue);
        Assert.Equal(2, request.DurationValue);
        Assert.Equal(new DateTimeOffset(2010, 8, 16, 3, 45, 1, TimeSpan.Zero), request.TimestampValue);
        Assert.Equal("call-progress-events", request.CallbackSource);
        Assert.Equal(3, request.SequenceNumberValue);
        Assert.Equal("https://r", request.RecordingUrl);
    }

    [Theory]
    [InlineData("Tue, 3 Feb 2026 10:00:00 -0500", 2026, 2, 3, 15)]
    [InlineData("Tue, 03 Feb 2026 15:00:00 GMT", 2026, 2, 3, 15)]
    [InlineData("2026-02-03T15:00:00Z", 2026, 2, 3, 15)]
    public void TimestampValue_AcceptedForms(string raw, int year, int month, int day, int utcHour)
    {
        var value = StatusCallbackRequest.FromForm(FormBuilder.Of(("Timestamp", raw))).TimestampValue;

        Assert.NotNull(value);
        Assert.Equal(new DateTime(year, month, day, utcHour, 0, 0, DateTimeKind.Utc), value.Value.UtcDateTime);
    }

    [Theory]
    [InlineData("yesterday-ish")]
    [InlineData("   ")]
    public void TimestampValue_Garbage_IsNull(string raw) =>
        Assert.Null(StatusCallbackRequest.FromForm(FormBuilder.Of(("Timestamp", raw))).TimestampValue);

    [Fact]
    public void FromForm_GarbageNumbers_DoNotThrow()
    {
        var request = StatusCallbackRequest.FromForm(FormBuilder.Of(("CallDuration", "abc"), ("SequenceNumber", "-")));

        Assert.Null(request.CallDurationValue);
        Assert.Null(request.SequenceNumberValue);
        Assert.Equal("abc", request.CallDuration);
    }
}
