namespace IvrService.Audio.Tests;

public class AudioContentTypesTests
{
    [Theory]
    [InlineData("welcome.wav", "audio/wav")]
    [InlineData("WELCOME.WAV", "audio/wav")]
    [InlineData("en-US/hold.mp3", "audio/mpeg")]
    [InlineData("beep.ulaw", "audio/ulaw")]
    [InlineData("x.aiff", "audio/aiff")]
    [InlineData("x.gsm", "audio/gsm")]
    public void TryGetContentType_AudioFiles_MapToATypeTwilioPlays(string file, string expected)
    {
        Assert.True(AudioContentTypes.TryGetContentType(file, out var type));
        Assert.Equal(expected, type);
        Assert.True(AudioContentTypes.IsPlayable(type));
    }

    [Theory]
    [InlineData("notes.txt")]
    [InlineData("flow.json")]
    [InlineData("noextension")]
    public void TryGetContentType_OtherFiles_AreNotAudio(string file) => Assert.False(AudioContentTypes.TryGetContentType(file, out _));

    [Theory]
    [InlineData("audio/x-wav", true)]
    [InlineData("Audio/Mpeg", true)]
    [InlineData("audio/wav; charset=binary", true)]
    [InlineData("binary/octet-stream", false)]
    [InlineData("application/octet-stream", false)]
    [InlineData("audio/ogg", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsPlayable_FollowsTwiliosList(string? contentType, bool expected) => Assert.Equal(expected, AudioContentTypes.IsPlayable(contentType));
}
