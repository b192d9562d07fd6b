using IvrService.Cli.Phone;
using IvrService.Cli.Simulator;

namespace IvrService.Cli.Tests.Phone;

public sealed class PhoneCallerInputTests
{
    private static readonly GatherContext Menu = new("dtmf", 1, "", TimeSpan.FromSeconds(5));

    [Fact]
    public void TrySubmit_NothingListening_IsRefused()
    {
        var input = new PhoneCallerInput(_ => { });

        Assert.False(input.TrySubmit(new CallerAction(CallerActionKind.Digits, "1")));
        Assert.False(input.IsListening);
    }

    [Fact]
    public async Task NextAsync_AnnouncesTheGatherThenReturnsTheAnswer()
    {
        GatherContext? announced = null;
        var input = new PhoneCallerInput(g => announced = g);

        var next = input.NextAsync(Menu, CancellationToken.None).AsTask();

        Assert.Equal(Menu, announced);
        Assert.True(input.IsListening);
        Assert.True(input.TrySubmit(new CallerAction(CallerActionKind.Digits, "7")));
        Assert.Equal(new CallerAction(CallerActionKind.Digits, "7"), await next);
        Assert.False(input.IsListening);
    }

    [Fact]
    public async Task TrySubmit_TwiceForOneGather_OnlyTheFirstCountsAndNothingLeaksIntoTheNext()
    {
        var input = new PhoneCallerInput(_ => { });
        var first = input.NextAsync(Menu, CancellationToken.None).AsTask();

        Assert.True(input.TrySubmit(new CallerAction(CallerActionKind.Digits, "1")));
        Assert.False(input.TrySubmit(new CallerAction(CallerActionKind.Digits, "2")));
        Assert.Equal("1", (await first).Value);

        var second = input.NextAsync(Menu, CancellationToken.None).AsTask();
        Assert.False(second.IsCompleted);
        input.TrySubmit(CallerAction.Timeout);
        Assert.Equal(CallerActionKind.Timeout, (await second).Kind);
    }

    [Fact]
    public async Task HangUp_WhileListening_AnswersHangup()
    {
        var input = new PhoneCallerInput(_ => { });
        var next = input.NextAsync(Menu, CancellationToken.None).AsTask();

        input.HangUp();

        Assert.Equal(CallerActionKind.Hangup, (await next).Kind);
        Assert.Equal(CallerActionKind.Hangup, (await input.NextAsync(Menu, CancellationToken.None)).Kind);
    }
}
