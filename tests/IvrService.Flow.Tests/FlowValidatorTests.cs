using IvrService.Testing;

namespace IvrService.Flow.Tests;

public class FlowValidatorTests
{
    private const string BrokenFlow = """
        {
          "start": "welcome",
          "defaultLocale": "en-US",
          "locales": ["en-US", "es-US", "EN"],
          "prompts": {
            "en-US": {
              "hello": { "file": "hello.wav", "text": "Hello." },
              "menu": { "file": "../secret.wav", "text": "Menu." },
              "orphan": { "file": "orphan.wav", "text": "" }
            },
            "es-US": { "spanish-only": { "file": "solo.wav", "text": "Hola." } }
          },
          "nodes": {
            "welcome": { "type": "play", "prompts": ["hello", "missing-everywhere"], "next": "main" },
            "main": {
              "type": "menu",
              "greetingLong": "menu",
              "greetingShort": "spanish-only",
              "timeoutSeconds": 0,
              "repeatKey": "1",
              "options": {
                "1": { "next": "sales" },
                "2": { "next": "nowhere" },
                "10": { "next": "hours" },
                "3": { "next": "loop-a" },
                "4": { "next": "lang" }
              }
            },
            "dead-end": { "type": "menu", "greetingLong": "hello", "onMaxFailures": "main", "onMaxTimeouts": "main", "options": {} },
            "sales": { "type": "transfer", "to": "555-1234", "callerId": "+0123", "timeoutSeconds": 1 },
            "sip": { "type": "transfer", "to": "sip:nobody", "onFailure": "main" },
            "hours": {
              "type": "hours",
              "timeZone": "Eastern Standard Time",
              "weekly": { "monday": ["17:00-09:00"], "funday": ["10:00-11:00"], "tuesday": ["09:00-12:00", "11:00-13:00"] },
              "holidays": [{ "date": "2026-02-30" }],
              "open": "main",
              "closed": "main"
            },
            "loop-a": { "type": "goto", "target": "loop-b" },
            "loop-b": { "type": "play", "prompts": [], "next": "loop-a" },
            "lang": { "type": "language", "locale": "fr-FR", "next": "main" },
            "vm": { "type": "voicemail", "transcribeCallback": "ftp://x", "maxLengthSeconds": 600, "transcribe": true }
          },
          "sms": {
            "keywords": [
              { "match": ["HOURS", "stop"], "reply": "We are open." },
              { "match": ["hours "], "reply": { "es-US": "Abierto." } }
            ]
          }
        }
        """;

    private static IReadOnlyList<FlowProblem> Problems(string json)
    {
        var result = FlowLoader.Parse(json);
        Assert.NotNull(result.Flow);
        return result.Problems;
    }

    [Fact]
    public void Validate_SampleFlow_HasNoErrorsAndNoWarnings()
    {
        Assert.Empty(FlowValidator.Validate(TestFlows.Sample));
    }

