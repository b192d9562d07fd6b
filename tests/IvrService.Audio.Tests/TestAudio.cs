using System.Buffers.Binary;
using Amazon.Runtime;
using Amazon.S3;
using IvrService.Audio.S3;
using IvrService.Testing;

namespace IvrService.Audio.Tests;

/// <summary>Small real WAV files and S3 helpers for the tests.</summary>
internal static class TestAudio
{
    /// <summary>An 8 kHz mono 8-bit µ-law WAV of <paramref name="samples"/> samples whose bytes depend on <paramref name="seed"/>.</summary>
    public static byte[] Wav(int seed, int samples = 800)
    {
        var data = new byte[44 + samples];
        "RIFF"u8.CopyTo(data);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(4), 36 + samples);
        "WAVEfmt "u8.CopyTo(data.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(20), 7); // µ-law
        BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(24), 8000);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(28), 8000);
        BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(32), 1);
        BinaryPrimitives.WriteInt16LittleEndian(data.AsSpan(34), 8);
        "data"u8.CopyTo(data.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(40), samples);
        new Random(seed).NextBytes(data.AsSpan(44));
        return data;
    }

    /// <summary>A temp folder with the given files (relative path → bytes); deleted on dispose.</summary>
    public static TempFolder Folder(params (string Path, byte[] Bytes)[] files)
    {
        var folder = new TempFolder();
        foreach (var (path, bytes) in files)
        {
            folder.Write(path, bytes);
        }

        return folder;
    }

    public static IAmazonS3 Client(S3rverFixture s3rver)
        => AudioS3Client.Create("us-east-1", s3rver.ServiceUrl, new BasicAWSCredentials(S3rverFixture.AccessKey, S3rverFixture.SecretKey));

    public static async Task<string> NewBucketAsync(this IAmazonS3 s3, S3rverFixture s3rver, string hint = "bucket")
    {
        var bucket = s3rver.NewBucketName(hint);
        await s3.PutBucketAsync(bucket);
        return bucket;
    }
}

internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ivr-audio-" + Guid.NewGuid().ToString("N"));

    public TempFolder() => Directory.CreateDirectory(Path);

    public string Write(string relative, byte[] bytes)
    {
        var full = System.IO.Path.Combine(Path, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
