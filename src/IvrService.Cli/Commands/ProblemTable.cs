using IvrService.Audio.S3;

namespace IvrService.Cli.Commands;

/// <summary>A plain-text table of check problems, columns padded to their widest cell.</summary>
internal static class ProblemTable
{
    public static string Format(IReadOnlyList<AudioProblem> problems) =>
        Columns.Format(["PROMPT", "CHECK", "PROBLEM"], problems.Select(p => new[] { p.Key, p.Check, p.Detail }));
}
