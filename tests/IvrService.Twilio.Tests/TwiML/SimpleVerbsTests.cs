using IvrService.Twilio.TwiML;

namespace IvrService.Twilio.Tests.TwiML;

/// <summary>Hangup, Leave, Reject, Redirect, Enqueue: the small verbs.</summary>
public class SimpleVerbsTests
{
    [Fact]
    public void Hangup_And_Leave_AreEmptyElements()
    {
        var root = TwiMLAssert.Root(new VoiceResponse().Leave().Hangup().ToString());

        Assert.Equal(["Leave", "Hangup"], root.Elements().Select(e => e.Name.LocalName));
        Assert.All(root.Elements(), e => Assert.True(e.IsEmpty));
    }

    [Theory]
    [InlineData(RejectReason.Rejected, "rejected")]
    [InlineData(RejectReason.Busy, "busy")]
    public void Reject_Reason(RejectReason reason, string expected) =>
        Assert.Equal(expected, Render.Attributes(new Reject { Reason = reason })["reason"]);

    [Fact]
    public void Reject_Default_NoReason() => Assert.Empty(TwiMLAssert.Attributes(TwiMLAssert.Single(new VoiceResponse().Reject().ToString())));

    [Fact]
    public void Redirect_UrlAndMethod()
    {
        var element = TwiMLAssert.Single(new VoiceResponse().Redirect("/voice?n=main&t=2", TwilioHttpMethod.Get).ToString());

        Assert.Equal("/voice?n=main&t=2", element.Value);
        Assert.Equal(new Dictionary<string, string> { ["method"] = "GET" }, TwiMLAssert.Attributes(element));
    }

    [Fact]
    public void Enqueue_AllAttributes()
    {
        var element = Render.Voice(new Enqueue("support")
        {
            Action = "/voice/queue-done",
            Method = TwilioHttpMethod.Post,
            WaitUrl = "https://x/hold.xml",
            WaitUrlMethod = TwilioHttpMethod.Get,
            MaxQueueSize = 50,
            WorkflowSid = "WW1",
        });

        Assert.Equal("support", element.Value);
        Assert.Equal(new Dictionary<string, string>
        {
            ["action"] = "/voice/queue-done",
            ["method"] = "POST",
            ["waitUrl"] = "https://x/hold.xml",
            ["waitUrlMethod"] = "GET",
            ["maxQueueSize"] = "50",
            ["workflowSid"] = "WW1",
        }, TwiMLAssert.Attributes(element));
    }

    [Fact]
    public void Shortcuts_ProduceSameDocumentAsAppend()
    {
        var shortcut = new VoiceResponse().Say("a", "alice", "en-US", 2).Play("https://x/p.wav", 3).Pause(4)
            .Redirect("/r", TwilioHttpMethod.Post).Reject(RejectReason.Busy).Leave().Hangup();
        var appended = new VoiceResponse()
            .Append(new Say("a") { Voice = "alice", Language = "en-US", Loop = 2 })
            .Append(new Play("https://x/p.wav") { Loop = 3 })
            .Append(new Pause(4))
            .Append(new Redirect("/r") { Method = TwilioHttpMethod.Post })
            .Append(new Reject { Reason = RejectReason.Busy })
            .Append(new Leave())
            .Append(new Hangup());

        Assert.Equal(appended.ToString(), shortcut.ToString());
        Assert.Equal(7, shortcut.Verbs.Count);
    }
}
