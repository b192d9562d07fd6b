using System.Text.RegularExpressions;
using System.Xml.Linq;
using IvrService.EndToEnd.Tests.Deployment;

namespace IvrService.EndToEnd.Tests.Architecture;

/// <summary>
/// docs/architecture.md draws each project with a <c>Refs:</c> list; the project files must say exactly the same, so
/// the picture cannot drift from the code (a new reference is a design change, made in both places).
/// </summary>
public sealed partial class ArchitectureTests
{
    public static TheoryData<string> Projects() => new(SourceProjects());

    [Theory]
    [MemberData(nameof(Projects))]
    public void ProjectReferences_AreExactlyTheRefsOfTheArchitecturePicture(string project)
    {
        var drawn = DrawnReferences();
        Assert.True(drawn.ContainsKey(project), $"docs/architecture.md does not draw {project}");

        var actual = ProjectReferences(project);

        Assert.Equal(drawn[project].Order(), actual.Order());
    }

    [Fact]
    public void Picture_DrawsOnlyProjectsThatExist()
    {
        var existing = SourceProjects().ToHashSet(StringComparer.Ordinal);

        Assert.Subset(existing, DrawnReferences().Keys.ToHashSet(StringComparer.Ordinal));
    }

    [Fact]
    public void FlowEngine_ReferencesNothing_AndTheFallbackNeitherAudioNorPrimary()
    {
        Assert.Empty(ProjectReferences("IvrService.Flow"));
        Assert.DoesNotContain("IvrService.Audio", ProjectReferences("IvrService.Fallback"));
        Assert.DoesNotContain("IvrService.Primary", ProjectReferences("IvrService.Fallback"));
        Assert.DoesNotContain("IvrService.Hosting", ProjectReferences("IvrService.Audio"));
        Assert.DoesNotContain("IvrService.Hosting", ProjectReferences("IvrService.Cli"));
    }

    [Fact]
    public void FlowEngine_SourceNamesNoTwilioWireValue()
    {
        var wire = new[] { "\"DialCallStatus\"", "\"Digits\"", "\"SpeechResult\"", "\"RecordingUrl\"", "\"no-answer\"" };
        var offenders = Directory.EnumerateFiles(RepositoryFiles.PathOf("src/IvrService.Flow"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => wire.Where(w => File.ReadAllText(f).Contains(w, StringComparison.Ordinal)).Select(w => $"{Path.GetFileName(f)}: {w}"))
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void OfficialSdk_OnlyInTestsAndBench_NeverInProduction()
    {
        // The Twilio NuGet package is an oracle (tests) and a comparison (bench), not a dependency of what ships.
        var offenders = SourceProjects()
            .Where(p => XDocument.Load(RepositoryFiles.PathOf($"src/{p}/{p}.csproj")).Descendants("PackageReference")
                .Any(r => r.Attribute("Include")?.Value is "Twilio" or "Twilio.AspNet.Core" or "Twilio.AspNet.Common"))
            .ToList();

        Assert.Empty(offenders);
    }

    private static List<string> SourceProjects() =>
        Directory.EnumerateDirectories(RepositoryFiles.PathOf("src"))
            .Select(d => Path.GetFileName(d))
            .Where(n => n.StartsWith("IvrService.", StringComparison.Ordinal) && File.Exists(RepositoryFiles.PathOf($"src/{n}/{n}.csproj")))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static List<string> ProjectReferences(string project)
    {
        var file = XDocument.Load(RepositoryFiles.PathOf($"src/{project}/{project}.csproj"));
        return file.Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();
    }

    // Each project line of the picture, with its continuation lines, up to the next project; the names after
    // "Refs:" up to the full stop, without what is in parentheses (packages, frameworks).
    private static Dictionary<string, List<string>> DrawnReferences()
    {
        var doc = RepositoryFiles.Read("docs/architecture.md");
        var start = doc.IndexOf("## Projects and dependencies", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/architecture.md has no 'Projects and dependencies' section");
        var block = doc[start..];
        block = block[(block.IndexOf("```", StringComparison.Ordinal) + 3)..];
        block = block[..block.IndexOf("```", StringComparison.Ordinal)];

        var drawn = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (Match entry in Entry().Matches(block))
        {
            var text = Regex.Replace(Regex.Replace(entry.Groups["text"].Value, @"\([^)]*\)", ""), @"\s+", " ");
            var refs = RefsList().Match(text);
            Assert.True(refs.Success, $"{entry.Groups["name"].Value} has no 'Refs:' list in docs/architecture.md");
            var list = refs.Groups["list"].Value.Trim();
            drawn[entry.Groups["name"].Value] = list is "none" or ""
                ? []
                : list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(n => "IvrService." + n).ToList();
        }

        return drawn;
    }

    [GeneratedRegex(@"^(?<name>IvrService\.[A-Za-z]+)\s(?<text>.*?)(?=^IvrService\.|\z)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Entry();

    [GeneratedRegex(@"Refs: (?<list>[^.]*)\.")]
    private static partial Regex RefsList();
}
