using IvrService.Testing;

namespace IvrService.Flow.Tests;

public class FlowLoaderTests
{
    [Fact]
    public void Load_SampleFlow_HasNoProblemsAtAll()
    {
        var result = FlowLoader.Load(RepoPaths.SampleFlow);

        Assert.NotNull(result.Flow);
        Assert.Empty(result.Problems);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void Load_MissingFile_ReportsFileNotFound()
    {
        var result = FlowLoader.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".json"));

        Assert.Null(result.Flow);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(FlowProblemCodes.FileNotFound, problem.Code);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Parse_SyntaxError_ReportsLineAndPosition()
    {
        const string json = "{\n  \"start\": \"a\",\n  \"locales\": [\"en-US\"\n}";

        var result = FlowLoader.Parse(json);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(FlowProblemSeverity.Error, problem.Severity);
        Assert.Equal(FlowProblemCodes.JsonSyntax, problem.Code);
        Assert.Contains("line 4", problem.Location);
    }

    [Fact]
    public void Parse_UnknownAndMissingNodeTypes_ListsEveryOne()
    {
        const string json = """
            {
              "start": "a",
              "nodes": {
                "a": { "type": "menuu" },
                "b": { "next": "a" },
                "c": { "type": "goto", "target": "a" },
                "d": 42
              }
            }
            """;

        var result = FlowLoader.Parse(json);

        Assert.Null(result.Flow);
        Assert.Equal(
            ["$.nodes.a.type node-type-unknown", "$.nodes.b.type node-type-missing", "$.nodes.d node-invalid"],
            result.Problems.Select(p => $"{p.Location} {p.Code}"));
    }

    [Fact]
    public void Parse_MisspeltProperty_IsAnErrorWithItsPath()
    {
        const string json = """
            {
              "start": "a",
              "nodes": { "a": { "type": "hangup", "promt": "bye" } }
            }
            """;

        var problem = Assert.Single(FlowLoader.Parse(json).Problems);

        Assert.Equal(FlowProblemCodes.JsonInvalid, problem.Code);
        Assert.StartsWith("$.nodes.a", problem.Location);
        Assert.Contains("line 3", problem.Location);
        Assert.Contains("promt", problem.Message);
    }

    [Fact]
    public void Parse_DuplicateMenuDigit_IsAnError()
    {
        var json = TestFlows.MenuFlowJson().Replace(
            "\"2\": { \"next\": \"end\" }", "\"2\": { \"next\": \"end\" }, \"1\": { \"next\": \"end\" }", StringComparison.Ordinal);

        var problem = Assert.Single(FlowLoader.Parse(json).Problems);

        Assert.Equal(FlowProblemCodes.JsonInvalid, problem.Code);
        Assert.StartsWith("$.nodes.main.options", problem.Location);
        Assert.Contains("(line ", problem.Location);
        Assert.Contains("Duplicate", problem.Message);
    }

    [Fact]
    public void Parse_WrongValueType_IsAnErrorNotAnException()
    {
        var json = TestFlows.MenuFlowJson().Replace("\"maxFailures\": 3", "\"maxFailures\": \"three\"", StringComparison.Ordinal);

        var problem = Assert.Single(FlowLoader.Parse(json).Problems);

        Assert.Equal(FlowProblemCodes.JsonInvalid, problem.Code);
        Assert.Contains("maxFailures", problem.Location);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"flow\"")]
    public void Parse_NotAnObject_IsAnError(string json)
    {
        var result = FlowLoader.Parse(json);

        Assert.Null(result.Flow);
        Assert.True(result.Problems.HasErrors());
    }

    [Fact]
    public void Parse_CommentsAndTrailingCommas_AreAccepted()
    {
        var json = TestFlows.MenuFlowJson().Replace("\"start\": \"main\",", "// entry point\n  \"start\": \"main\",", StringComparison.Ordinal)
            .Replace("\"es-US\"]", "\"es-US\",]", StringComparison.Ordinal);

        var result = FlowLoader.Parse(json);

        Assert.False(result.Problems.HasErrors(), string.Join("\n", result.Problems));
    }

    [Fact]
    public void Parse_PromptObjects_ReadSayAndPause()
    {
        var flow = TestFlows.Parse(TestFlows.MenuFlowJson(extraNodes: """
            "p": { "type": "play", "prompts": ["bye", { "say": "Hello there" }, { "pause": 2 }], "next": "end" },
            """));

        var play = Assert.IsType<PlayNode>(flow.Nodes["p"]);
        Assert.Equal("bye", play.Prompts[0].Id);
        Assert.Equal("Hello there", play.Prompts[1].Say);
        Assert.Equal(2, play.Prompts[2].PauseSeconds);
    }

    [Fact]
    public void Parse_PromptObjectWithBothSayAndPause_IsAnError()
    {
        var json = TestFlows.MenuFlowJson(extraNodes: """
            "p": { "type": "play", "prompts": [{ "say": "x", "pause": 1 }], "next": "end" },
            """);

        var problem = Assert.Single(FlowLoader.Parse(json).Problems);

        Assert.Equal(FlowProblemCodes.JsonInvalid, problem.Code);
        Assert.Contains("prompts", problem.Location);
    }
}
