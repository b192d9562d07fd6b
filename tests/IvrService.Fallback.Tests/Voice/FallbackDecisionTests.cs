using IvrService.Fallback.Voice;
using IvrService.Flow;
using IvrService.Testing;
using Microsoft.Extensions.Time.Testing;

namespace IvrService.Fallback.Tests.Voice;

/// <summary>
/// <see cref="FallbackVoice.Decide"/> is a pure function of the flow, the mode and the request: the same inputs give
/// the same decision, with no logger, metrics or HTTP context involved.
/// </summary>
public sealed class FallbackDecisionTests
{
    private static readonly string[] Primary = ["ivr.example.com"];

    private static readonly FlowEngine Engine = new(
        FlowLoader.Load(RepoPaths.SampleFlow).Flow!,
        new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void NoFlow_Apology_InTheConfiguredMode()
    {
        var decision = Decide(null, LastResortMode.Voicemail, "https://ivr.example.com/voice");

        Assert.Equal(("apology+voicemail", "flow unavailable", null), (decision.Name, decision.Reason, decision.Turn));
    }

    [Theory]
    [InlineData(null, "no ErrorUrl")]
    [InlineData("https://evil.example.net/voice", "ErrorUrl not an allow-listed primary")]
    [InlineData("https://ivr.example.com/sms", "ErrorUrl is not a flow route")]
    public void NotResumable_Apology_WithTheReason(string? errorUrl, string reason)
    {
        var decision = Decide(Engine, LastResortMode.Transfer, errorUrl);

        Assert.Equal(("apology+transfer", reason), (decision.Name, decision.Reason));
        Assert.Null(decision.Turn);
    }

    [Fact]
    public void IncomingCallFailed_ResumesAtTheStart()
    {
        var decision = Decide(Engine, LastResortMode.Auto, "https://ivr.example.com/voice");

        Assert.Equal(("resumed", "at start"), (decision.Name, decision.Reason));
        Assert.Equal(Engine.Start().Path, decision.Turn!.Path);
        Assert.Null(decision.Decoded);
    }

    [Fact]
    public void IncomingCallFailed_VoiceUrlNamedALocale_StartsInIt()
    {
        var decision = Decide(Engine, LastResortMode.Auto, "https://ivr.example.com/voice?l=es-US");

        Assert.Equal("es-US", decision.Turn!.Locale);
        Assert.Equal("es-US/welcome.wav", decision.Turn.Steps.OfType<PlayPromptStep>().First().AudioKey);
    }

    [Fact]
    public void KeyPressFailed_AppliesTheAnswerAtTheStateInErrorUrl()
    {
        var state = Engine.Start().Steps.OfType<GatherStep>().Single().Next;
        var query = string.Join("&", state.ToQuery().Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));

        var decision = Decide(Engine, LastResortMode.Auto, "https://ivr.example.com/voice/continue?" + query, ("Digits", "3"));

        // Option 3 plays the opening hours, then the menu again: the turn ends at main, by way of hours-info.
        Assert.Equal(("resumed", "at main"), (decision.Name, decision.Reason));
        Assert.Contains("hours-info", decision.Turn!.Path);
        Assert.False(decision.Decoded!.Repaired);
        var again = Decide(Engine, LastResortMode.Auto, "https://ivr.example.com/voice/continue?" + query, ("Digits", "3"));
        Assert.Equal((decision.Name, decision.Reason, decision.Turn!.NodeId), (again.Name, again.Reason, again.Turn!.NodeId));
        Assert.Equal(decision.Turn.Path, again.Turn.Path);
    }

    [Fact]
    public void TamperedState_IsRepairedAndReported_NotApplied()
    {
        var decision = Decide(Engine, LastResortMode.Auto, "https://ivr.example.com/voice/continue?n=no-such-node&l=xx", ("Digits", "3"));

        Assert.Equal("resumed", decision.Name);
        Assert.True(decision.Decoded!.Repaired);
    }

    private static FallbackDecision Decide(FlowEngine? engine, LastResortMode mode, string? errorUrl, params (string Key, string? Value)[] parameters) =>
        FallbackVoice.Decide(engine, mode, errorUrl is not null, ErrorUrlInfo.Parse(errorUrl, Primary), parameters.ToDictionary(p => p.Key, p => p.Value));
}
