namespace IvrService.Flow.Tests;

public sealed class FlowGraphTests
{
    [Fact]
    public void Build_SampleFlow_HasEveryNodeAndEveryLink()
    {
        var flow = TestFlows.Sample;

        var graph = FlowGraph.Build(flow);

        foreach (var (id, node) in flow.Nodes)
        {
            Assert.Contains(graph.Nodes, n => n.Id == id && n.Kind == node.Type);
            foreach (var (property, target) in node.Links().Where(l => l.Target is not null))
            {
                Assert.True(graph.Edges.Any(e => e.From == id && e.To == target), $"no edge {id} -> {target} ({property})");
            }
        }

        Assert.Single(graph.Nodes, n => n.IsStart);
        Assert.Equal(flow.Start, graph.Nodes[0].Id);
    }

    [Fact]
    public void Build_TextNode_IsDescribedWithItsRecipientAndContinues()
    {
        var graph = FlowGraph.Build(TestFlows.Sample);

        Assert.Contains(graph.Nodes, n => n is { Id: "text-link", Kind: "text", Label: "text the caller" });
        Assert.Contains(graph.Edges, e => e is { From: "main", To: "text-link", Label: "5" });
        Assert.Contains(graph.Edges, e => e is { From: "text-link", To: "back-to-main", Kind: FlowGraphEdgeKind.Next });
    }

    [Fact]
    public void Build_SampleFlow_EveryEdgeEndsAtANode()
    {
        var graph = FlowGraph.Build(TestFlows.Sample);

        var ids = graph.Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        Assert.All(graph.Edges, e => Assert.Contains(e.To, ids));
        Assert.All(graph.Edges, e => Assert.Contains(e.From, ids));
    }

    [Fact]
    public void Build_SameFlowTwice_GivesTheSameGraph()
    {
        var first = FlowGraph.Build(TestFlows.LoadValid(IvrService.Testing.RepoPaths.SampleFlow));
        var second = FlowGraph.Build(TestFlows.LoadValid(IvrService.Testing.RepoPaths.SampleFlow));

        Assert.Equal(first.Nodes, second.Nodes);
        Assert.Equal(first.Edges, second.Edges);
    }

    [Fact]
    public void Build_Menu_DigitsInKeypadOrderThenRepeatAndGiveUps()
    {
        var flow = TestFlows.Parse("""
            {
              "start": "m", "defaultLocale": "en-US", "locales": ["en-US"], "goodbyePrompt": "p",
              "prompts": { "en-US": { "p": { "file": "p.wav", "text": "P." } } },
              "nodes": {
                "m": { "type": "menu", "greetingLong": "p", "repeatKey": "*", "maxFailures": 2, "maxTimeouts": 4,
                       "onMaxFailures": "bye",
                       "options": { "#": { "next": "bye" }, "0": { "next": "bye" }, "2": { "next": "bye" }, "1": { "next": "bye" } } },
                "bye": { "type": "hangup", "prompt": "p" }
              }
            }
            """);

        var edges = FlowGraph.Build(flow).Edges.Where(e => e.From == "m").ToList();

        Assert.Equal(["1", "2", "0", "#", "* repeat", "2 × invalid", "4 × no input"], edges.Select(e => e.Label));
        Assert.Equal(FlowGraphEdgeKind.Repeat, edges[4].Kind);
        Assert.Equal("m", edges[4].To);
        Assert.Equal("bye", edges[5].To);
        Assert.Equal(FlowGraph.HangupId, edges[6].To);
    }

    [Fact]
    public void Build_PathsThatHangUpWithoutANode_LeadToOneImplicitEnd()
    {
        var flow = TestFlows.Parse("""
            {
              "start": "t", "defaultLocale": "en-US", "locales": ["en-US"], "goodbyePrompt": "p",
              "prompts": { "en-US": { "p": { "file": "p.wav", "text": "P." } } },
              "nodes": {
                "t": { "type": "transfer", "to": "+15005550006", "onBusy": "vm" },
                "vm": { "type": "voicemail", "prompt": "p" }
              }
            }
            """);

        var graph = FlowGraph.Build(flow);

        Assert.Single(graph.Nodes, n => n.Id == FlowGraph.HangupId);
        Assert.Contains(graph.Edges, e => e is { From: "t", To: "vm", Label: "busy", Kind: FlowGraphEdgeKind.TransferFailed });
        Assert.Contains(graph.Edges, e => e is { From: "t", To: FlowGraph.HangupId, Label: "no answer / failed" });
        Assert.Contains(graph.Edges, e => e is { From: "vm", To: FlowGraph.HangupId, Kind: FlowGraphEdgeKind.Recorded });
        Assert.Contains(graph.Edges, e => e is { From: "vm", To: FlowGraph.HangupId, Kind: FlowGraphEdgeKind.NoMessage });
    }

    [Fact]
    public void Build_HoursWithHolidays_ClosedEdgeSaysSo()
    {
        var graph = FlowGraph.Build(TestFlows.Sample);

        Assert.Contains(graph.Edges, e => e is { From: "support-hours", To: "support", Kind: FlowGraphEdgeKind.Open, Label: "open" });
        Assert.Contains(graph.Edges, e => e is { From: "support-hours", To: "support-closed", Label: "closed or holiday" });
    }

    [Fact]
    public void Build_UnreachableNodes_ComeAfterTheReachableOnesById()
    {
        var flow = TestFlows.Parse("""
            {
              "start": "a", "defaultLocale": "en-US", "locales": ["en-US"],
              "prompts": { "en-US": { "p": { "file": "p.wav", "text": "P." } } },
              "nodes": {
                "z-orphan": { "type": "hangup" },
                "a": { "type": "goto", "target": "b" },
                "y-orphan": { "type": "hangup" },
                "b": { "type": "hangup", "prompt": "p" }
              }
            }
            """);

        var graph = FlowGraph.Build(flow);

        Assert.Equal(["a", "b", "y-orphan", "z-orphan"], graph.Nodes.Select(n => n.Id));
    }

    [Fact]
    public void Build_NodeTypeTheBuilderDoesNotKnow_DrawnFromItsLinks()
    {
        var flow = new FlowDefinition
        {
            Start = "x",
            Nodes = new Dictionary<string, FlowNode>
            {
                ["x"] = new FutureNode { Next = "end", Other = "end" },
                ["end"] = new HangupNode(),
            },
        };

        var graph = FlowGraph.Build(flow);

        Assert.Contains(graph.Nodes, n => n is { Id: "x", Kind: "future", Label: "future" });
        Assert.Contains(graph.Edges, e => e is { From: "x", To: "end", Label: "", Kind: FlowGraphEdgeKind.Next });
        Assert.Contains(graph.Edges, e => e is { From: "x", To: "end", Label: "onOther", Kind: FlowGraphEdgeKind.Link });
    }

    [Fact]
    public void Build_BrokenReference_KeepsTheEdgeToTheMissingId()
    {
        var flow = new FlowDefinition
        {
            Start = "a",
            Nodes = new Dictionary<string, FlowNode> { ["a"] = new GotoNode { Target = "missing" } },
        };

        var graph = FlowGraph.Build(flow);

        Assert.Contains(graph.Edges, e => e is { From: "a", To: "missing" });
    }

    private sealed class FutureNode : FlowNode
    {
        public override string Type => "future";

        public string? Next { get; set; }

        public string? Other { get; set; }

        public override IEnumerable<(string Property, string? Target)> Links() => [("next", Next), ("onOther", Other)];

        public override IEnumerable<(string Property, PromptRef Prompt)> PromptRefs() => [];
    }
}
