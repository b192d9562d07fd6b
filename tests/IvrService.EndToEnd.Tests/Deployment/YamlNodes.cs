using YamlDotNet.RepresentationModel;

namespace IvrService.EndToEnd.Tests.Deployment;

/// <summary>Navigation helpers over YamlDotNet's representation model that fail the test with the missing path.</summary>
internal static class YamlNodes
{
    public static IReadOnlyList<YamlDocument> LoadAll(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return [.. stream.Documents];
    }

    public static YamlMappingNode LoadMapping(string text) =>
        Assert.IsType<YamlMappingNode>(LoadAll(text).Single().RootNode, exactMatch: false);

    public static YamlNode? Get(this YamlNode node, string key) =>
        node is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static YamlMappingNode Map(this YamlNode node, string key) =>
        Assert.IsType<YamlMappingNode>(Required(node, key), exactMatch: false);

    public static YamlSequenceNode Seq(this YamlNode node, string key) =>
        Assert.IsType<YamlSequenceNode>(Required(node, key), exactMatch: false);

    public static string Text(this YamlNode node, string key) =>
        Assert.IsType<YamlScalarNode>(Required(node, key), exactMatch: false).Value ?? string.Empty;

    public static string? TextOrNull(this YamlNode node, string key) => (node.Get(key) as YamlScalarNode)?.Value;

    public static string Text(this YamlNode node) => Assert.IsType<YamlScalarNode>(node, exactMatch: false).Value ?? string.Empty;

    public static IEnumerable<string> Keys(this YamlMappingNode mapping) =>
        mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? string.Empty);

    /// <summary>Every node below (and including) this one, depth first.</summary>
    public static IEnumerable<YamlNode> Descendants(this YamlNode node)
    {
        yield return node;
        var children = node switch
        {
            YamlMappingNode mapping => mapping.Children.SelectMany(pair => new[] { pair.Key, pair.Value }),
            YamlSequenceNode sequence => sequence.Children,
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var descendant in child.Descendants())
            {
                yield return descendant;
            }
        }
    }

    private static YamlNode Required(YamlNode node, string key)
    {
        var value = node.Get(key);
        Assert.True(value is not null, $"Missing key '{key}' at line {node.Start.Line}.");
        return value!;
    }
}
