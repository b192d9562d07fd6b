using IvrService.Twilio.TwiML;

namespace IvrService.Twilio.Tests.TwiML;

public class PauseTests
{
    [Fact]
    public void Length_Written() => Assert.Equal("2", Render.Attributes(new Pause(2))["length"]);

    [Fact]
    public void Default_NoAttributes() => Assert.Empty(Render.Attributes(new Pause()));
}
