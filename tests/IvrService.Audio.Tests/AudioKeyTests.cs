namespace IvrService.Audio.Tests;

public class AudioKeyTests
{
    [Theory]
    [InlineData("en-US/welcome.wav")]
    [InlineData("welcome.wav")]
    [InlineData("es-US/menú principal.wav")]
    [InlineData("a/b/c/d.mp3")]
    [InlineData("..hidden/x.wav")]
    public void IsValid_RelativeKeys_AreAccepted(string key) => Assert.True(AudioKey.IsValid(key));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/en-US/welcome.wav")]
    [InlineData("en-US/")]
    [InlineData("en-US//welcome.wav")]
    [InlineData("../welcome.wav")]
    [InlineData("en-US/../../welcome.wav")]
    [InlineData("./welcome.wav")]
    [InlineData("en-US\\welcome.wav")]
    [InlineData("en-US/wel\ncome.wav")]
    public void IsValid_UnsafeKeys_AreRejected(string? key) => Assert.False(AudioKey.IsValid(key));

    [Fact]
    public void EnsureValid_Rejected_MessageNamesKeyAndReason()
    {
        var ex = Assert.Throws<ArgumentException>(() => AudioKey.EnsureValid("../x.wav", "key"));

        Assert.Contains("'../x.wav'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'..'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en-US/welcome.wav", "en-US/welcome.wav")]
    [InlineData("a b/c+d.wav", "a%20b/c%2Bd.wav")]
    [InlineData("ü/~_-.wav", "%C3%BC/~_-.wav")]
    [InlineData("x?y#z%.wav", "x%3Fy%23z%25.wav")]
    public void EscapePath_EscapesEachSegmentOnce(string path, string expected) => Assert.Equal(expected, AudioKey.EscapePath(path));

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("/", "")]
    [InlineData("prompts", "prompts/")]
    [InlineData("/prompts/v2/", "prompts/v2/")]
    public void NormalizePrefix_GivesEmptyOrOneTrailingSlash(string? prefix, string expected) => Assert.Equal(expected, AudioKey.NormalizePrefix(prefix));
}
