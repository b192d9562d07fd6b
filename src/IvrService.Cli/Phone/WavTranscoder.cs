using System.Buffers.Binary;

namespace IvrService.Cli.Phone;

/// <summary>
/// Turns G.711 (µ-law, A-law) WAV into 16-bit PCM WAV for the browser. Twilio and Chromium play G.711 WAV, but
/// Firefox and Safari play only PCM WAV, and the sample prompts are 8 kHz µ-law: decoding them here lets every browser
/// play the real recordings. Anything else is served unchanged.
/// </summary>
internal static class WavTranscoder
{
    private const ushort FormatPcm = 1;
    private const ushort FormatALaw = 6;
    private const ushort FormatMuLaw = 7;

    /// <summary>The PCM version of a G.711 WAV, or null when <paramref name="wav"/> is not one (or is malformed).</summary>
    public static byte[]? ToPcm16(ReadOnlySpan<byte> wav)
    {
        if (wav.Length < 12 || !wav[..4].SequenceEqual("RIFF"u8) || !wav[8..12].SequenceEqual("WAVE"u8))
        {
            return null;
        }

        ushort format = 0, channels = 0;
        uint sampleRate = 0;
        ReadOnlySpan<byte> data = default;
        var found = false;
        for (var offset = 12; offset + 8 <= wav.Length;)
        {
            var id = wav.Slice(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(wav.Slice(offset + 4, 4));
            var body = offset + 8;
            var available = (int)Math.Min(size, (uint)(wav.Length - body));
            if (id.SequenceEqual("fmt "u8) && available >= 16)
            {
                format = BinaryPrimitives.ReadUInt16LittleEndian(wav.Slice(body, 2));
                channels = BinaryPrimitives.ReadUInt16LittleEndian(wav.Slice(body + 2, 2));
                sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(wav.Slice(body + 4, 4));
            }
            else if (id.SequenceEqual("data"u8))
            {
                data = wav.Slice(body, available);
                found = true;
                break;
            }

            // Chunks are word-aligned.
            offset = body + (int)Math.Min(size + (size & 1), (uint)(wav.Length - body));
        }

        if (!found || format is not (FormatMuLaw or FormatALaw) || channels is 0 or > 8 || sampleRate is 0 or > 384_000)
        {
            return null;
        }

        var pcm = new byte[44 + data.Length * 2];
        var header = pcm.AsSpan();
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)(pcm.Length - 8));
        "WAVE"u8.CopyTo(header[8..]);
        "fmt "u8.CopyTo(header[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header[20..], FormatPcm);
        BinaryPrimitives.WriteUInt16LittleEndian(header[22..], channels);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], sampleRate * channels * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], (ushort)(channels * 2));
        BinaryPrimitives.WriteUInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[40..], (uint)(data.Length * 2));
        for (var i = 0; i < data.Length; i++)
        {
            var sample = format == FormatMuLaw ? MuLaw(data[i]) : ALaw(data[i]);
            BinaryPrimitives.WriteInt16LittleEndian(header[(44 + i * 2)..], sample);
        }

        return pcm;
    }

    /// <summary>ITU-T G.711 µ-law expansion.</summary>
    internal static short MuLaw(byte value)
    {
        var u = ~value & 0xFF;
        var magnitude = ((((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4)) - 0x84;
        return (short)((u & 0x80) != 0 ? -magnitude : magnitude);
    }

    /// <summary>ITU-T G.711 A-law expansion.</summary>
    internal static short ALaw(byte value)
    {
        var a = value ^ 0x55;
        var exponent = (a & 0x70) >> 4;
        var mantissa = a & 0x0F;
        var magnitude = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
        return (short)((a & 0x80) != 0 ? magnitude : -magnitude);
    }
}
