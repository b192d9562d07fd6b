using IvrService.Testing;

namespace IvrService.Flow.Tests;

public class FlowDefinitionTests
{
    [Fact]
    public void EnumeratePromptAudio_Sample_ListsEveryPromptOfEveryLocale()
    {
        var audio = TestFlows.Sample.EnumeratePromptAudio().ToList();

        Assert.Equal(30, audio.Count);
        Assert.Equal(15, audio.Count(a => a.Locale == "es-US"));
        Assert.Contains(new PromptAudio("es-US", "welcome", "es-US/welcome.wav", "Gracias por llamar a Example Company."), audio);
        Assert.Equal(audio.Count, audio.Select(a => a.AudioKey).Distinct().Count());
    }

    [Fact]
    public void EnumeratePromptAudio_Sample_EveryRecordingIsCommitted()
    {
        foreach (var prompt in TestFlows.Sample.EnumeratePromptAudio())
        {
            var file = new FileInfo(Path.Combine(RepoPaths.Content, "audio", prompt.AudioKey));
            Assert.True(file.Exists, $"{prompt.AudioKey} is missing; run content/generate-audio.sh");

            // RIFF/WAVE header with format tag 7 (mu-law), 1 channel, 8000 Hz: what Twilio plays without transcoding.
            var header = new byte[28];
            using (var stream = file.OpenRead())
            {
                stream.ReadExactly(header);
            }

            Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(header, 0, 4));
            Assert.Equal("WAVE", System.Text.Encoding.ASCII.GetString(header, 8, 4));
            Assert.Equal((7, 1, 8000), (BitConverter.ToInt16(header, 20), BitConverter.ToInt16(header, 22), BitConverter.ToInt32(header, 24)));
        }
    }

    [Fact]
    public void FindNode_UnknownOrNull_IsNull()
    {
        Assert.Null(TestFlows.Sample.FindNode("nope"));
        Assert.Null(TestFlows.Sample.FindNode(null));
        Assert.IsType<MenuNode>(TestFlows.Sample.FindNode("main"));
    }

    [Fact]
    public void EnumerateTexts_EveryReplyAndTextBody_WithPathLocaleAndKind()
    {
        var flow = TestFlows.Parse(TestFlows.TextFlowJson(sms: """
            {
              "keywords": [
                { "match": ["HOURS", "OPEN"], "reply": "Open 9-5." },
                { "match": ["HELP"], "reply": { "en-US": "Call us.", "es-US": "Llámenos." } }
              ],
              "defaultReply": { "en-US": "Reply HOURS." }
            }
            """));

        Assert.Equal(
            [
                ("$.sms.keywords[0].reply", null, "Open 9-5.", FlowTextKind.KeywordReply, "HOURS"),
                ("$.sms.keywords[1].reply['en-US']", "en-US", "Call us.", FlowTextKind.KeywordReply, "HELP"),
                ("$.sms.keywords[1].reply['es-US']", "es-US", "Llámenos.", FlowTextKind.KeywordReply, "HELP"),
                ("$.sms.defaultReply['en-US']", "en-US", "Reply HOURS.", FlowTextKind.DefaultReply, "default reply"),
                ("$.nodes.link.body['en-US']", "en-US", "Book: https://example.com/b", FlowTextKind.TextNode, "link"),
                ("$.nodes.link.body['es-US']", "es-US", "Reserve: https://example.com/b", FlowTextKind.TextNode, "link"),
            ],
            flow.EnumerateTexts().Select(t => (t.Path, t.Locale, t.Text, t.Kind, t.Source)));
    }

    [Fact]
    public void MaxTextSegments_DefaultsToThree_FlowSettingWins()
    {
        Assert.Equal(3, TestFlows.Parse(TestFlows.TextFlowJson()).MaxTextSegments);
        Assert.Equal(5, TestFlows.Parse(TestFlows.TextFlowJson(sms: """{ "maxSegments": 5 }""")).MaxTextSegments);
    }
}

