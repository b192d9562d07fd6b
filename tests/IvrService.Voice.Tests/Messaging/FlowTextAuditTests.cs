using IvrService.Flow;
using IvrService.Twilio.Messaging;
using IvrService.Voice.Messaging;

namespace IvrService.Voice.Tests.Messaging;

public sealed class FlowTextAuditTests
{
    private static FlowDefinition Flow(string sms, string body = "Book online.")
    {
        var json = $$"""
            {
              "start": "link", "defaultLocale": "en-US", "locales": ["en-US"],
              "prompts": { "en-US": { "bye": { "file": "bye.wav", "text": "Bye." } } },
              "nodes": {
                "link": { "type": "text", "body": {{System.Text.Json.JsonSerializer.Serialize(body)}}, "prompt": "bye", "next": "end" },
                "end": { "type": "hangup", "prompt": "bye" }
              },
              "sms": {{sms}}
            }
            """;
        var result = FlowLoader.Parse(json);
        Assert.NotNull(result.Flow);
        return result.Flow;
    }

    [Fact]
    public void Audit_EveryText_MeasuredInFileOrder()
    {
        var audit = FlowTextAudit.Audit(Flow("""{ "keywords": [ { "match": ["HI"], "reply": "Hello {there}" } ], "defaultReply": "Hi 😀" }"""));

        Assert.Equal(
            [
                ("$.sms.keywords[0].reply", SmsEncoding.Gsm7, 15, 1),
                ("$.sms.defaultReply", SmsEncoding.Ucs2, 5, 1),
                ("$.nodes.link.body", SmsEncoding.Gsm7, 12, 1),
            ],
            audit.Texts.Select(t => (t.Text.Path, t.Segments.Encoding, t.Segments.Units, t.Segments.Segments)));
        Assert.Equal("UCS-2: '😀' (U+1F600) at 3", audit.Texts[1].Note);
        Assert.Empty(audit.Problems);
        Assert.Equal(3, audit.MaxSegments);
    }

    [Fact]
    public void Audit_CharacterWithLookAlike_WarnsNamingItAndItsPosition()
    {
        var audit = FlowTextAudit.Audit(Flow("{}", body: "Book at https://x.example\u00a0– it’s quick"));

        var problem = Assert.Single(audit.Problems);
        Assert.Equal((FlowProblemSeverity.Warning, "$.nodes.link.body", FlowTextAudit.AccidentalUcs2Code), (problem.Severity, problem.Location, problem.Code));
        Assert.StartsWith("U+00A0 at 25 (use ' '), '–' (U+2013) at 26 (use '-'), '’' (U+2019) at 30 (use ''') made this text UCS-2", problem.Message, StringComparison.Ordinal);
        Assert.EndsWith("with plain characters it would be GSM-7 with room for 122 more characters instead of 32.", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_LookAlikeNextToARealUnicodeLetter_SaysItStaysUcs2()
    {
        var audit = FlowTextAudit.Audit(Flow("{}", body: "Reserve en línea – ya"));

        Assert.Contains("it stays UCS-2 anyway because of 'í' (U+00ED) at 12", Assert.Single(audit.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_OverBudget_IsAnErrorAndTheOverrideWins()
    {
        var flow = Flow("""{ "maxSegments": 1 }""", body: new string('a', 161));

        var strict = FlowTextAudit.Audit(flow);
        var relaxed = FlowTextAudit.Audit(flow, maxSegments: 2);

        var problem = Assert.Single(strict.Problems);
        Assert.Equal((FlowProblemSeverity.Error, FlowTextAudit.OverBudgetCode), (problem.Severity, problem.Code));
        Assert.Equal("2 segments (GSM-7, 161 units) is over the budget of 1: shorten the text or raise sms.maxSegments.", problem.Message);
        Assert.Equal("over budget (1)", strict.Texts.Single().Note);
        Assert.Empty(relaxed.Problems);
    }
}
