using IvrService.Twilio.TwiML;

namespace IvrService.Twilio.Tests.TwiML;

public class DialTests
{
    [Fact]
    public void PlainNumber_IsElementText()
    {
        var element = Render.Voice(new Dial("+15005550006") { CallerId = "+15005550001", Timeout = 20 });

        Assert.Equal("+15005550006", element.Value);
        Assert.Empty(element.Elements());
        Assert.Equal(new Dictionary<string, string> { ["callerId"] = "+15005550001", ["timeout"] = "20" }, TwiMLAssert.Attributes(element));
    }

    [Fact]
    public void AllAttributes_WrittenWithTwilioNamesAndFormats()
    {
        var dial = new Dial("+1")
        {
            Action = "/voice/dial-done",
            Method = TwilioHttpMethod.Post,
            Timeout = 25,
            CallerId = "+15005550001",
            HangupOnStar = true,
            TimeLimit = 600,
            Record = DialRecord.RecordFromAnswerDual,
            Trim = TrimMode.DoNotTrim,
            RecordingStatusCallback = "https://x/rec",
            RecordingStatusCallbackMethod = TwilioHttpMethod.Get,
            RecordingStatusCallbackEvent = RecordingEvent.InProgress | RecordingEvent.Completed | RecordingEvent.Absent,
            RecordingTrack = RecordingTrack.Inbound,
            AnswerOnBridge = true,
            RingTone = "de",
            Sequential = false,
            ReferUrl = "https://x/refer",
            ReferMethod = TwilioHttpMethod.Get,
        };

        var expected = new Dictionary<string, string>
        {
            ["action"] = "/voice/dial-done",
            ["method"] = "POST",
            ["timeout"] = "25",
            ["callerId"] = "+15005550001",
            ["hangupOnStar"] = "true",
            ["timeLimit"] = "600",
            ["record"] = "record-from-answer-dual",
            ["trim"] = "do-not-trim",
            ["recordingStatusCallback"] = "https://x/rec",
            ["recordingStatusCallbackMethod"] = "GET",
            ["recordingStatusCallbackEvent"] = "in-progress completed absent",
            ["recordingTrack"] = "inbound",
            ["answerOnBridge"] = "true",
            ["ringTone"] = "de",
            ["sequential"] = "false",
            ["referUrl"] = "https://x/refer",
            ["referMethod"] = "GET",
        };
        Assert.Equal(expected, Render.Attributes(dial));
    }

    [Theory]
    [InlineData(DialRecord.DoNotRecord, "do-not-record")]
    [InlineData(DialRecord.RecordFromAnswer, "record-from-answer")]
    [InlineData(DialRecord.RecordFromRinging, "record-from-ringing")]
    [InlineData(DialRecord.RecordFromAnswerDual, "record-from-answer-dual")]
    [InlineData(DialRecord.RecordFromRingingDual, "record-from-ringing-dual")]
    public void Record_WireValues(DialRecord record, string expected) =>
        Assert.Equal(expected, Render.Attributes(new Dial("+1") { Record = record })["record"]);

    [Theory]
    [InlineData(RecordingTrack.Both, "both")]
    [InlineData(RecordingTrack.Inbound, "inbound")]
    [InlineData(RecordingTrack.Outbound, "outbound")]
    public void RecordingTrack_WireValues(RecordingTrack track, string expected) =>
        Assert.Equal(expected, Render.Attributes(new Dial("+1") { RecordingTrack = track })["recordingTrack"]);

    [Fact]
    public void Nouns_WrittenAsChildrenInOrder()
    {
        var dial = new Dial { Sequential = true }
            .Append(new Number("+15005550006"))
            .Append(new Client("agent-7"))
            .Append(new Sip("sip:desk@example.com"));

        var element = Render.Voice(dial);

        Assert.Equal(["Number", "Client", "Sip"], element.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(["+15005550006", "agent-7", "sip:desk@example.com"], element.Elements().Select(e => e.Value));
        Assert.Equal(3, dial.Nouns.Count);
    }

    [Fact]
    public void Append_AfterPlainNumber_Throws() =>
        Assert.Throws<InvalidOperationException>(() => new Dial("+1").Append(new Number("+2")));
}