    [Fact]
    public void Validate_DocsExample_HasOnlyTheWarningsTheDocsDescribe()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "flow-format.md"));
        var start = doc.IndexOf("```json", doc.IndexOf("## A small example", StringComparison.Ordinal), StringComparison.Ordinal) + "```json".Length;
        var json = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];

        var problems = Problems(json);

        Assert.Equal(
            ["W $.prompts['es-US'] prompt-missing-locale 'goodbye'", "W $.prompts['es-US'] prompt-missing-locale 'invalid'"],
            problems.Select(p => $"{(p.Severity == FlowProblemSeverity.Error ? "E" : "W")} {p.Location} {p.Code} {p.Message.Split(' ')[1]}").Order());
    }

    [Fact]
    public void Validate_BrokenFlow_ListsEveryProblemWithItsLocation()
    {
        var problems = Problems(BrokenFlow);
        var found = problems.Select(p => $"{(p.Severity == FlowProblemSeverity.Error ? "E" : "W")} {p.Location} {p.Code}").ToList();

        string[] expected =
        [
            "E $.locales[2] locale-invalid",
            "E $.prompts['en-US'].menu.file prompt-file-invalid",
            "E $.prompts['en-US'].orphan.text prompt-text-missing",
            "E $.nodes.welcome.prompts[1] prompt-unknown",
            "E $.nodes.main.greetingShort prompt-missing-default",
            "E $.nodes.main.options['2'].next unknown-node",
            "E $.nodes.main.options['10'] menu-digit-invalid",
            "E $.nodes.main.repeatKey menu-digit-duplicate",
            "E $.nodes.main.timeoutSeconds out-of-range",
            "E $.nodes.main silent-hangup",
            "W $.nodes.main.invalidPrompt value-missing",
            "E $.nodes['dead-end'].options menu-no-way-out",
            "E $.nodes.sales.to bad-number",
            "E $.nodes.sales.callerId bad-number",
            "E $.nodes.sales.timeoutSeconds out-of-range",
            "E $.nodes.sales silent-hangup",
            "E $.nodes.sip.to bad-sip-uri",
            "E $.nodes.hours.timeZone bad-time-zone",
            "E $.nodes.hours.weekly.monday[0] hours-bad-range",
            "E $.nodes.hours.weekly.funday hours-bad-day",
            "W $.nodes.hours.weekly.tuesday[1] hours-overlap",
            "E $.nodes.hours.holidays[0].date hours-bad-date",
            "E $.nodes.lang.locale locale-unknown",
            "E $.nodes.vm.transcribeCallback bad-url",
            "W $.nodes.vm.maxLengthSeconds transcribe-too-long",
            "W $.nodes.vm.prompt value-missing",
            "W $.nodes['dead-end'] unreachable-node",
            "W $.nodes.sip unreachable-node",
            "W $.nodes.vm unreachable-node",
            "W $.prompts['en-US'].orphan prompt-unused",
            "E $.sms.keywords[0].match[1] sms-keyword-reserved",
            "E $.sms.keywords[1].match[0] sms-keyword-duplicate",
            "E $.sms.keywords[1].reply text-missing-default",
            "W $.sms.defaultReply value-missing",
        ];
        Assert.All(expected, e => Assert.Contains(e, found));
        Assert.Single(problems, p => p.Code == FlowProblemCodes.PassiveLoop);
        Assert.Contains("loop-a", problems.Single(p => p.Code == FlowProblemCodes.PassiveLoop).Message);
        Assert.All(problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message)));
    }

    [Fact]
    public void Validate_PromptOnlyInDefaultLocale_IsAWarningForTheOtherLocale()
    {
        var problems = Problems(TestFlows.MenuFlowJson());

        var problem = Assert.Single(problems);
        Assert.Equal((FlowProblemSeverity.Warning, "$.prompts['es-US']", FlowProblemCodes.PromptMissingLocale), (problem.Severity, problem.Location, problem.Code));
        Assert.Contains("'bye'", problem.Message);
    }

    [Fact]
    public void Validate_StartMissing_IsAnError()
    {
        var problems = Problems(TestFlows.MenuFlowJson().Replace("\"start\": \"main\",", "", StringComparison.Ordinal));

        Assert.Contains(problems, p => p is { Location: "$.start", Code: FlowProblemCodes.StartMissing, Severity: FlowProblemSeverity.Error });
    }

    [Fact]
    public void Validate_DefaultLocaleNotListed_IsAnError()
    {
        var problems = Problems(TestFlows.MenuFlowJson().Replace("\"defaultLocale\": \"en-US\"", "\"defaultLocale\": \"de-DE\"", StringComparison.Ordinal));

        Assert.Contains(problems, p => p is { Location: "$.defaultLocale", Code: "default-locale-unknown" });
    }

    [Fact]
    public void Validate_SelfGoto_IsAPassiveLoop()
    {
        var problems = Problems(TestFlows.MenuFlowJson(extraNodes: """
            "spin": { "type": "goto", "target": "spin" },
            """));

        Assert.Contains(problems, p => p is { Code: FlowProblemCodes.PassiveLoop, Location: "$.nodes.spin", Severity: FlowProblemSeverity.Error });
    }

    [Fact]
    public void Validate_LoopThroughAMenu_IsFine()
    {
        var problems = Problems(TestFlows.MenuFlowJson(extraNodes: """
            "again": { "type": "goto", "target": "main" },
            """).Replace("\"next\": \"end\" }\n", "\"next\": \"again\" }\n", StringComparison.Ordinal));

        Assert.DoesNotContain(problems, p => p.Code == FlowProblemCodes.PassiveLoop);
    }

    [Fact]
    public void Validate_MenuWhoseOptionsAllLoopBack_HasNoWayOut()
    {
        var problems = Problems(TestFlows.MenuFlowJson(extraNodes: """
            "trap": { "type": "menu", "greetingLong": "long", "invalidPrompt": "invalid", "noInputPrompt": "silence", "options": { "1": { "next": "trap" } } },
            """));

        Assert.Contains(problems, p => p is { Code: FlowProblemCodes.MenuNoWayOut, Location: "$.nodes.trap.options" });
    }

    [Fact]
    public void Validate_TransferWithoutFailureBranch_WarnsWhenGoodbyeExists()
    {
        var problems = Problems(TestFlows.MenuFlowJson(extraNodes: """
            "agent": { "type": "transfer", "to": "+15005550006" },
            """));

        Assert.Contains(problems, p => p is { Code: FlowProblemCodes.TransferNoFailurePath, Location: "$.nodes.agent", Severity: FlowProblemSeverity.Warning });
    }

    [Theory]
    [InlineData("+15005550006", true)]
    [InlineData("+442071838750", true)]
    [InlineData("15005550006", false)]
    [InlineData("+1 500 555 0006", false)]
    [InlineData("+1234567890123456", false)]
    [InlineData("sip:agent@example.com", true)]
    [InlineData("sips:agent@example.com:5061;transport=tls", true)]
    [InlineData("sip:example.com", false)]
    [InlineData("sip:a b@example.com", false)]
    public void Validate_TransferTargets(string to, bool valid)
    {
        var problems = Problems(TestFlows.MenuFlowJson(extraNodes: $$"""
            "agent": { "type": "transfer", "to": "{{to}}", "onFailure": "main" },
            """));

        Assert.Equal(valid, !problems.Any(p => p.Location == "$.nodes.agent.to"));
    }

    [Fact]
    public void Validate_NullNode_IsAnErrorNotAnException()
    {
        var flow = new FlowDefinition
        {
            Start = "a",
            DefaultLocale = "en-US",
            Locales = ["en-US"],
            Nodes = new Dictionary<string, FlowNode> { ["a"] = null! },
        };

        var problems = FlowValidator.Validate(flow);

        Assert.Contains(problems, p => p is { Code: FlowProblemCodes.NodeInvalid, Location: "$.nodes.a" });
    }

    [Fact]
    public void Validate_TextNode_ChecksBodyRecipientSenderAndPrompt()
    {
        var problems = Problems(TestFlows.TextFlowJson("""
            "type": "text", "body": { "es-US": "" }, "to": "5550009", "from": "sender", "next": "end"
            """));

        var found = problems.Select(p => $"{(p.Severity == FlowProblemSeverity.Error ? "E" : "W")} {p.Location} {p.Code}").ToList();
        Assert.Contains("E $.nodes.link.body['es-US'] value-missing", found);
        Assert.Contains("E $.nodes.link.body text-missing-default", found);
        Assert.Contains("E $.nodes.link.to bad-number", found);
        Assert.Contains("E $.nodes.link.from bad-sender", found);
        Assert.Contains("W $.nodes.link.prompt value-missing", found);
    }

    [Fact]
    public void Validate_TextNodeWithoutBodyOrNext_IsAnError()
    {
        var problems = Problems(TestFlows.TextFlowJson("""
            "type": "text", "prompt": "sent"
            """));

        Assert.Contains(problems, p => p is { Location: "$.nodes.link.body", Code: FlowProblemCodes.ValueMissing, Severity: FlowProblemSeverity.Error });
        Assert.Contains(problems, p => p is { Location: "$.nodes.link.next", Code: FlowProblemCodes.ReferenceMissing, Severity: FlowProblemSeverity.Error });
    }

    [Fact]
    public void Validate_TextNodeLoopingToItself_IsAPassiveLoop()
    {
        var problems = Problems(TestFlows.TextFlowJson("""
            "type": "text", "body": "Book.", "prompt": "sent", "next": "link"
            """));

        Assert.Contains(problems, p => p.Code == FlowProblemCodes.PassiveLoop);
    }

    [Fact]
    public void Validate_ValidTextFlow_WarnsOnlyAboutTheUntranslatedPrompt()
    {
        var problem = Assert.Single(Problems(TestFlows.TextFlowJson()));

        Assert.Equal((FlowProblemCodes.PromptMissingLocale, FlowProblemSeverity.Warning), (problem.Code, problem.Severity));
        Assert.Contains("'sorry'", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [InlineData(24, false)]
    [InlineData(25, true)]
    public void Validate_MaxSegmentsOutsideOneTo24_IsAnError(int budget, bool error)
    {
        var problems = Problems(TestFlows.TextFlowJson(sms: $$"""{ "maxSegments": {{budget}} }"""));

        Assert.Equal(error, problems.Any(p => p is { Location: "$.sms.maxSegments", Code: "out-of-range" }));
    }
}

