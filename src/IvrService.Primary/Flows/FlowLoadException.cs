using IvrService.Flow;

namespace IvrService.Primary.Flows;

/// <summary>The flow file is missing or has errors: the primary refuses to start and says why, every problem listed.</summary>
public sealed class FlowLoadException : Exception
{
    public FlowLoadException()
    {
        Problems = [];
    }

    public FlowLoadException(string message)
        : base(message)
    {
        Problems = [];
    }

    public FlowLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    public FlowLoadException(string path, IReadOnlyList<FlowProblem> problems)
        : base(Describe(path, problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<FlowProblem> Problems { get; }

    private static string Describe(string path, IReadOnlyList<FlowProblem> problems)
    {
        var errors = problems.Where(p => p.Severity == FlowProblemSeverity.Error).ToList();
        return $"The flow file '{path}' has {errors.Count} error(s); the primary will not take calls with it (set Flow:Path, env Flow__Path):"
            + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(p => "  " + p));
    }
}
