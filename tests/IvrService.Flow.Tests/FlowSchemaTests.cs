using IvrService.Testing;
using NJsonSchema;

namespace IvrService.Flow.Tests;

// Mirrors src/IvrService.Flow/flow.schema.json.
public class FlowSchemaTests
{
    private static readonly string SchemaPath = Path.Combine(RepoPaths.Root, "src", "IvrService.Flow", "flow.schema.json");

    private static async Task<JsonSchema> SchemaAsync() => await JsonSchema.FromFileAsync(SchemaPath);

    [Fact]
    public async Task Schema_SampleFlow_Validates()
    {
        var schema = await SchemaAsync();

        var errors = schema.Validate(await File.ReadAllTextAsync(RepoPaths.SampleFlow));

        Assert.Empty(errors.Select(e => $"{e.Path}: {e.Kind}"));
    }

    [Fact]
    public async Task Schema_CopyNextToSample_IsIdentical()
    {
        var shipped = await File.ReadAllTextAsync(SchemaPath);
        var copy = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Content, "flow.schema.json"));

        Assert.Equal(shipped, copy);
    }

    [Theory]
    [InlineData("\"type\": \"play\"", "\"type\": \"ploy\"")]
    [InlineData("\"to\": \"+15005550006\"", "\"to\": \"5550006\"")]
    [InlineData("\"timeoutSeconds\": 5,", "\"timeoutSeconds\": 5, \"colour\": \"red\",")]
    [InlineData("\"monday\": [\"09:00-17:00\"]", "\"monday\": [\"9-5\"]")]
    [InlineData("\"repeatKey\": \"*\"", "\"repeatKey\": \"**\"")]
    public async Task Schema_BrokenVariantsOfSample_AreRejected(string original, string replacement)
    {
        var schema = await SchemaAsync();
        var json = await File.ReadAllTextAsync(RepoPaths.SampleFlow);
        Assert.Contains(original, json);

        var errors = schema.Validate(json.Replace(original, replacement, StringComparison.Ordinal));

        Assert.NotEmpty(errors);
    }
}
