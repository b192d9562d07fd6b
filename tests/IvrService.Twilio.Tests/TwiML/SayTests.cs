using IvrService.Twilio.TwiML;

namespace IvrService.Twilio.Tests.TwiML;

public class SayTests
{
    [Fact]
    public void AllAttributes_WrittenWithTwilioNames()
    {
        var element = Render.Voice(new Say("Hello") { Voice = "Polly.Joanna", Language = "en-US", Loop = 0 });

        Assert.Equal("Say", element.Name.LocalName);
        Assert.Equal("Hello", element.Value);
        Assert.Equal(new Dictionary<string, string> { ["voice"] = "Polly.Joanna", ["language"] = "en-US", ["loop"] = "0" }, TwiMLAssert.Attributes(element));
    }

    [Fact]
    public void NoAttributesSet_NoneWritten() => Assert.Empty(Render.Attributes(new Say("x")));

    [Fact]
    public void NullText_WritesEmptyElement() => Assert.Equal(string.Empty, Render.Voice(new Say(null!)).Value);
}
