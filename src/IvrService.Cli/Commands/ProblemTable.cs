using System.Text;
using IvrService.Audio.S3;

namespace IvrService.Cli.Commands;

/// <summary>A plain-text table of check problems, columns padded to their widest cell.</summary>
internal static class ProblemTable
{
    public static string Format(IReadOnlyList<AudioProblem> problems)
    {
        string[] headers = ["PROMPT", "CHECK", "PROBLEM"];
        var keyWidth = Math.Max(headers[0].Length, problems.Max(p => p.Key.Length));
        var checkWidth = Math.Max(headers[1].Length, problems.Max(p => p.Check.Length));
        var builder = new StringBuilder();
        builder.Append(headers[0].PadRight(keyWidth)).Append("  ").Append(headers[1].PadRight(checkWidth)).Append("  ").AppendLine(headers[2]);
        builder.Append(new string('-', keyWidth)).Append("  ").Append(new string('-', checkWidth)).Append("  ").AppendLine(new string('-', headers[2].Length));
        foreach (var problem in problems)
        {
            builder.Append(problem.Key.PadRight(keyWidth)).Append("  ").Append(problem.Check.PadRight(checkWidth)).Append("  ").AppendLine(problem.Detail);
        }

        return builder.ToString().TrimEnd();
    }
}
