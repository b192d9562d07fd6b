using System.Text.Json;

namespace IvrService.Flow;

/// <summary>Result of <see cref="FlowLoader"/>: the flow when it could be read, and every problem found.</summary>
/// <param name="Flow">The parsed flow, or <c>null</c> when the file could not be read or parsed.</param>
/// <param name="Problems">Syntax problems and, when parsed, every validation problem.</param>
public sealed record FlowLoadResult(FlowDefinition? Flow, IReadOnlyList<FlowProblem> Problems)
{
    /// <summary>True when a flow was parsed and no problem is an error.</summary>
    public bool IsValid => Flow is not null && !Problems.HasErrors();
}

/// <summary>Reads flow files. Never throws for bad input: every problem is returned with its location.</summary>
public static class FlowLoader
{
    /// <summary>Largest flow file accepted (a flow is configuration, not data).</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>Reads, parses and validates the flow file at <paramref name="path"/>.</summary>
    public static FlowLoadResult Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string json;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return Failed("$", FlowProblemCodes.FileNotFound, $"Flow file '{path}' does not exist.");
            }

            if (info.Length > MaxFileBytes)
            {
                return Failed("$", FlowProblemCodes.FileTooLarge, $"Flow file '{path}' is {info.Length} bytes; the limit is {MaxFileBytes}.");
            }

            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return Failed("$", FlowProblemCodes.FileUnreadable, $"Flow file '{path}' cannot be read: {ex.Message}");
        }

        return Parse(json);
    }

    /// <summary>Parses and validates flow JSON.</summary>
    public static FlowLoadResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var structural = PreCheck(json);
        if (structural.Count > 0)
        {
            return new FlowLoadResult(null, structural);
        }

        FlowDefinition? flow;
        try
        {
            flow = JsonSerializer.Deserialize(json, FlowJsonContext.Default.FlowDefinition);
        }
        catch (JsonException ex)
        {
            return Failed(JsonLocation(ex), FlowProblemCodes.JsonInvalid, CleanMessage(ex));
        }
        catch (NotSupportedException ex)
        {
            return Failed("$", FlowProblemCodes.JsonInvalid, ex.Message);
        }

        if (flow is null)
        {
            return Failed("$", FlowProblemCodes.JsonInvalid, "The flow file must contain a JSON object.");
        }

        return new FlowLoadResult(flow, FlowValidator.Validate(flow));
    }

    // Before typed deserialization (which stops at the first error), list every node whose "type" is missing or
    // unknown: the most common authoring mistake, and the one STJ reports least clearly.
    private static List<FlowProblem> PreCheck(string json)
    {
        var problems = new List<FlowProblem>();
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions
            {
                CommentHandling = JsonCommentHandling.Skip,
                AllowTrailingCommas = true,
                MaxDepth = 32,
            });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new FlowProblem(FlowProblemSeverity.Error, "$", FlowProblemCodes.JsonInvalid, "The flow file must contain a JSON object."));
                return problems;
            }

            if (!root.TryGetProperty("nodes", out var nodes) || nodes.ValueKind != JsonValueKind.Object)
            {
                return problems;
            }

            foreach (var node in nodes.EnumerateObject())
            {
                var location = JsonPath.Of("$", "nodes", node.Name);
                if (node.Value.ValueKind != JsonValueKind.Object)
                {
                    problems.Add(new FlowProblem(FlowProblemSeverity.Error, location, FlowProblemCodes.NodeInvalid, "A node must be a JSON object with a \"type\"."));
                    continue;
                }

                if (!node.Value.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
                {
                    problems.Add(new FlowProblem(FlowProblemSeverity.Error, location + ".type", FlowProblemCodes.NodeTypeMissing,
                        $"Node '{node.Name}' has no \"type\" (one of {string.Join(", ", FlowNode.TypeNames)})."));
                }
                else if (!FlowNode.TypeNames.Contains(type.GetString(), StringComparer.Ordinal))
                {
                    problems.Add(new FlowProblem(FlowProblemSeverity.Error, location + ".type", FlowProblemCodes.NodeTypeUnknown,
                        $"Node '{node.Name}' has unknown type '{type.GetString()}' (expected one of {string.Join(", ", FlowNode.TypeNames)})."));
                }
            }
        }
        catch (JsonException ex)
        {
            problems.Add(new FlowProblem(FlowProblemSeverity.Error, JsonLocation(ex), FlowProblemCodes.JsonSyntax, CleanMessage(ex)));
        }

        return problems;
    }

    private static FlowLoadResult Failed(string location, string code, string message) =>
        new(null, [new FlowProblem(FlowProblemSeverity.Error, location, code, message)]);

    private static string JsonLocation(JsonException ex)
    {
        var path = string.IsNullOrEmpty(ex.Path) ? "$" : ex.Path;
        return ex.LineNumber is { } line
            ? $"{path} (line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1})"
            : path;
    }

    // STJ appends "Path: … | LineNumber: … | BytePositionInLine: …" to its messages; the location column has it.
    private static string CleanMessage(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        return (cut > 0 ? message[..cut] : message).Trim();
    }
}
