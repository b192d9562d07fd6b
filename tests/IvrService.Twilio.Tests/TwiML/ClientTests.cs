using IvrService.Twilio.TwiML;

namespace IvrService.Twilio.Tests.TwiML;

public class ClientTests
{
    [Fact]
    public void AllAttributes_WrittenWithTwilioNames()
    {
        var element = Render.Voice(new Dial().Append(new Client("alice")
        {
            Url = "https://x/whisper",
            Method = TwilioHttpMethod.Post,
            StatusCallback = "https://x/s",
            StatusCallbackMethod = TwilioHttpMethod.Get,
            StatusCallbackEvent = CallProgressEvent.Answered,
        })).Elements().Single();

        Assert.Equal("alice", element.Value);
        Assert.Equal(new Dictionary<string, string>
        {
            ["url"] = "https://x/whisper",
            ["method"] = "POST",
            ["statusCallback"] = "https://x/s",
            ["statusCallbackMethod"] = "GET",
            ["statusCallbackEvent"] = "answered",
        }, TwiMLAssert.Attributes(element));
    }
}
