using IvrService.Cli.Scenarios;
using IvrService.Flow;
using IvrService.Testing;

namespace IvrService.Cli.Tests.Scenarios;

public sealed class ScenarioFileTests
{
    private static readonly FlowDefinition Flow = FlowLoader.Load(RepoPaths.SampleFlow).Flow!;

    private static ScenarioFileResult Parse(string yaml) => ScenarioFile.Parse(yaml.ReplaceLineEndings("\n"), "t.yaml", Flow);

    [Fact]
    public void Load_SampleScenarios_HasNoProblems()
    {
        var result = ScenarioFile.Load(Path.Combine(RepoPaths.Content, "flow.tests.yaml"), Flow);

        Assert.Empty(result.Problems);
        Assert.True(result.Scenarios.Count >= 20);
        Assert.Equal("flow.json", result.FlowPath);
    }

    [Fact]
    public void Parse_AgentTurns_AreStepsAndExpectations()
    {
        var result = Parse("""
            scenarios:
              - name: a
                steps:
                  - press: "0"
                  - expect: {agentSays: ["Ask me", "booking"], at: assistant}
                  - say: "opening hours"
                  - agent: drops
            """);

        Assert.Empty(result.Problems);
        var steps = Assert.Single(result.Scenarios).Steps;
        Assert.Equal(["Ask me", "booking"], Assert.IsType<ScenarioExpectation>(steps[1]).AgentSays);
        Assert.Equal(new ScenarioAction(7, ScenarioActionKind.Agent, "drops"), steps[3]);
    }

    [Fact]
    public void Parse_AgentStepOtherThanDrops_IsAProblem()
    {
        var result = Parse("""
            scenarios:
              - name: a
                steps:
                  - agent: explodes
            """);

        Assert.Equal("t.yaml:4:16: agent 'explodes': 'drops' (the agent's connection breaks)", result.Problems[0].ToString());
    }

    [Fact]
    public void Parse_UnknownStep_NamesLineAndColumn()
    {
        var result = Parse("""
            scenarios:
              - name: a
                steps:
                  - press: "1"
                  - dance: now
            """);

        var problem = Assert.Single(result.Problems);
        Assert.Equal("t.yaml:5:9: unknown step 'dance' (steps: press, say, silence, transfer, agent, record, hangup, fail, expect)", problem.ToString());
    }

    [Fact]
    public void Parse_UnknownPromptId_NamesLine()
    {
        var result = Parse("""
            scenarios:
              - name: a
                steps:
                  - expect: { hears: [welcome, wellcome] }
            """);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(4, problem.Line);
        Assert.StartsWith("unknown prompt id 'wellcome'", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-13-01 10:00")]
    [InlineData("tomorrow")]
    [InlineData("2026-12-08 25:00")]
    public void Parse_BadTime_NamesLine(string time)
    {
        var result = Parse($"""
            scenarios:
              - name: a
                given:
                  time: "{time}"
                steps:
                  - press: "1"
            """);

        var problem = Assert.Single(result.Problems);
        Assert.Equal((4, 13), (problem.Line, problem.Column));
        Assert.Contains($"bad time '{time}'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("America/New_York", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LocalTime_IsInTheFlowsZone()
    {
        var result = Parse("""
            scenarios:
              - name: a
                given: { time: "2026-12-08 10:30" }
                steps: [silence]
              - name: b
                given: { holiday: christmas day, caller: withheld, locale: es-US }
                steps: [silence]
            """);

        Assert.Empty(result.Problems);
        Assert.Equal(DateTimeOffset.Parse("2026-12-08T15:30:00Z", System.Globalization.CultureInfo.InvariantCulture), result.Scenarios[0].Given.Time);
        Assert.Equal(DateTimeOffset.Parse("2026-12-25T17:00:00Z", System.Globalization.CultureInfo.InvariantCulture), result.Scenarios[1].Given.Time);
        Assert.Equal("+266696687", result.Scenarios[1].Given.Caller);
        Assert.Equal("es-US", result.Scenarios[1].Given.Locale);
    }

    [Fact]
    public void Parse_EveryKindOfMistake_ReportsEachWithItsLine()
    {
        var result = Parse("""
            scenarios:
              - name: a
                given: { caller: "555-0100", locale: fr-FR, holiday: Bastille Day }
                steps:
                  - press: "1a"
                  - transfer: maybe
                  - fail: 404
                  - expect: { at: nowhere, ends: hangup, colour: red }
                  - silence: 3
              - name: a
                steps: [hangup]
            """);

        var lines = result.Problems.Select(p => (p.Line, p.Message.Split(' ')[0])).ToList();
        Assert.Contains((3, "no"), lines);        // holiday
        Assert.Contains((3, "caller"), lines);
        Assert.Contains((3, "locale"), lines);
        Assert.Contains((5, "press"), lines);
        Assert.Contains((6, "transfer"), lines);
        Assert.Contains((7, "fail"), lines);
        Assert.Contains((8, "node"), lines);
        Assert.Contains((8, "'ends'"), lines);
        Assert.Contains((8, "unknown"), lines);
        Assert.Contains((9, "'silence'"), lines);
        Assert.Contains((10, "scenario"), lines);  // duplicate name
        Assert.Equal(11, result.Problems.Count);
    }

    [Fact]
    public void Parse_UnquotedStar_ExplainsQuoting()
    {
        var result = Parse("""
            scenarios:
              - name: a
                steps:
                  - press: *
            """);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(4, problem.Line);
        Assert.Contains("quote keys such as \"*\"", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotYaml_SaysSoWithLine()
    {
        var result = Parse("scenarios:\n  - name: [unclosed\n");

        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("not valid YAML", problem.Message, StringComparison.Ordinal);
    }
}
