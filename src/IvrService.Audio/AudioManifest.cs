using System.Text.Json;

namespace IvrService.Audio;

/// <summary>
/// Maps prompt keys to content-hashed keys (<c>en-US/welcome.wav</c> → <c>en-US/welcome.1a2b3c4d.wav</c>), written by
/// <c>ivr audio sync --hashed-keys</c>. A changed recording gets a new key, hence a new URL, so Twilio's per-URL
/// cache can never serve the old one.
/// </summary>
public sealed class AudioManifest
{
    /// <summary>The file name sync writes next to the uploaded folder unless told otherwise.</summary>
    public const string DefaultFileName = "audio-manifest.json";

    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true };

    private readonly Dictionary<string, string> _keys;

    /// <summary>Creates a manifest from a key → hashed key map.</summary>
    public AudioManifest(IReadOnlyDictionary<string, string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = new Dictionary<string, string>(keys, StringComparer.Ordinal);
    }

    /// <summary>An empty manifest: every key maps to itself.</summary>
    public static AudioManifest Empty { get; } = new(new Dictionary<string, string>());

    /// <summary>The key → hashed key pairs.</summary>
    public IReadOnlyDictionary<string, string> Keys => _keys;

    /// <summary>The stored key for <paramref name="key"/>: its hashed key when listed, otherwise the key itself.</summary>
    public string Resolve(string key) => _keys.TryGetValue(key, out var hashed) ? hashed : key;

    /// <summary>Reads a manifest file; throws <see cref="InvalidDataException"/> naming the file when it is unusable.</summary>
    public static AudioManifest Load(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var document = JsonSerializer.Deserialize<ManifestDocument>(stream)
                ?? throw new InvalidDataException($"Audio manifest '{path}' is empty.");
            var keys = document.Keys ?? new Dictionary<string, string>();
            foreach (var (key, hashed) in keys)
            {
                if (!AudioKey.IsValid(key) || !AudioKey.IsValid(hashed))
                {
                    throw new InvalidDataException($"Audio manifest '{path}' maps '{key}' to '{hashed}'; both must be valid audio keys.");
                }
            }

            return new AudioManifest(keys);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Audio manifest '{path}' is not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>Writes the manifest as indented JSON, keys sorted, so it diffs well in version control.</summary>
    public void Save(string path)
    {
        var document = new ManifestDocument
        {
            Keys = new SortedDictionary<string, string>(_keys, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(document, WriteOptions) + "\n");
    }

    private sealed class ManifestDocument
    {
        public Dictionary<string, string>? Keys { get; set; }
    }
}
