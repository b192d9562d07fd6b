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
}
