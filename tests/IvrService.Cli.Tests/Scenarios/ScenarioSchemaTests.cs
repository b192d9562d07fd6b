using System.Globalization;
using System.Text.Json.Nodes;
using IvrService.Testing;
using NJsonSchema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IvrService.Cli.Tests.Scenarios;

// content/flow.tests.schema.json is what editors check scenario files with: it must accept the sample and refuse what ScenarioFile refuses.
public sealed class ScenarioSchemaTests
{
    private static readonly string SamplePath = Path.Combine(RepoPaths.Content, "flow.tests.yaml");

    private static async Task<ICollection<NJsonSchema.Validation.ValidationError>> ValidateAsync(string yaml)
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepoPaths.Content, "flow.tests.schema.json"));
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return schema.Validate(ToJson(stream.Documents[0].RootNode)!.ToJsonString());
    }

    // YAML's core schema as editors read it: plain true/false are booleans, plain integers numbers, the rest strings.
    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } b => JsonValue.Create(b.Value == "true"),
        YamlScalarNode { Style: ScalarStyle.Plain } s when long.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
        YamlScalarNode s => JsonValue.Create(s.Value),
        _ => null,
    };

    [Fact]
    public async Task Schema_SampleScenarios_Validate()
    {
        var errors = await ValidateAsync(await File.ReadAllTextAsync(SamplePath));

        Assert.Empty(errors.Select(e => $"{e.Path}: {e.Kind}"));
    }

    [Theory]
    [InlineData("- press: \"1\"", "- press: \"1a\"")]
    [InlineData("- transfer: busy", "- transfer: maybe")]
    [InlineData("- silence", "- dance")]
    [InlineData("- fail: 11200", "- fail: 404")]
    [InlineData("given: {caller: withheld}", "given: {caller: \"555-0100\"}")]
    [InlineData("expect: {ends: transfer}", "expect: {ends: forever}")]
    [InlineData("- expect: {hears: connecting-sales}", "- expect: {hears: connecting-sales, ends: hangup}")]
    public async Task Schema_BrokenVariantsOfSample_AreRejected(string original, string replacement)
    {
        var sample = await File.ReadAllTextAsync(SamplePath);
        Assert.Contains(original, sample, StringComparison.Ordinal);

        Assert.NotEmpty(await ValidateAsync(sample.Replace(original, replacement, StringComparison.Ordinal)));
    }
}
