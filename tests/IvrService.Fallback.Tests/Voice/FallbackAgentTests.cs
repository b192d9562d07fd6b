using System.Net;
using System.Xml.Linq;

namespace IvrService.Fallback.Tests.Voice;

/// <summary>
/// The sample's assistant (an agent node) when the primary fails: the fallback holds no agent sessions, so the caller
/// goes back to the menu, never to dead air; a handoff the primary could not take is taken here.
/// </summary>
public sealed class FallbackAgentTests
{
    private const string Menu = "https://primary.example.com/voice/continue?n=main&l=en-US";
    private const string AgentAction = "https://primary.example.com/voice/continue?n=assistant&l=en-US&b=main";

    private static XElement[] Verbs(XDocument twiml, string name) => [.. twiml.Root!.Elements(name)];

    [Fact]
    public async Task KeyZeroWhilePrimaryIsDown_IsTheMenuAgainNotAnAgentSession()
    {
        await using var app = new FallbackAppFactory();

        var (status, twiml, body) = await app.PostAsync("/fallback/voice", Webhooks.FailedCall("11205", Menu, ("Digits", "0")));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("ConversationRelay", body, StringComparison.Ordinal);
        var gather = Assert.Single(Verbs(twiml!, "Gather"));
        Assert.StartsWith("https://fallback.example.net/fallback/voice/continue?n=main", (string?)gather.Attribute("action"), StringComparison.Ordinal);
        Assert.Equal("https://fallback.example.net/fallback/audio/en-US/main-long.wav", gather.Element("Play")?.Value);
    }

    [Fact]
    public async Task FailedSessionsAction_GoesBackToTheMenu()
    {
        await using var app = new FallbackAppFactory();

        var (_, twiml, _) = await app.PostAsync("/fallback/voice", Webhooks.FailedCall("11200", AgentAction, ("SessionId", "VX1"), ("SessionStatus", "failed")));

        var gather = Assert.Single(Verbs(twiml!, "Gather"));
        Assert.StartsWith("https://fallback.example.net/fallback/voice/continue?n=main", (string?)gather.Attribute("action"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandoffThePrimaryCouldNotTake_IsTakenByTheFallback()
    {
        await using var app = new FallbackAppFactory();

        var (_, twiml, _) = await app.PostAsync("/fallback/voice",
            Webhooks.FailedCall("11200", AgentAction, ("SessionId", "VX1"), ("SessionStatus", "ended"), ("HandoffData", """{"reason":"transfer"}""")));

        var dial = Assert.Single(Verbs(twiml!, "Dial"));
        Assert.Equal("+15005550006", dial.Element("Number")?.Value);
    }
}
