using System.Text.Json;

namespace IvrService.EndToEnd.Tests.Deployment;

/// <summary>
/// Just enough of the Dockerfile grammar to check the repo's Dockerfile without a Docker engine: comments,
/// line continuations, instructions with their --flags, and stages.
/// </summary>
internal sealed class DockerfileModel
{
    private DockerfileModel(IReadOnlyList<DockerInstruction> instructions, IReadOnlyList<DockerStage> stages)
    {
        Instructions = instructions;
        Stages = stages;
    }

    public IReadOnlyList<DockerInstruction> Instructions { get; }

    public IReadOnlyList<DockerStage> Stages { get; }

    public DockerStage Stage(string name)
    {
        var stage = Stages.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
        Assert.True(stage is not null, $"The Dockerfile has no stage '{name}' (stages: {string.Join(", ", Stages.Select(s => s.Name))}).");
        return stage!;
    }

    public static DockerfileModel Parse(string text)
    {
        var instructions = new List<DockerInstruction>();
        var pending = new System.Text.StringBuilder();
        var startLine = 0;
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index];
            var trimmed = line.TrimStart();
            // Comment lines end nothing, even inside a continued instruction (Docker drops them there too).
            if (trimmed.StartsWith('#') || (trimmed.Length == 0 && pending.Length == 0))
            {
                continue;
            }

            if (pending.Length == 0)
            {
                startLine = index + 1;
            }

            var continues = line.TrimEnd().EndsWith('\\');
            pending.Append(continues ? line.TrimEnd()[..^1] : line).Append(' ');
            if (!continues)
            {
                instructions.Add(DockerInstruction.Parse(pending.ToString().Trim(), startLine));
                pending.Clear();
            }
        }

        Assert.True(pending.Length == 0, "The Dockerfile ends inside a continued line.");

        var stages = new List<DockerStage>();
        foreach (var instruction in instructions)
        {
            if (instruction.Keyword == "FROM")
            {
                stages.Add(DockerStage.From(instruction));
            }
            else if (stages.Count > 0)
            {
                stages[^1].Add(instruction);
            }
        }

        return new DockerfileModel(instructions, stages);
    }
}

/// <summary>One instruction: keyword, its leading --flags, and the rest of the line.</summary>
internal sealed record DockerInstruction(string Keyword, IReadOnlyDictionary<string, string> Flags, string Arguments, int Line)
{
    public static DockerInstruction Parse(string text, int line)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var keyword = (space < 0 ? text : text[..space]).ToUpperInvariant();
        var rest = space < 0 ? string.Empty : text[(space + 1)..].Trim();
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        while (rest.StartsWith("--", StringComparison.Ordinal))
        {
            var end = rest.IndexOf(' ', StringComparison.Ordinal);
            var flag = end < 0 ? rest : rest[..end];
            var equals = flag.IndexOf('=', StringComparison.Ordinal);
            flags[equals < 0 ? flag[2..] : flag[2..equals]] = equals < 0 ? "true" : flag[(equals + 1)..];
            rest = end < 0 ? string.Empty : rest[(end + 1)..].TrimStart();
        }

        return new DockerInstruction(keyword, flags, rest, line);
    }

    /// <summary>Whitespace-separated words, or the elements of an exec-form JSON array.</summary>
    public IReadOnlyList<string> Words()
    {
        if (Arguments.StartsWith('['))
        {
            return JsonSerializer.Deserialize<string[]>(Arguments)
                ?? throw new InvalidOperationException($"Line {Line}: empty exec form.");
        }

        return Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>The command of a HEALTHCHECK (after its CMD keyword), exec or shell form.</summary>
    public IReadOnlyList<string> HealthCheckCommand()
    {
        Assert.True(Keyword == "HEALTHCHECK" && Arguments.StartsWith("CMD ", StringComparison.Ordinal), $"Line {Line}: not a HEALTHCHECK CMD.");
        return (this with { Keyword = "CMD", Arguments = Arguments[4..].Trim() }).Words();
    }

    /// <summary>COPY/ADD sources (every word but the last) and destination.</summary>
    public (IReadOnlyList<string> Sources, string Destination) CopyParts()
    {
        var words = Words();
        return (words.Take(words.Count - 1).ToList(), words[^1]);
    }
}

/// <summary>A build stage: its FROM line and the instructions up to the next FROM.</summary>
internal sealed class DockerStage
{
    private readonly List<DockerInstruction> _instructions = [];

    private DockerStage(DockerInstruction from, string baseImage, string? name)
    {
        FromInstruction = from;
        BaseImage = baseImage;
        Name = name;
    }

    public DockerInstruction FromInstruction { get; }

    public string BaseImage { get; }

    public string? Name { get; }

    public IReadOnlyList<DockerInstruction> Instructions => _instructions;

    public IEnumerable<DockerInstruction> All(string keyword) => _instructions.Where(i => i.Keyword == keyword);

    public DockerInstruction Single(string keyword)
    {
        var found = All(keyword).ToList();
        Assert.True(found.Count == 1, $"Stage '{Name}' has {found.Count} {keyword} instructions, expected exactly one.");
        return found[0];
    }

    internal void Add(DockerInstruction instruction) => _instructions.Add(instruction);

    internal static DockerStage From(DockerInstruction from)
    {
        var words = from.Words();
        var name = words.Count >= 3 && string.Equals(words[1], "AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
        return new DockerStage(from, words[0], name);
    }
}
