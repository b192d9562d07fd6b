using IvrService.Twilio.TwiML;

namespace IvrService.Twilio.Tests.TwiML;

public class GatherTests
{
    [Fact]
    public void AllAttributes_WrittenWithTwilioNamesAndFormats()
    {
        var gather = new Gather
        {
            Action = "/voice/menu?n=main&a=1",
            Method = TwilioHttpMethod.Get,
            Timeout = 7,
            NumDigits = 1,
            FinishOnKey = "",
            Input = GatherInput.Dtmf | GatherInput.Speech,
            Language = "es-MX",
            Hints = "sales, support",
            SpeechTimeout = "auto",
            MaxSpeechTime = 45,
            ProfanityFilter = false,
            PartialResultCallback = "https://x/partial",
            PartialResultCallbackMethod = TwilioHttpMethod.Post,
            ActionOnEmptyResult = true,
            SpeechModel = "phone_call",
            Enhanced = true,
            BargeIn = false,
            Debug = true,
        };

        var expected = new Dictionary<string, string>
        {
            ["action"] = "/voice/menu?n=main&a=1",
            ["method"] = "GET",
            ["timeout"] = "7",
            ["numDigits"] = "1",
            ["finishOnKey"] = "",
            ["input"] = "dtmf speech",
            ["language"] = "es-MX",
            ["hints"] = "sales, support",
            ["speechTimeout"] = "auto",
            ["maxSpeechTime"] = "45",
            ["profanityFilter"] = "false",
            ["partialResultCallback"] = "https://x/partial",
            ["partialResultCallbackMethod"] = "POST",
            ["actionOnEmptyResult"] = "true",
            ["speechModel"] = "phone_call",
            ["enhanced"] = "true",
            ["bargeIn"] = "false",
            ["debug"] = "true",
        };
        Assert.Equal(expected, Render.Attributes(gather));
    }

    [Theory]
    [InlineData(GatherInput.Dtmf, "dtmf")]
    [InlineData(GatherInput.Speech, "speech")]
    [InlineData(GatherInput.Dtmf | GatherInput.Speech, "dtmf speech")]
    public void Input_WireValues(GatherInput input, string expected) =>
        Assert.Equal(expected, Render.Attributes(new Gather { Input = input })["input"]);

    [Fact]
    public void Input_Zero_NotWritten() => Assert.DoesNotContain("input", Render.Attributes(new Gather { Input = 0 }).Keys);

    [Fact]
    public void Input_UndefinedFlag_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new VoiceResponse().Append(new Gather { Input = (GatherInput)8 }).ToString());

    [Fact]
    public void Children_SayPlayPause_InOrder()
    {
        var gather = new Gather { NumDigits = 1 }
            .Say("Press one", voice: "alice", language: "en-GB", loop: 2)
            .Pause(1)
            .Play("https://x/a.wav", loop: 1)
            .Append(new Say("or two"));

        var element = Render.Voice(gather);

        Assert.Equal(["Say", "Pause", "Play", "Say"], element.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(4, gather.Children.Count);
        Assert.Equal("Press one", element.Elements().First().Value);
        Assert.Equal("alice", TwiMLAssert.Attributes(element.Elements().First())["voice"]);
    }

    [Fact]
    public void NoChildren_NoAttributes_EmptyElement()
    {
        var element = Render.Voice(new Gather());

        Assert.Empty(element.Attributes());
        Assert.Empty(element.Elements());
    }
}
