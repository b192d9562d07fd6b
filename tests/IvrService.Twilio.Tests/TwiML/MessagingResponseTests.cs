using IvrService.Twilio.TwiML;

namespace IvrService.Twilio.Tests.TwiML;

public class MessagingResponseTests
{
    [Fact]
    public void Message_PlainText_WithAllAttributes()
    {
        var element = Render.Messaging(new Message("Thanks & bye <3")
        {
            To = "+15005550006",
            From = "+15005550001",
            Action = "/sms/done",
            Method = TwilioHttpMethod.Get,
            StatusCallback = "https://x/s",
        });

        Assert.Equal("Thanks & bye <3", element.Value);
        Assert.Empty(element.Elements());
        Assert.Equal(new Dictionary<string, string>
        {
            ["to"] = "+15005550006",
            ["from"] = "+15005550001",
            ["action"] = "/sms/done",
            ["method"] = "GET",
            ["statusCallback"] = "https://x/s",
        }, TwiMLAssert.Attributes(element));
    }

    [Fact]
    public void Message_BodyAndMedia_AreChildrenInOrder()
    {
        var element = Render.Messaging(new Message().Body("See attached").Media("https://x/a.jpg").Media("https://x/b.png?x=1&y=2"));

        Assert.Equal(["Body", "Media", "Media"], element.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(["See attached", "https://x/a.jpg", "https://x/b.png?x=1&y=2"], element.Elements().Select(e => e.Value));
    }

    [Fact]
    public void Message_TextThenBody_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => new Message("t").Body("b"));
        Assert.Throws<InvalidOperationException>(() => new Message("t").Media("https://x"));
    }

    [Fact]
    public void MessageAndRedirect_Shortcuts()
    {
        var root = TwiMLAssert.Root(new MessagingResponse().Message("one").Redirect("/sms/next", TwilioHttpMethod.Post).ToString());

        Assert.Equal(["Message", "Redirect"], root.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("POST", root.Elements().Last().Attribute("method")!.Value);
    }
}
