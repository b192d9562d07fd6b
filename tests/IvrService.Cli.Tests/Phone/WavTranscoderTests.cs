using System.Buffers.Binary;
using IvrService.Cli.Phone;
using IvrService.Testing;

namespace IvrService.Cli.Tests.Phone;

public sealed class WavTranscoderTests
{
    [Fact]
    public void ToPcm16_SamplePromptInMuLaw_BecomesPcmWithTheSameSamples()
    {
        var wav = File.ReadAllBytes(Path.Combine(RepoPaths.Content, "audio", "en-US", "welcome.wav"));
        Assert.Equal(7, BinaryPrimitives.ReadUInt16LittleEndian(wav.AsSpan(20))); // µ-law, as recorded

        var pcm = WavTranscoder.ToPcm16(wav);

        Assert.NotNull(pcm);
        Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(pcm, 0, 4));
        Assert.Equal("WAVE", System.Text.Encoding.ASCII.GetString(pcm, 8, 4));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(pcm.AsSpan(20)));
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(pcm.AsSpan(22)));
        Assert.Equal(8000u, BinaryPrimitives.ReadUInt32LittleEndian(pcm.AsSpan(24)));
        Assert.Equal(16, BinaryPrimitives.ReadUInt16LittleEndian(pcm.AsSpan(34)));
        var dataBytes = BinaryPrimitives.ReadUInt32LittleEndian(pcm.AsSpan(40));
        Assert.Equal(pcm.Length - 44, (int)dataBytes);
        Assert.Equal((uint)pcm.Length - 8, BinaryPrimitives.ReadUInt32LittleEndian(pcm.AsSpan(4)));
        // Speech, not silence: some samples are loud.
        var peak = Enumerable.Range(0, (int)dataBytes / 2).Max(i => Math.Abs((int)BinaryPrimitives.ReadInt16LittleEndian(pcm.AsSpan(44 + i * 2))));
        Assert.InRange(peak, 2000, 32767);
    }

    [Theory]
    [InlineData(0xFF, 0)]
    [InlineData(0x7F, 0)]
    [InlineData(0x00, -32124)]
    [InlineData(0x80, 32124)]
    [InlineData(0xF0, 120)]
    public void MuLaw_KnownCodes_ExpandToG711Values(byte code, short expected) =>
        Assert.Equal(expected, WavTranscoder.MuLaw(code));

    [Theory]
    [InlineData(0xD5, 8)]
    [InlineData(0x55, -8)]
    [InlineData(0xAA, 32256)]
    [InlineData(0x2A, -32256)]
    public void ALaw_KnownCodes_ExpandToG711Values(byte code, short expected) =>
        Assert.Equal(expected, WavTranscoder.ALaw(code));

    [Fact]
    public void ToPcm16_PcmOrNotWav_IsLeftAlone()
    {
        var pcm = WavTranscoder.ToPcm16(File.ReadAllBytes(Path.Combine(RepoPaths.Content, "audio", "en-US", "welcome.wav")))!;

        Assert.Null(WavTranscoder.ToPcm16(pcm));
        Assert.Null(WavTranscoder.ToPcm16("ID3 not a wav"u8));
        Assert.Null(WavTranscoder.ToPcm16([]));
        Assert.Null(WavTranscoder.ToPcm16(pcm.AsSpan(0, 30)));
    }
}
