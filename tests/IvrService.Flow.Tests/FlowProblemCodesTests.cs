using System.Text.RegularExpressions;
using IvrService.Testing;

namespace IvrService.Flow.Tests;

/// <summary>
/// The problem codes have one home, <see cref="FlowProblemCodes"/>: docs/flow-format.md lists exactly those codes,
/// none is spelled twice, and no source file outside the catalogue writes one as a literal.
/// </summary>
public partial class FlowProblemCodesTests
{
    [Fact]
    public void All_IsDistinct_AndHoldsEveryConstant()
    {
        var constants = typeof(FlowProblemCodes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.Equal(FlowProblemCodes.All.Count, FlowProblemCodes.All.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(constants.Order(StringComparer.Ordinal), FlowProblemCodes.All.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FlowFormatDoc_ListsExactlyTheCodes()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "flow-format.md"));
        var section = doc[doc.IndexOf("## Validation rules", StringComparison.Ordinal)..doc.IndexOf("## Call state in URLs", StringComparison.Ordinal)];
        var listed = TableCode().Matches(section).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(listed.Count, listed.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(FlowProblemCodes.All.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Sources_NeverSpellACodeAsALiteral()
    {
        // BusinessHours reports "bad-time-zone" as the reason of an hours decision (a turn outcome), not as a problem.
        var allowed = new HashSet<(string File, string Code)> { ("BusinessHours.cs", FlowProblemCodes.BadTimeZone) };
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || Path.GetFileName(file) == "FlowProblemCodes.cs")
            {
                continue;
            }

            var text = File.ReadAllText(file);
            foreach (var code in FlowProblemCodes.All)
            {
                if (text.Contains('"' + code + '"', StringComparison.Ordinal) && !allowed.Contains((Path.GetFileName(file), code)))
                {
                    offenders.Add($"{Path.GetRelativePath(RepoPaths.Root, file)}: \"{code}\"");
                }
            }
        }

        Assert.True(offenders.Count == 0, "use FlowProblemCodes instead of:\n" + string.Join('\n', offenders));
    }

    [GeneratedRegex(@"^\| `([a-z0-9-]+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableCode();
}
