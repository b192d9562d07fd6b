using IvrService.Cli.Scenarios;
using IvrService.Cli.Simulator;
using IvrService.Flow;
using IvrService.Testing;

namespace IvrService.Cli.Tests.Simulator;

/// <summary>
/// The simulator's side of ConversationRelay with an <c>ivr call</c>-style script: the Gather script talks to the
/// agent (words as prompts), the agent's answers are in the transcript, and its handoff is posted to the action.
/// </summary>
public sealed class RelayClientTests
{
    private static readonly FlowDefinition Flow = FlowLoader.Load(RepoPaths.SampleFlow).Flow!;

    private static async Task<CallTranscript> CallAsync(string script)
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));
        var line = new LocalLine(new FlowEngine(Flow, clock), clock, _ => { }, (_, _) => { });
        var simulator = new CallSimulator(new CallSimulatorOptions
        {
            VoiceUrl = LocalLine.VoiceUrl(null),
            HandlerFactory = () => line,
            RelayConnector = line.ConnectAgentAsync,
            Input = ScriptedCallerInput.Parse(script),
        });
        return await simulator.RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Script_TalksToTheAgentAndFollowsItsHandoff()
    {
        var transcript = await CallAsync("0,speech:what are your opening hours,speech:I want to leave a message");

        var said = transcript.Events.Where(e => e.Kind == CallEventKind.AgentSays).Select(e => e.Text).ToList();
        Assert.StartsWith("Hi! Ask me about our opening hours", said[0], StringComparison.Ordinal);
        Assert.StartsWith("We are open Monday to Friday", said[1], StringComparison.Ordinal);
        var end = Assert.Single(transcript.Events, e => e.Kind == CallEventKind.AgentEnd);
        Assert.Equal("handoffData {\"reason\":\"voicemail\"}", end.Detail);
        // The handoff's action: posted with HandoffData, answered with the voicemail's prompt and a <Record>.
        var action = Assert.Single(transcript.Events, e => e.Kind == CallEventKind.Request && e.Parameters?.ContainsKey("HandoffData") == true);
        Assert.Contains("n=assistant", action.Url, StringComparison.Ordinal);
        Assert.Equal("{\"reason\":\"voicemail\"}", action.Parameters!["HandoffData"]);
        Assert.Contains(transcript.Events, e => e.Kind == CallEventKind.Record);
    }

    [Fact]
    public async Task Script_RunningOut_HangsUpDuringTheSession()
    {
        var transcript = await CallAsync("0");

        Assert.Equal(CallOutcome.CallerHangup, transcript.Outcome);
        Assert.Equal("caller hung up during the agent session", transcript.OutcomeDetail);
    }

    private sealed class FixedClock(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }
}
