using IvrService.Cli.Scenarios;
using IvrService.Flow;

namespace IvrService.Cli.Tests.Scenarios;

public sealed class FlowCoverageTests
{
    // A menu with two options (1 → hours, 2 → bye), give-ups to the end, re-prompts; hours with a holiday.
    private const string SmallFlow = """
        {
          "start": "menu", "defaultLocale": "en-US", "locales": ["en-US"], "goodbyePrompt": "bye",
          "prompts": { "en-US": { "menu": { "file": "m.wav", "text": "Press 1 or 2." }, "bye": { "file": "b.wav", "text": "Bye." } } },
          "nodes": {
            "menu": { "type": "menu", "greetingLong": "menu", "invalidPrompt": { "say": "No." }, "noInputPrompt": { "say": "Hello?" },
                      "options": { "1": { "next": "hours" }, "2": { "next": "bye" } } },
            "hours": { "type": "hours", "timeZone": "UTC", "weekly": { "monday": ["09:00-17:00"] },
                       "holidays": [{ "date": "2026-12-07", "name": "Test Day" }], "open": "bye", "closed": "bye" },
            "bye": { "type": "hangup", "prompt": "bye" }
          }
        }
        """;

    [Fact]
    public void Items_SmallFlow_AreTheEdgesAndSidePathsCountedByHand()
    {
        var coverage = new FlowCoverage(FlowLoader.Parse(SmallFlow).Flow!);

        // menu: 1, 2, 3 × invalid, 3 × no input, invalid, timeout; hours: open, closed, holiday.
        Assert.Equal(
            ["menu --1--> hours", "menu --2--> bye", "menu --3 × invalid--> (hangup)", "menu --3 × no input--> (hangup)",
             "hours --open--> bye", "hours --closed--> bye", "hours --holiday--> bye", "menu invalid (re-prompt)", "menu timeout (re-prompt)"],
            coverage.Items.Select(i => i.ToString()));
    }

    [Fact]
    public void Record_TurnsOfOneCall_CoverWhatTheyTook()
    {
        var flow = FlowLoader.Parse(SmallFlow).Flow!;
        var coverage = new FlowCoverage(flow);
        // Monday 2026-12-07 is the holiday: open and closed lead to one node, so only the clock tells the branches apart.
        var holiday = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        var engine = new FlowEngine(flow, new Fixed(holiday));
        var start = engine.Start();
        var invalid = engine.Continue(((GatherStep)start.Steps[0]).Next, CallInput.Digits("7"));
        var option = engine.Continue(((GatherStep)invalid.Steps[0]).Next, CallInput.Digits("1"));

        coverage.Record(new LineTurn(start, null, null, false, holiday));
        coverage.Record(new LineTurn(invalid, CallInput.Digits("7"), ((GatherStep)start.Steps[0]).Next, false, holiday));
        coverage.Record(new LineTurn(option, CallInput.Digits("1"), ((GatherStep)invalid.Steps[0]).Next, false, holiday));

        Assert.Equal(3, coverage.CoveredCount);
        Assert.Equal(33, coverage.Percent);
        Assert.DoesNotContain(coverage.Missing, i => i.ToString() is "menu --1--> hours" or "hours --holiday--> bye" or "menu invalid (re-prompt)");
    }

    private sealed class Fixed(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }
}
