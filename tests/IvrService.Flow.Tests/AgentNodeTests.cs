using Microsoft.Extensions.Time.Testing;

namespace IvrService.Flow.Tests;

public sealed class AgentNodeTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));

    private static (FlowEngine Engine, ConnectAgentStep Step) AtAgent(string? locale = null, bool agents = true)
    {
        var engine = new FlowEngine(TestAgentFlow.Flow, Clock, agents);
        var start = engine.Start(locale);
        var pressed = engine.Continue(Assert.Single(start.Steps.OfType<GatherStep>()).Next, CallInput.Digits("0"));
        return (engine, pressed.Steps.OfType<ConnectAgentStep>().SingleOrDefault()!);
    }

    [Fact]
    public void Enter_BuiltinAgent_ConnectsWithTheSessionResolvedForTheLocale()
    {
        var (_, en) = AtAgent();
        var (_, es) = AtAgent("es-US");

        Assert.Equal(("assistant", AgentBackends.Builtin, (string?)null, "en-US"), (en.NodeId, en.Backend, en.Url, en.Locale));
        Assert.Equal(("Hi! Ask me about our hours or booking.", "en-US-Journey-O", "Google", "any", true),
            (en.WelcomeGreeting, en.Voice, en.TtsProvider, en.Interruptible, en.DtmfDetection));
        // The node's hints, then every intent's examples, once each.
        Assert.Equal(["Example Company", "opening hours", "when are you open", "horario", "booking", "link", "enlace", "talk to a person", "0", "persona", "leave a message"], en.Hints);
        Assert.Equal(("¡Hola! Pregunte por el horario.", "es-US", "en-US-Journey-O"), (es.WelcomeGreeting, es.Locale, es.Voice));
        // The session's end comes back to the agent node, with the menu the caller came from on the back stack.
        Assert.Equal("assistant", en.Next.NodeId);
        Assert.Equal(["main"], en.Next.Back);
    }

    [Theory]
    [InlineData("sales", null, "sales")]          // a target that names a handoff key
    [InlineData(null, "transfer", "sales")]       // the reason
    [InlineData("nowhere", "voicemail", "vm")]    // the target unknown: the reason decides
    [InlineData(null, "dance", "main")]           // nothing maps and no default: back to the menu the caller came from
    [InlineData(null, null, "main")]
    public void Continue_AfterHandoff_GoesWhereTheHandoffSays(string? target, string? reason, string expectedNode)
    {
        var flow = TestAgentFlow.Flow;
        ((AgentNode)flow.Nodes["assistant"]).OnHandoff = new Dictionary<string, string> { ["transfer"] = "sales", ["voicemail"] = "vm", ["sales"] = "sales" };
        var engine = new FlowEngine(flow, Clock);
        var (_, step) = AtAgent();

        var turn = engine.Continue(step.Next, CallInput.AgentEnded(target, reason));

        Assert.Equal(expectedNode, turn.NodeId);
        Assert.Equal(expectedNode == "main" ? "agent-returned" : "handoff", turn.Outcome);
        Assert.Equal("assistant", turn.Path[0]);
    }

    [Fact]
    public void Continue_FailedSession_GoesBackToTheMenuOrOnError()
    {
        var (engine, step) = AtAgent();

        Assert.Equal(("main", "agent-failed"), (engine.Continue(step.Next, CallInput.AgentEnded(null, null, failed: true)) is var t ? (t.NodeId, t.Outcome) : default));

        var flow = TestAgentFlow.Flow;
        ((AgentNode)flow.Nodes["assistant"]).OnError = "vm";
        var withOnError = new FlowEngine(flow, Clock).Continue(step.Next, CallInput.AgentEnded(null, null, failed: true));
        Assert.Equal("vm", withOnError.NodeId);
        Assert.Contains(withOnError.Steps, s => s is RecordStep);
    }

    [Fact]
    public void Continue_DefaultHandoff_CatchesEveryOtherReason()
    {
        var flow = TestAgentFlow.Flow;
        ((AgentNode)flow.Nodes["assistant"]).OnHandoff = new Dictionary<string, string> { ["transfer"] = "sales", [AgentNode.DefaultHandoff] = "bye" };
        var engine = new FlowEngine(flow, Clock);
        var (_, step) = AtAgent();

        Assert.Equal("bye", engine.Continue(step.Next, CallInput.AgentEnded(null, "idle")).NodeId);
    }

    [Fact]
    public void Enter_WithoutAgents_IsTheWayBackToTheNearestMenu()
    {
        var engine = new FlowEngine(TestAgentFlow.Flow, Clock, agents: false);
        var start = engine.Start();

        var pressed = engine.Continue(Assert.Single(start.Steps.OfType<GatherStep>()).Next, CallInput.Digits("0"));

        Assert.DoesNotContain(pressed.Steps, s => s is ConnectAgentStep);
        Assert.Equal(("main", "agent-unavailable"), (pressed.NodeId, pressed.Outcome));
        Assert.Single(pressed.Steps.OfType<GatherStep>());
    }

    [Fact]
    public void Answerer_MatchesWholeWordsAndAnswersFromTheFlowInTheCallsLocale()
    {
        var flow = TestAgentFlow.Flow;
        var agent = (AgentNode)flow.Nodes["assistant"];
        var en = new BuiltinAgentAnswerer(flow, agent, "en-US");
        var es = new BuiltinAgentAnswerer(flow, agent, "es-US");

        Assert.Equal(new AgentReply("We are open 9 to 5.", null, "hours"), en.Answer("What are your Opening Hours?"));
        Assert.Equal(new AgentReply("Here is our link: https://example.com/book", null, "link"), en.Answer("can you text me the booking link"));
        Assert.Equal(new AgentReply("Nuestro enlace: https://example.com/reservar", null, "link"), es.Answer("el enlace por favor"));
        Assert.Equal(new AgentReply("Abrimos de 9 a 5.", null, "hours"), es.Answer("¿horario?"));
        Assert.Equal(new AgentReply("Connecting you.", "transfer", "person"), en.Answer("I want to talk to a person"));
        Assert.Equal(new AgentReply(null, "voicemail", "message"), en.Answer("leave a message"));
        Assert.Equal(new AgentReply("Connecting you.", "transfer", "person"), en.Answer("0"));
    }

    [Fact]
    public void Answerer_NoMatch_RepliesThenHandsOffAfterMaxNoMatchInARow()
    {
        var flow = TestAgentFlow.Flow;
        var answerer = new BuiltinAgentAnswerer(flow, (AgentNode)flow.Nodes["assistant"], "en-US");

        // "shours" is no whole word "hours"; an over-long utterance is no match either.
        Assert.Equal(new AgentReply("Sorry, ask me about hours or booking.", null), answerer.Answer("shours"));
        Assert.Equal("hours", answerer.Answer("opening hours").Intent);
        Assert.Null(answerer.Answer(new string('a', BuiltinAgentAnswerer.MaxUtteranceLength + 1)).Handoff);
        Assert.Equal(new AgentReply("Sorry, ask me about hours or booking.", AgentNode.DefaultHandoff), answerer.Answer(""));
    }

    [Fact]
    public void Validate_AgentFlow_HasNoErrors() => Assert.DoesNotContain(FlowValidator.Validate(TestAgentFlow.Flow), p => p.Severity == FlowProblemSeverity.Error);

    [Theory]
    [InlineData("\"backend\": \"builtin\"", "\"backend\": \"llm\"", "$.nodes.assistant.backend", FlowProblemCodes.AgentInvalid)]
    [InlineData("\"backend\": \"builtin\"", "\"description\": \"no backend\"", "$.nodes.assistant.backend", FlowProblemCodes.ValueMissing)]
    [InlineData("\"backend\": \"builtin\"", "\"backend\": \"url\", \"url\": \"https://bot.example.com\"", "$.nodes.assistant.url", FlowProblemCodes.BadUrl)]
    [InlineData("\"backend\": \"builtin\"", "\"backend\": \"builtin\", \"url\": \"wss://bot.example.com\"", "$.nodes.assistant.url", FlowProblemCodes.AgentInvalid)]
    [InlineData("\"interruptible\": \"any\"", "\"interruptible\": \"always\"", "$.nodes.assistant.interruptible", FlowProblemCodes.AgentInvalid)]
    [InlineData("\"sayText\": \"text-link\"", "\"sayText\": \"bye\"", "$.nodes.assistant.intents[1].sayText", FlowProblemCodes.UnknownNode)]
    [InlineData("\"sayPrompt\": \"hours\"", "\"sayPrompt\": \"nope\"", "$.nodes.assistant.intents[0].sayPrompt", FlowProblemCodes.PromptUnknown)]
    [InlineData("\"voicemail\": \"vm\"", "\"voicemail\": \"nowhere\"", "$.nodes.assistant.onHandoff['voicemail']", FlowProblemCodes.UnknownNode)]
    [InlineData("\"examples\": [\"leave a message\"], ", "", "$.nodes.assistant.intents[3].examples", FlowProblemCodes.ValueMissing)]
    [InlineData("\"maxNoMatch\": 2", "\"maxNoMatch\": 0", "$.nodes.assistant.maxNoMatch", FlowProblemCodes.OutOfRange)]
    public void Validate_BrokenAgent_IsReportedWhereItIs(string original, string replacement, string path, string code)
    {
        Assert.Contains(original, TestAgentFlow.Json, StringComparison.Ordinal);
        var flow = FlowLoader.Parse(TestAgentFlow.Json.Replace(original, replacement, StringComparison.Ordinal)).Flow!;

        var problems = FlowValidator.Validate(flow);

        Assert.Contains(problems, p => p.Location == path && p.Code == code && p.Severity == FlowProblemSeverity.Error);
    }

    [Fact]
    public void Graph_Agent_DrawsEachHandoffAndTheWayBack()
    {
        var graph = FlowGraph.Build(TestAgentFlow.Flow);

        Assert.Equal("agent, built-in, 4 intents", graph.Nodes.Single(n => n.Id == "assistant").Label);
        Assert.Equal(
            [("transfer", "sales", FlowGraphEdgeKind.Handoff), ("voicemail", "vm", FlowGraphEdgeKind.Handoff), ("error / no handoff", "main", FlowGraphEdgeKind.AgentReturn)],
            graph.Edges.Where(e => e.From == "assistant").Select(e => (e.Label, e.To, e.Kind)));
        Assert.True(graph.Edges.Single(e => e.From == "assistant" && e.Kind == FlowGraphEdgeKind.AgentReturn).IsSidePath);
    }
}
