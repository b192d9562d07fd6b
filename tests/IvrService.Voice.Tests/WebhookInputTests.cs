using IvrService.Flow;

namespace IvrService.Voice.Tests;

public class WebhookInputTests
{
    private static CallInput From(params (string Key, string? Value)[] parameters) =>
        WebhookInput.From(parameters.ToDictionary(p => p.Key, p => p.Value));

    [Fact]
    public void From_Digits_AreDigits()
    {
        Assert.Equal(CallInput.Digits("3"), From(("Digits", "3"), ("CallSid", "CA1")));
    }

    [Fact]
    public void From_Speech_HasConfidence()
    {
        Assert.Equal(CallInput.Speech("sales", 0.92), From(("SpeechResult", "sales"), ("Confidence", "0.92")));
    }

    [Fact]
    public void From_BadConfidence_IsNull()
    {
        Assert.Equal(CallInput.Speech("sales"), From(("SpeechResult", "sales"), ("Confidence", "high")));
    }

    [Theory]
    [InlineData("completed", DialOutcome.Completed)]
    [InlineData("answered", DialOutcome.Answered)]
    [InlineData("busy", DialOutcome.Busy)]
    [InlineData("no-answer", DialOutcome.NoAnswer)]
    [InlineData("failed", DialOutcome.Failed)]
    [InlineData("canceled", DialOutcome.Canceled)]
    [InlineData("exploded", DialOutcome.Unknown)]
    [InlineData("No-Answer", DialOutcome.NoAnswer)]
    public void From_DialCallStatus_MapsToOutcome(string status, DialOutcome outcome)
    {
        Assert.Equal(CallInput.DialResult(outcome), From(("DialCallStatus", status), ("Digits", "1")));
    }

    [Fact]
    public void From_Recording_HasUrlAndDuration()
    {
        Assert.Equal(CallInput.RecordingResult("https://api.twilio.com/r/RE1", 12),
            From(("RecordingUrl", "https://api.twilio.com/r/RE1"), ("RecordingDuration", "12"), ("Digits", "hangup")));
    }

    [Fact]
    public void From_HangupDigits_AreNotDigits()
    {
        Assert.Equal(CallInput.Unknown, From(("Digits", "hangup")));
    }

    [Fact]
    public void From_Nothing_IsUnknown()
    {
        Assert.Equal(CallInput.Unknown, From(("Digits", ""), ("SpeechResult", null)));
    }

    [Theory]
    [InlineData("{\"reason\":\"transfer\"}", null, "transfer")]
    [InlineData("{\"target\":\"sales\",\"reason\":\"transfer\"}", "sales", "transfer")]
    [InlineData("{\"reasonCode\":\"sdr-handoff\",\"reason\":\"\"}", null, "sdr-handoff")]
    [InlineData("live-agent", null, "live-agent")]
    [InlineData("{not json", null, "{not json")]
    [InlineData("[1,2]", null, "[1,2]")]
    public void From_AgentHandoff_ReadsTargetAndReason(string handoffData, string? target, string? reason)
    {
        Assert.Equal(CallInput.AgentEnded(target, reason), From(("SessionId", "VX1"), ("SessionStatus", "ended"), ("HandoffData", handoffData)));
    }

    [Fact]
    public void From_AgentSessionFailed_IsAFailure()
    {
        Assert.Equal(CallInput.AgentEnded(null, null, failed: true), From(("SessionId", "VX1"), ("SessionStatus", "failed")));
        Assert.Equal(CallInput.AgentEnded(null, null, failed: true), From(("SessionId", "VX1"), ("ErrorCode", "64105")));
        Assert.Equal(CallInput.AgentEnded(null, null), From(("SessionId", "VX1"), ("SessionStatus", "ended")));
        // Too long to be a reason: the default way.
        Assert.Equal(CallInput.AgentEnded(null, null), From(("HandoffData", new string('x', WebhookInput.MaxHandoffLength + 1))));
    }
}
