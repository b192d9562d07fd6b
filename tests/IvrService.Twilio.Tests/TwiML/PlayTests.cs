using IvrService.Twilio.TwiML;

namespace IvrService.Twilio.Tests.TwiML;

public class PlayTests
{
    [Fact]
    public void UrlAndAttributes_Written()
    {
        var element = Render.Voice(new Play("https://b.s3.amazonaws.com/en-US/welcome.wav?v=1&x=2") { Loop = 3, Digits = "1w2" });

        Assert.Equal("https://b.s3.amazonaws.com/en-US/welcome.wav?v=1&x=2", element.Value);
        Assert.Equal(new Dictionary<string, string> { ["loop"] = "3", ["digits"] = "1w2" }, TwiMLAssert.Attributes(element));
    }

    [Fact]
    public void DigitsOnly_HasNoText()
    {
        var element = Render.Voice(new Play { Digits = "wwww3" });

        Assert.Equal(string.Empty, element.Value);
        Assert.Equal("wwww3", TwiMLAssert.Attributes(element)["digits"]);
    }
}
