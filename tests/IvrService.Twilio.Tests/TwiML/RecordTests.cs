using IvrService.Twilio.TwiML;
using Record = IvrService.Twilio.TwiML.Record;

namespace IvrService.Twilio.Tests.TwiML;

public class RecordTests
{
    [Fact]
    public void AllAttributes_WrittenWithTwilioNames()
    {
        var record = new Record
        {
            Action = "/voice/voicemail-done",
            Method = TwilioHttpMethod.Post,
            Timeout = 5,
            FinishOnKey = "#*",
            MaxLength = 120,
            PlayBeep = true,
            Trim = TrimMode.TrimSilence,
            RecordingStatusCallback = "https://x/r",
            RecordingStatusCallbackMethod = TwilioHttpMethod.Get,
            RecordingStatusCallbackEvent = RecordingEvent.Completed,
            Transcribe = false,
            TranscribeCallback = "https://x/t",
        };

        Assert.Equal(new Dictionary<string, string>
        {
            ["action"] = "/voice/voicemail-done",
            ["method"] = "POST",
            ["timeout"] = "5",
            ["finishOnKey"] = "#*",
            ["maxLength"] = "120",
            ["playBeep"] = "true",
            ["trim"] = "trim-silence",
            ["recordingStatusCallback"] = "https://x/r",
            ["recordingStatusCallbackMethod"] = "GET",
            ["recordingStatusCallbackEvent"] = "completed",
            ["transcribe"] = "false",
            ["transcribeCallback"] = "https://x/t",
        }, Render.Attributes(record));
    }

    [Fact]
    public void Record_HasNoChildrenOrText() => Assert.True(Render.Voice(new Record()).IsEmpty);
}
