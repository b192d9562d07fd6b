using IvrService.Twilio.TwiML;

namespace IvrService.Twilio.Tests.TwiML;

public class NumberTests
{
    [Fact]
    public void AllAttributes_WrittenWithTwilioNames()
    {
        var number = new Number("+15005550006")
        {
            SendDigits = "ww1928",
            Url = "https://x/screen",
            Method = TwilioHttpMethod.Get,
            StatusCallback = "https://x/status",
            StatusCallbackMethod = TwilioHttpMethod.Post,
            StatusCallbackEvent = CallProgressEvent.Initiated | CallProgressEvent.Ringing | CallProgressEvent.Answered | CallProgressEvent.Completed,
            Byoc = "BY1",
            MachineDetection = "Enable",
            AmdStatusCallback = "https://x/amd",
            AmdStatusCallbackMethod = TwilioHttpMethod.Get,
            MachineDetectionTimeout = 30,
            MachineDetectionSpeechThreshold = 2400,
            MachineDetectionSpeechEndThreshold = 1200,
            MachineDetectionSilenceTimeout = 5000,
        };

        var element = Render.Voice(new Dial().Append(number)).Elements().Single();

        Assert.Equal("+15005550006", element.Value);
        Assert.Equal(new Dictionary<string, string>
        {
            ["sendDigits"] = "ww1928",
            ["url"] = "https://x/screen",
            ["method"] = "GET",
            ["statusCallback"] = "https://x/status",
            ["statusCallbackMethod"] = "POST",
            ["statusCallbackEvent"] = "initiated ringing answered completed",
            ["byoc"] = "BY1",
            ["machineDetection"] = "Enable",
            ["amdStatusCallback"] = "https://x/amd",
            ["amdStatusCallbackMethod"] = "GET",
            ["machineDetectionTimeout"] = "30",
            ["machineDetectionSpeechThreshold"] = "2400",
            ["machineDetectionSpeechEndThreshold"] = "1200",
            ["machineDetectionSilenceTimeout"] = "5000",
        }, TwiMLAssert.Attributes(element));
    }

    [Fact]
    public void StatusCallbackEvent_Subset_InTwilioOrder()
    {
        var element = Render.Voice(new Dial().Append(new Number("+1") { StatusCallbackEvent = CallProgressEvent.Completed | CallProgressEvent.Ringing }))
            .Elements().Single();

        Assert.Equal("ringing completed", TwiMLAssert.Attributes(element)["statusCallbackEvent"]);
    }
}
