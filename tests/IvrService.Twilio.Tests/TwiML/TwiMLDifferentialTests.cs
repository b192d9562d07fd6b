using System.Globalization;
using System.Text.Json.Nodes;

namespace IvrService.Twilio.Tests.TwiML;

/// <summary>
/// Our writer against the official twilio npm library (6.2.0): the same random documents (unicode, markup
/// characters, quotes, whitespace, every verb and attribute kind) must parse to the same XML — element names,
/// attributes as sets, text. Set IVR_TWIML_SEED to explore other seeds; failures print the seed and case index.
/// </summary>
public class TwiMLDifferentialTests(TwiMLDifferentialTests.OracleRun run) : IClassFixture<TwiMLDifferentialTests.OracleRun>
{
    public const int CaseCount = 120;

    public static TheoryData<int> Cases()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < CaseCount; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Document_MatchesOfficialLibrary(int index)
    {
        var ours = run.Ours[index];
        var theirs = run.Theirs[index];

        var expected = TwiMLAssert.Canonical(TwiMLAssert.Root(theirs));
        var actual = TwiMLAssert.Canonical(TwiMLAssert.Root(ours));

        Assert.True(expected == actual,
            $"seed {run.Seed}, case {index}\nspec: {run.Specs[index]}\nnode: {theirs}\nours: {ours}\nnode canonical: {expected}\nours canonical: {actual}");
    }

    [Fact]
    public void Cases_CoverEveryVerb()
    {
        var names = run.Specs.SelectMany(spec => Names(spec["verbs"]!.AsArray())).ToHashSet(StringComparer.Ordinal);

        Assert.Superset(
            new HashSet<string>(["Say", "Play", "Pause", "Gather", "Redirect", "Dial", "Number", "Client", "Sip", "Record",
                "Hangup", "Reject", "Enqueue", "Leave", "Message", "Body", "Media"], StringComparer.Ordinal),
            names);
    }

    private static IEnumerable<string> Names(JsonArray elements) =>
        elements.SelectMany(e => new[] { (string)e!["name"]! }
            .Concat(e["children"] is JsonArray children ? Names(children) : []));

    /// <summary>Generates every case once and runs node once for the whole class.</summary>
    public sealed class OracleRun
    {
        public OracleRun()
        {
            Seed = int.TryParse(Environment.GetEnvironmentVariable("IVR_TWIML_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
                ? seed
                : 20261123;
            var generator = new TwiMLCaseGenerator(Seed);
            var specs = new JsonArray();
            var ours = new List<string>();
            for (var i = 0; i < CaseCount; i++)
            {
                var (response, spec) = generator.Next();
                ours.Add(response.ToString());
                specs.Add(spec);
            }

            Ours = ours;
            Specs = specs.Select(s => s!.AsObject()).ToList();
            Theirs = NodeTwiMLOracle.Render(specs);
        }

        public int Seed { get; }

        public IReadOnlyList<string> Ours { get; }

        public IReadOnlyList<JsonObject> Specs { get; }

        public IReadOnlyList<string> Theirs { get; }
    }
}
