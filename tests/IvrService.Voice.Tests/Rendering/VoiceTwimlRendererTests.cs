using IvrService.Flow;
using IvrService.Twilio.TwiML;
using IvrService.Voice.Rendering;

namespace IvrService.Voice.Tests.Rendering;

public class VoiceTwimlRendererTests
{
    private static readonly Uri PublicBase = new("https://app.example.net/");

    [Fact]
    public void Render_Gather_UsesTheConfiguredPathStateAndExtraQuery()
    {
        var renderer = new VoiceTwimlRenderer(new SayPrompts(), "/fallback/voice/continue")
        {
            ExtraQuery = [new("m", "say")],
            SayVoice = "Polly.Joanna",
        };
        var state = new CallState("main", "es-US") { Failures = 1 };
        var turn = new IvrTurn(
            [new GatherStep([new PlayPromptStep("main-long", "es-US", "es-US/main-long.wav", "Para ventas, oprima 1.")], state, 5, 1, GatherInputMode.Dtmf, [], "es-US"),
             new RedirectStep(state with { Marker = CallStateMarker.NoInput })],
            "main", "es-US", "entered", ["main"]);

        var xml = renderer.Render(turn, PublicBase).ToString();

        Assert.Contains("action=\"https://app.example.net/fallback/voice/continue?n=main&amp;l=es-US&amp;f=1&amp;m=say\"", xml, StringComparison.Ordinal);
        Assert.Contains("<Say voice=\"Polly.Joanna\" language=\"es-US\">Para ventas, oprima 1.</Say>", xml, StringComparison.Ordinal);
        Assert.Contains("/fallback/voice/continue?n=main&amp;l=es-US&amp;f=1&amp;x=noinput&amp;m=say</Redirect>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void ActionUrl_DefaultPath_IsThePrimarysContinueRoute()
    {
        var renderer = new VoiceTwimlRenderer(new SayPrompts());

        Assert.Equal("https://app.example.net/voice/continue?n=sales&l=en-US", renderer.ActionUrl(new CallState("sales", "en-US"), PublicBase));
    }

    [Fact]
    public void Render_UnresolvedTextStep_SaysTheUnavailablePromptNeverTheSentOne()
    {
        var renderer = new VoiceTwimlRenderer(new SayPrompts());
        var text = new SendTextStep("link", "Book online.", "en-US", null, null, new SayStep("Sent!", "en-US"), new SayStep("Cannot text you.", "en-US"));
        var turn = new IvrTurn([text, HangupStep.Instance], "end", "en-US", "entered", ["link", "end"]);

        var xml = renderer.Render(turn, PublicBase).ToString();

        Assert.Contains("<Say language=\"en-US\">Cannot text you.</Say>", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("Sent!", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("Book online.", xml, StringComparison.Ordinal);
    }

    private sealed class SayPrompts : IPromptVerbs
    {
        public IGatherChild Prompt(PlayPromptStep step, Uri publicBase) => new Say(step.Text) { Language = step.Locale, Voice = "Polly.Joanna" };
    }

    [Theory]
    [InlineData("https://app.example.net/", "wss://app.example.net/voice/agent")]
    [InlineData("http://localhost:5080/", "ws://localhost:5080/voice/agent")]
    public void Render_BuiltinAgent_ConnectsConversationRelayToTheAppsOwnSocket(string publicBase, string socket)
    {
        var renderer = new VoiceTwimlRenderer(new SayPrompts());
        var state = new CallState("assistant", "es-US") { Back = ["main"] };
        var turn = new IvrTurn(
            [new ConnectAgentStep("assistant", AgentBackends.Builtin, null, "es-US", "¡Hola! \"Pregunte\"", "es-US-Neural2-A", "Google", "Deepgram", "any", true, ["horario", "a, b"], state)],
            "assistant", "es-US", "option", ["main", "assistant"]);

        var xml = renderer.Render(turn, new Uri(publicBase)).ToString();

        var action = publicBase.TrimEnd('/') + "/voice/continue?n=assistant&amp;l=es-US&amp;b=main";
        Assert.Contains($"<Connect action=\"{action}\" method=\"POST\"><ConversationRelay url=\"{socket}?n=assistant&amp;l=es-US&amp;b=main\" language=\"es-US\" ttsProvider=\"Google\" voice=\"es-US-Neural2-A\" transcriptionProvider=\"Deepgram\" welcomeGreeting=\"¡Hola! &quot;Pregunte&quot;\" interruptible=\"any\" dtmfDetection=\"true\" hints=\"horario,a  b\" /></Connect>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UrlAgent_ConnectsToItsOwnUrl()
    {
        var renderer = new VoiceTwimlRenderer(new SayPrompts());
        var state = new CallState("bot", "en-US");
        var turn = new IvrTurn([new ConnectAgentStep("bot", AgentBackends.Url, "wss://bot.example.com/relay", "en-US", null, null, null, null, null, false, [], state)], "bot", "en-US", "option", ["bot"]);

        var xml = renderer.Render(turn, PublicBase).ToString();

        Assert.Contains("<ConversationRelay url=\"wss://bot.example.com/relay\" language=\"en-US\" />", xml, StringComparison.Ordinal);
    }
}
