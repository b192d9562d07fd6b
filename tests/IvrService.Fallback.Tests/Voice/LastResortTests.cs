using IvrService.Fallback.Voice;
using IvrService.Flow;

namespace IvrService.Fallback.Tests.Voice;

/// <summary>The last resort as a pure turn: steps per mode, stage states, and what each stage callback leads to.</summary>
public class LastResortTests
{
    private static FallbackOptions Options(LastResortMode mode, string? support = null)
    {
        var options = new FallbackOptions { Mode = mode, SupportNumber = support, Locale = "es-MX" };
        return options;
    }

    [Fact]
    public void Turn_Transfer_DialsTheSupportLineWithTheDialStage()
    {
        var turn = LastResort.Turn(Options(LastResortMode.Transfer, " sip:desk@support.example.com "), new SayStep("Sorry", "es-MX"));

        Assert.Equal("apology+transfer", turn.Outcome);
        Assert.Equal(LastResort.NodeId, turn.NodeId);
        var dial = Assert.IsType<DialStep>(turn.Steps[^1]);
        Assert.Equal(("sip:desk@support.example.com", DialTargetKind.Sip, 30), (dial.Target, dial.Kind, dial.TimeoutSeconds));
        Assert.Equal([new("fs", "dial")], LastResort.StageQuery(dial.Next));
        Assert.Equal("es-MX", Assert.IsType<SayStep>(turn.Steps[1]).Locale);
    }

    [Fact]
    public void Turn_Voicemail_RecordsThenSaysGoodbyeAndHangsUp()
    {
        var turn = LastResort.Turn(Options(LastResortMode.Voicemail), new SayStep("Sorry", "es-MX"));

        Assert.Equal([typeof(SayStep), typeof(SayStep), typeof(RecordStep), typeof(SayStep), typeof(HangupStep)], turn.Steps.Select(s => s.GetType()));
        var record = Assert.IsType<RecordStep>(turn.Steps[2]);
        Assert.Equal((120, true, false), (record.MaxLengthSeconds, record.PlayBeep, record.Transcribe));
        Assert.Equal(LastResort.StageRecord, record.Next.NodeId);
    }

    [Fact]
    public void Turn_AutoWithoutSupportNumber_IsVoicemail_AutoWithOne_IsTransfer()
    {
        Assert.Equal("apology+voicemail", LastResort.Turn(Options(LastResortMode.Auto), new SayStep("Sorry", "es-MX")).Outcome);
        Assert.Equal("apology+transfer", LastResort.Turn(Options(LastResortMode.Auto, "+15005550123"), new SayStep("Sorry", "es-MX")).Outcome);
    }

    [Theory]
    [InlineData(LastResort.StageDial, DialOutcome.Completed, "transferred", 1)]
    [InlineData(LastResort.StageDial, DialOutcome.Canceled, "transferred", 1)]
    [InlineData(LastResort.StageDial, DialOutcome.Busy, "goodbye", 2)]
    [InlineData(LastResort.StageDial, DialOutcome.NoAnswer, "goodbye", 2)]
    [InlineData("zzz", DialOutcome.Completed, "goodbye", 2)]
    public void AfterStage_Dial_HangsUpAfterATransferAndSaysGoodbyeOtherwise(string stage, DialOutcome outcome, string expected, int steps)
    {
        var turn = LastResort.AfterStage(Options(LastResortMode.Transfer, "+15005550123"), stage, new DialResultInput(outcome));

        Assert.Equal(expected, turn.Outcome);
        Assert.Equal(steps, turn.Steps.Count);
        Assert.IsType<HangupStep>(turn.Steps[^1]);
    }

    [Theory]
    [InlineData("https://api.twilio.com/rec/RE1", 7, "recorded")]
    [InlineData("https://api.twilio.com/rec/RE1", 0, "goodbye")]
    [InlineData(null, 7, "goodbye")]
    public void AfterStage_Record_ThanksOnlyForARecordingWithSound(string? url, int seconds, string expected)
    {
        var options = Options(LastResortMode.Voicemail);
        var turn = LastResort.AfterStage(options, LastResort.StageRecord, new RecordingResultInput(url, seconds));

        Assert.Equal(expected, turn.Outcome);
        Assert.Equal(expected == "recorded" ? options.ThankYouText : options.GoodbyeText, Assert.IsType<SayStep>(turn.Steps[0]).Text);
    }

    [Fact]
    public void Apology_BundledPrompt_IsPlayed_OtherwiseTheTextIsSpoken()
    {
        var options = new FallbackOptions { ApologyPromptId = "sorry" };

        var played = Assert.IsType<PlayPromptStep>(LastResort.Apology(options, "en-US/sorry.wav", "en-US"));
        var spoken = Assert.IsType<SayStep>(LastResort.Apology(options, null, null));

        Assert.Equal(("sorry", "en-US/sorry.wav", options.ApologyText), (played.PromptId, played.AudioKey, played.Text));
        Assert.Equal(options.ApologyText, spoken.Text);
    }
}
