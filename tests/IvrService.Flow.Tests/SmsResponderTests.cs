namespace IvrService.Flow.Tests;

public class SmsResponderTests
{
    private static readonly SmsResponder Responder = new(TestFlows.Sample);

    [Theory]
    [InlineData("HOURS")]
    [InlineData("hours")]
    [InlineData("  Hours?  ")]
    [InlineData("open")]
    [InlineData("Open!")]
    public void Reply_HoursKeywordAndAliases_AnswerWithHours(string body)
    {
        var reply = Responder.Reply(body);

        Assert.Equal(("keyword", "HOURS"), (reply.Outcome, reply.Keyword));
        Assert.StartsWith("Example Co. is open", reply.Text);
    }

    [Fact]
    public void Reply_SpanishLocale_UsesSpanishText()
    {
        var reply = Responder.Reply("horario", "es-US");

        Assert.StartsWith("Example Co. abre", reply.Text);
    }

    [Fact]
    public void Reply_UnknownLocale_FallsBackToDefaultLocale()
    {
        Assert.StartsWith("Example Co.: call", Responder.Reply("help", "de-DE").Text);
    }

    [Theory]
    [InlineData("STOP")]
    [InlineData("stop")]
    [InlineData(" Unsubscribe ")]
    [InlineData("START")]
    public void Reply_OptOutKeywords_SendNoReply(string body)
    {
        var reply = Responder.Reply(body);

        Assert.Equal((null, "opt-out"), (reply.Text, reply.Outcome));
    }

    [Theory]
    [InlineData("what time do you open")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("🙂")]
    public void Reply_NoKeyword_SendsDefaultReply(string? body)
    {
        var reply = Responder.Reply(body);

        Assert.Equal("default", reply.Outcome);
        Assert.StartsWith("Thanks for your message", reply.Text);
    }

    [Fact]
    public void Reply_HugeBody_IsTheDefaultReply()
    {
        var reply = Responder.Reply("HOURS" + new string(' ', 10_000) + "x");

        Assert.Equal("default", reply.Outcome);
    }

    [Fact]
    public void Reply_FlowWithoutSms_SendsNothing()
    {
        var reply = new SmsResponder(TestFlows.Parse(TestFlows.MenuFlowJson())).Reply("HOURS");

        Assert.Equal((null, "no-reply"), (reply.Text, reply.Outcome));
    }
}
