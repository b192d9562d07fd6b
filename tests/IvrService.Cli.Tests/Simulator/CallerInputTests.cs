using IvrService.Cli.Simulator;

namespace IvrService.Cli.Tests.Simulator;

public sealed class CallerInputTests
{
    private static readonly GatherContext AnyGather = new("dtmf", null, "#", TimeSpan.FromSeconds(5));

    [Fact]
    public async Task ScriptedParse_MixedItems_YieldsActionsThenHangup()
    {
        var input = ScriptedCallerInput.Parse("1, 2,timeout,1234#,speech:opening hours,,hangup");

        var actions = new List<CallerAction>();
        for (var i = 0; i < 8; i++)
        {
            actions.Add(await input.NextAsync(AnyGather, default));
        }

        Assert.Equal(
            [
                new CallerAction(CallerActionKind.Digits, "1"),
                new CallerAction(CallerActionKind.Digits, "2"),
                CallerAction.Timeout,
                new CallerAction(CallerActionKind.Digits, "1234#"),
                new CallerAction(CallerActionKind.Speech, "opening hours"),
                CallerAction.Timeout,
                CallerAction.Hangup,
                CallerAction.Hangup,
            ],
            actions);
    }

    [Theory]
    [InlineData("12a")]
    [InlineData("press one")]
    public void ScriptedParse_BadItem_ThrowsNamingIt(string item)
    {
        var error = Assert.Throws<FormatException>(() => ScriptedCallerInput.Parse($"1,{item}"));

        Assert.Contains(item, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keypad_LinesThenEnd_TimeoutRetryAndHangup()
    {
        var prompt = new StringWriter();
        var keypad = new KeypadCallerInput(new StringReader("\n12#\nnope\n3\n"), prompt);

        Assert.Equal(CallerAction.Timeout, await keypad.NextAsync(AnyGather, default));
        Assert.Equal(new CallerAction(CallerActionKind.Digits, "12#"), await keypad.NextAsync(AnyGather, default));
        Assert.Equal(new CallerAction(CallerActionKind.Digits, "3"), await keypad.NextAsync(AnyGather, default));
        Assert.Equal(CallerAction.Hangup, await keypad.NextAsync(AnyGather, default));
        Assert.Contains("'nope' is not keys", prompt.ToString(), StringComparison.Ordinal);
        Assert.Contains("end with #", prompt.ToString(), StringComparison.Ordinal);
    }
}
