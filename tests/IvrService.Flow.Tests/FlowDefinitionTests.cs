using IvrService.Testing;

namespace IvrService.Flow.Tests;

public class FlowDefinitionTests
{
    [Fact]
    public void EnumeratePromptAudio_Sample_ListsEveryPromptOfEveryLocale()
    {
        var audio = TestFlows.Sample.EnumeratePromptAudio().ToList();

        Assert.Equal(26, audio.Count);
        Assert.Equal(13, audio.Count(a => a.Locale == "es-US"));
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
}
