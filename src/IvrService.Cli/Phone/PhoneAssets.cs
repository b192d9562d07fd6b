namespace IvrService.Cli.Phone;

/// <summary>
/// The page's files, embedded in the CLI so the phone works from any folder and offline: the HTML, script and style
/// from <c>Phone/ui</c>, and Mermaid's browser bundle from npm (embedded at build time when <c>npm ci</c> could run).
/// </summary>
internal static class PhoneAssets
{
    public const string MermaidName = "vendor/mermaid.min.js";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".txt"] = "text/plain; charset=utf-8",
    };

    /// <summary>True when the CLI was built with Mermaid's bundle.</summary>
    public static bool HasMermaid { get; } = Exists(MermaidName);

    // Read once per name: Mermaid's bundle alone is about 3 MB, and the page asks for it on every load.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (byte[] Bytes, string ContentType)?> Loaded = new(StringComparer.Ordinal);

    /// <summary>The asset's bytes and Content-Type, or null for a name that is not embedded.</summary>
    public static (byte[] Bytes, string ContentType)? Get(string name) =>
        Exists(name) ? Loaded.GetOrAdd(name, Read) : null;

    private static (byte[] Bytes, string ContentType)? Read(string name)
    {
        using var stream = typeof(PhoneAssets).Assembly.GetManifestResourceStream("phone/" + name);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var type = ContentTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream");
        return (copy.ToArray(), type);
    }

    private static bool Exists(string name) =>
        typeof(PhoneAssets).Assembly.GetManifestResourceInfo("phone/" + name) is not null;
}
