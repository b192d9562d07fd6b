using System.Globalization;
using System.Text;

namespace IvrService.Testing.Fuzz;

/// <summary>
/// Seeded, reproducible random inputs for fuzz-style tests. Every case gets its own seed derived from the run's seed
/// and the case number, so one failing case can be replayed alone: set <c>IVR_FUZZ_SEED</c> to the run seed printed
/// in the failure message (the default seed is fixed, so CI runs are repeatable).
/// </summary>
public static class Fuzz
{
    /// <summary>Environment variable that overrides the run seed.</summary>
    public const string SeedVariable = "IVR_FUZZ_SEED";

    private static readonly string[] Exotic =
    [
        "\u0000", "\u0001", "\u0007", "\t", "\r\n", "\u007f", "\u0085", "\u00a0", "\u200b", "\u202e", "\ufeff", "\uffff",
        "\ud800", "\udc00", "😀", "📞", "é", "ß", "İ", "ı", "Ω", "中", "ـ", "%", "%2", "%zz", "%00", "%C3%28", "+", "&", "=",
        "#", "?", "/", "'", "\"", "<", ">", "\\", " ", "Digits", "CallSid", "bodySHA256",
    ];

    /// <summary>The run seed: <c>IVR_FUZZ_SEED</c> when set, else <paramref name="fallback"/>.</summary>
    public static int RunSeed(int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : fallback;

    /// <summary>The generator for case <paramref name="index"/> of a run.</summary>
    public static Random ForCase(int runSeed, int index) =>
        // Not HashCode.Combine: it is randomised per process, and a replay must give the same case.
        new(unchecked((runSeed * 1_000_003) + index));

    /// <summary>How to replay a failure, for assertion messages.</summary>
    public static string Replay(int runSeed, int index) =>
        $"run seed {runSeed}, case #{index} (replay: {SeedVariable}={runSeed})";

    /// <summary>A short random string mixing ASCII, escapes, control characters, lone surrogates and emoji.</summary>
    public static string Text(Random random, int maxParts = 6)
    {
        ArgumentNullException.ThrowIfNull(random);
        var builder = new StringBuilder();
        var parts = random.Next(maxParts + 1);
        for (var i = 0; i < parts; i++)
        {
            builder.Append(random.Next(4) switch
            {
                0 => Exotic[random.Next(Exotic.Length)],
                1 => (char)random.Next(0x20, 0x7f),
                2 => char.ConvertFromUtf32(random.Next(0x80, 0x2FFFF) is var cp && cp is >= 0xD800 and <= 0xDFFF ? 0x41 : cp),
                _ => random.Next(100_000).ToString(CultureInfo.InvariantCulture),
            });
        }

        return builder.ToString();
    }

    /// <summary><paramref name="text"/> without unpaired surrogates (which <c>Uri.EscapeDataString</c> refuses).</summary>
    public static string WithoutLoneSurrogates(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogatePair(text, i))
            {
                builder.Append(text, i++, 2);
            }
            else if (!char.IsSurrogate(text[i]))
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    /// <summary>Flips, inserts or deletes characters of <paramref name="value"/> (at least one edit).</summary>
    public static string MutateText(Random random, string value)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value);
        var edits = 1 + random.Next(3);
        for (var i = 0; i < edits; i++)
        {
            var at = builder.Length == 0 ? 0 : random.Next(builder.Length);
            switch (builder.Length == 0 ? 1 : random.Next(3))
            {
                case 0:
                    builder[at] = (char)(builder[at] ^ (1 << random.Next(7)));
                    break;
                case 1:
                    builder.Insert(at, Text(random, 1) is { Length: > 0 } t ? t : "x");
                    break;
                default:
                    builder.Remove(at, 1);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Flips, inserts or deletes bytes of a raw body (at least one edit).</summary>
    public static byte[] MutateBytes(Random random, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(body);
        var bytes = new List<byte>(body);
        var edits = 1 + random.Next(4);
        for (var i = 0; i < edits; i++)
        {
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (bytes.Count == 0 ? 1 : random.Next(3))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    var insert = random.Next(3) == 0
                        ? Encoding.UTF8.GetBytes(Text(random, 2))
                        : [(byte)random.Next(256)];
                    bytes.InsertRange(at, insert);
                    break;
                default:
                    bytes.RemoveAt(at);
                    break;
            }
        }

        return [.. bytes];
    }
}
