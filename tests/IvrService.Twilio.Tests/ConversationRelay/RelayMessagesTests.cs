using System.Text;
using System.Text.Json;
using IvrService.Twilio.ConversationRelay;

namespace IvrService.Twilio.Tests.ConversationRelay;

public sealed class RelayMessagesTests
{
    private static RelayInbound? Parse(string json, out RelayParseFailure? failure) => RelayMessages.Parse(Encoding.UTF8.GetBytes(json), out failure);

    [Fact]
    public void Parse_TwiliosMessages_AreReadWithTheirFields()
    {
        Assert.Equal(new RelaySetup("VX1", "CA1", "+1415", "+1800"),
            Parse("""{"type":"setup","sessionId":"VX1","accountSid":"AC1","callSid":"CA1","from":"+1415","to":"+1800","direction":"inbound","customParameters":{"a":"b"}}""", out _));
        Assert.Equal(new RelayPrompt("hello", "en-US", true), Parse("""{"type":"prompt","voicePrompt":"hello","lang":"en-US","last":true}""", out _));
        Assert.Equal(new RelayPrompt("hel", null, false), Parse("""{"type":"prompt","voicePrompt":"hel","last":false}""", out _));
        Assert.Equal(new RelayPrompt("no last field", null, true), Parse("""{"type":"prompt","voicePrompt":"no last field"}""", out _));
        Assert.Equal(new RelayDtmf("#"), Parse("""{"type":"dtmf","digit":"#"}""", out _));
        Assert.Equal(new RelayInterrupt("Life is a"), Parse("""{"type":"interrupt","utteranceUntilInterrupt":"Life is a","durationUntilInterruptMs":"460"}""", out _));
        Assert.Equal(new RelayError("Invalid message"), Parse("""{"type":"error","description":"Invalid message"}""", out _));
        Assert.Equal(new RelayUnknown("agentSpeaking"), Parse("""{"type":"agentSpeaking"}""", out var none));
        Assert.Null(none);
    }

    [Theory]
    [InlineData("", "not JSON")]
    [InlineData("{\"type\":", "not JSON")]
    [InlineData("42", "not an object")]
    [InlineData("{\"type\":7}", "no \"type\"")]
    [InlineData("{\"type\":\"prompt\"}", "without \"voicePrompt\"")]
    [InlineData("{\"type\":\"dtmf\",\"digit\":\"x\"}", "one key")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]", "not JSON")]
    public void Parse_Malformed_SaysWhy(string frame, string reason)
    {
        Assert.Null(Parse(frame, out var failure));
        Assert.Contains(reason, failure!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_AppMessages_AreTwiliosJson()
    {
        using (var text = JsonDocument.Parse(RelayMessages.Text("Hi \"you\", ¿sí?")))
        {
            Assert.Equal(("text", "Hi \"you\", ¿sí?", true), (text.RootElement.GetProperty("type").GetString(), text.RootElement.GetProperty("token").GetString(), text.RootElement.GetProperty("last").GetBoolean()));
        }

        Assert.Equal("""{"type":"text","token":"Ho","last":false,"lang":"es-US"}""", Encoding.UTF8.GetString(RelayMessages.Text("Ho", last: false, lang: "es-US")));
        Assert.Equal("""{"type":"play","source":"https://x/a.wav"}""", Encoding.UTF8.GetString(RelayMessages.Play("https://x/a.wav")));
        Assert.Equal("""{"type":"sendDigits","digits":"12#"}""", Encoding.UTF8.GetString(RelayMessages.SendDigits("12#")));
        var end = JsonDocument.Parse(RelayMessages.End(RelayMessages.Handoff("transfer")));
        Assert.Equal("end", end.RootElement.GetProperty("type").GetString());
        Assert.Equal("transfer", JsonDocument.Parse(end.RootElement.GetProperty("handoffData").GetString()!).RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public void TwiliosSide_WrittenMessages_ParseBackAsWhatTheyAre()
    {
        Assert.Equal(new RelaySetup("VX1", "CA1", "+1415", "+1800"), RelayMessages.Parse(RelayMessages.Setup("VX1", "AC1", "CA1", "+1415", "+1800"), out _));
        Assert.Equal(new RelayPrompt("opening hours", "es-US", true), RelayMessages.Parse(RelayMessages.Prompt("opening hours", "es-US"), out _));
        Assert.Equal(new RelayDtmf("#"), RelayMessages.Parse(RelayMessages.Dtmf('#'), out _));
    }

    [Fact]
    public void ParseFromApp_ReadsTextEndAndTheRest()
    {
        Assert.Equal(new RelayText("Hi", true), RelayMessages.ParseFromApp(RelayMessages.Text("Hi"), out _));
        Assert.Equal(new RelayText("Ho", false), RelayMessages.ParseFromApp(RelayMessages.Text("Ho", last: false), out _));
        Assert.Equal(new RelayEnd("{\"reason\":\"x\"}"), RelayMessages.ParseFromApp(RelayMessages.End(RelayMessages.Handoff("x")), out _));
        Assert.Equal(new RelayEnd(null), RelayMessages.ParseFromApp(RelayMessages.End(null), out _));
        Assert.Equal(new RelayOtherOutbound("play"), RelayMessages.ParseFromApp(RelayMessages.Play("https://x/a.wav"), out _));
        Assert.Null(RelayMessages.ParseFromApp(Encoding.UTF8.GetBytes("{\"type\":\"text\"}"), out var failure));
        Assert.Equal("a text message without \"token\"", failure!.Reason);
    }
}
