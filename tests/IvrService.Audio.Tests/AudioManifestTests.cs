namespace IvrService.Audio.Tests;

public sealed class AudioManifestTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void SaveThenLoad_RoundTripsTheKeys()
    {
        var path = Path.Combine(_folder.Path, AudioManifest.DefaultFileName);
        new AudioManifest(new Dictionary<string, string> { ["b/x.wav"] = "b/x.11111111.wav", ["a/y.wav"] = "a/y.22222222.wav" }).Save(path);

        var loaded = AudioManifest.Load(path);

        Assert.Equal("b/x.11111111.wav", loaded.Resolve("b/x.wav"));
        Assert.Equal("a/y.22222222.wav", loaded.Resolve("a/y.wav"));
        Assert.Equal("c/z.wav", loaded.Resolve("c/z.wav"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"Keys\":{\"a.wav\":\"../b.wav\"}}")]
    public void Load_BadFile_ThrowsInvalidDataNamingTheFile(string content)
    {
        var path = _folder.Write("bad.json", System.Text.Encoding.UTF8.GetBytes(content));

        var ex = Assert.Throws<InvalidDataException>(() => AudioManifest.Load(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }
}
