namespace IvrService.Flow;

/// <summary>How bad a <see cref="FlowProblem"/> is.</summary>
public enum FlowProblemSeverity
{
    /// <summary>The flow works but something looks unintended.</summary>
    Warning,

    /// <summary>The flow must not take calls (the primary refuses to start).</summary>
    Error,
}

/// <summary>One problem found while loading or validating a flow.</summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="Location">JSON path of the offending value (<c>$.nodes.main.options['1'].next</c>), with
/// <c>(line N, position M)</c> appended for syntax errors.</param>
/// <param name="Code">Stable machine-readable code, e.g. <c>unknown-node</c> (see docs/flow-format.md).</param>
/// <param name="Message">What is wrong, for people.</param>
public sealed record FlowProblem(FlowProblemSeverity Severity, string Location, string Code, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Severity.ToString().ToUpperInvariant()} {Location}: {Message} [{Code}]";
}

/// <summary>Extension helpers over problem lists.</summary>
public static class FlowProblemExtensions
{
    /// <summary>True when any problem is an error.</summary>
    public static bool HasErrors(this IEnumerable<FlowProblem> problems) =>
        problems.Any(p => p.Severity == FlowProblemSeverity.Error);
}
