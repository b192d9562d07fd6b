using IvrService.Twilio.TwiML;

namespace IvrService.Twilio.Tests.TwiML;

public class SipTests
{
    [Fact]
    public void AllAttributes_WrittenWithTwilioNames()
    {
        var element = Render.Voice(new Dial().Append(new Sip("sip:desk@example.com;transport=tls")
        {
            Username = "u",
            Password = "p&<",
            Url = "https://x/u",
            Method = TwilioHttpMethod.Get,
            StatusCallback = "https://x/s",
            StatusCallbackMethod = TwilioHttpMethod.Post,
            StatusCallbackEvent = CallProgressEvent.Initiated | CallProgressEvent.Completed,
            MachineDetection = "DetectMessageEnd",
            AmdStatusCallback = "https://x/amd",
            AmdStatusCallbackMethod = TwilioHttpMethod.Post,
            MachineDetectionTimeout = 10,
        })).Elements().Single();

        Assert.Equal("sip:desk@example.com;transport=tls", element.Value);
        Assert.Equal(new Dictionary<string, string>
        {
            ["username"] = "u",
            ["password"] = "p&<",
            ["url"] = "https://x/u",
            ["method"] = "GET",
            ["statusCallback"] = "https://x/s",
            ["statusCallbackMethod"] = "POST",
            ["statusCallbackEvent"] = "initiated completed",
            ["machineDetection"] = "DetectMessageEnd",
            ["amdStatusCallback"] = "https://x/amd",
            ["amdStatusCallbackMethod"] = "POST",
            ["machineDetectionTimeout"] = "10",
        }, TwiMLAssert.Attributes(element));
    }
}
