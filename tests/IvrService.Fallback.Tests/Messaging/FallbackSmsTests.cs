using System.Net;

namespace IvrService.Fallback.Tests.Messaging;

/// <summary>One short reply when the primary's Messaging URL failed.</summary>
public class FallbackSmsTests
{
    [Fact]
    public async Task Incoming_FlowLoaded_RepliesWithTheFlowsDefaultReply()
    {
        await using var app = new FallbackAppFactory();

        var (status, twiml, _) = await app.PostAsync("/fallback/sms", Webhooks.FailedMessage("11200", "https://primary.example.com/sms", "hello?"));

        Assert.Equal(HttpStatusCode.OK, status);
        var message = Assert.Single(twiml!.Root!.Elements("Message"));
        Assert.StartsWith("Thanks for your message!", message.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Incoming_Keyword_RepliesWithTheKeywordsReply()
    {
        await using var app = new FallbackAppFactory();

        var (_, twiml, _) = await app.PostAsync("/fallback/sms", Webhooks.FailedMessage("11205", null, "hours"));

        Assert.Contains("open Mon-Fri", Assert.Single(twiml!.Root!.Elements("Message")).Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Incoming_OptOutKeyword_SendsNoReply()
    {
        await using var app = new FallbackAppFactory();

        var (status, twiml, _) = await app.PostAsync("/fallback/sms", Webhooks.FailedMessage("11205", null, "STOP"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(twiml!.Root!.Elements());
    }

    [Fact]
    public async Task Incoming_NoFlow_RepliesWithTheFixedText()
    {
        await using var app = new FallbackAppFactory().With("Fallback:FlowPath", "");

        var (_, twiml, _) = await app.PostAsync("/fallback/sms", Webhooks.FailedMessage("garbage", "%%%", "hello"));

        Assert.Equal("Sorry, we can't answer messages right now. Please try again later.", Assert.Single(twiml!.Root!.Elements("Message")).Value);
        var logged = Assert.Single(app.Logs.Events, e => e.Properties.ContainsKey("ErrorUrl") && e.Properties.ContainsKey("MessageSid"));
        Assert.Equal("0", Testing.Logging.InMemoryLogSink.Property(logged, "ErrorCode"));
    }
}
