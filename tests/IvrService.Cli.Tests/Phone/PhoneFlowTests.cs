using IvrService.Cli.Phone;
using IvrService.Cli.Simulator;
using IvrService.Testing;

namespace IvrService.Cli.Tests.Phone;

public sealed class PhoneFlowTests
{
    private static readonly Uri Voice = new("http://localhost:5080/voice");
    private static readonly PhoneFlow Flow = PhoneFlow.Load(RepoPaths.SampleFlow);

    [Fact]
    public void NodeFor_FirstRequest_IsTheStartNode()
    {
        var e = new CallEvent { Kind = CallEventKind.Request, Role = "voice", Url = Voice.ToString() };

        Assert.Equal("welcome", Flow.NodeFor(e, Voice));
        Assert.Equal("n_welcome", Flow.DiagramId("welcome"));
    }

    [Fact]
    public void NodeFor_GatherAction_IsTheNodeInItsQuery()
    {
        var e = new CallEvent { Kind = CallEventKind.Gather, Url = "http://localhost:5080/voice/continue?n=support-hours&l=en-US" };

        Assert.Equal("support-hours", Flow.NodeFor(e, Voice));
        Assert.Equal("n_support_hours", Flow.DiagramId("support-hours"));
    }

    [Fact]
    public void NodeFor_FallbackRequest_IsWhereTheErrorUrlWas()
    {
        var e = new CallEvent
        {
            Kind = CallEventKind.Request,
            Role = "fallback",
            Url = "http://localhost:5090/fallback/voice",
            Parameters = new Dictionary<string, string> { ["ErrorUrl"] = "http://localhost:5080/voice/continue?n=main&l=es-US" },
        };

        Assert.Equal("main", Flow.NodeFor(e, Voice));
    }

    [Theory]
    [InlineData("http://localhost:5080/voice/continue?n=nope")]
    [InlineData("http://localhost:5080/voice/continue")]
    [InlineData("not a url")]
    public void NodeFor_UnknownOrMissingNode_IsNull(string url) =>
        Assert.Null(Flow.NodeFor(new CallEvent { Kind = CallEventKind.Gather, Url = url }, Voice));

    [Fact]
    public void Describe_PlayedPrompt_SaysItsWords()
    {
        var e = new CallEvent
        {
            Kind = CallEventKind.Play,
            Url = "http://localhost:5080/audio/es-US/welcome.wav",
            Media = new MediaInfo { DurationSeconds = 2.5 },
        };

        Assert.Equal("Caller hears \u201cGracias por llamar a Example Company.\u201d (welcome.wav, 2.5 s).", Flow.Describe(e, null));
    }

    [Fact]
    public void Describe_FailedRequest_NamesTheAppAndTheCode()
    {
        var e = new CallEvent { Kind = CallEventKind.Request, ErrorCode = 11205, Detail = "connection refused" };

        Assert.Equal("Primary failed: error 11205, connection refused.", Flow.Describe(e, "primary"));
    }

    [Fact]
    public void Load_MissingFlow_WorksWithoutADiagram()
    {
        var flow = PhoneFlow.Load(Path.Combine(Path.GetTempPath(), "no-such-flow.json"));

        Assert.Null(flow.Diagram);
        Assert.NotNull(flow.Error);
        Assert.Null(flow.NodeFor(new CallEvent { Kind = CallEventKind.Request, Role = "voice" }, Voice));
    }
}
