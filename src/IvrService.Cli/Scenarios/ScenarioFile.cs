using System.Globalization;
using IvrService.Cli.Phone;
using IvrService.Flow;
using IvrService.Twilio.Webhooks;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IvrService.Cli.Scenarios;

/// <summary>A problem in a scenario file, with where it is.</summary>
/// <param name="Path">The file.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Message">What is wrong, in words.</param>
internal sealed record ScenarioProblem(string Path, int Line, int Column, string Message)
{
    /// <summary><c>file:line:column: message</c>, the form editors and CI annotate.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Path}:{Line}:{Column}: {Message}");
}

/// <summary>A scenario file as read: its scenarios, the flow it names, and every problem found.</summary>
internal sealed record ScenarioFileResult(string Path, IReadOnlyList<Scenario> Scenarios, string? FlowPath, IReadOnlyList<ScenarioProblem> Problems)
{
    /// <summary>True when the file can be run.</summary>
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// Reads a scenario file (YAML, <c>content/flow.tests.schema.json</c>) and checks it against the flow it tests:
/// unknown keys, steps, prompt ids, nodes, locales, holidays and malformed times are problems with their line, and
/// the whole file is checked before anything runs. Never throws for content.
/// </summary>
internal static class ScenarioFile
{
    /// <summary>Steps that are a bare word.</summary>
    private static readonly Dictionary<string, ScenarioActionKind> Bare = new(StringComparer.Ordinal)
    {
        ["silence"] = ScenarioActionKind.Silence,
        ["hangup"] = ScenarioActionKind.Hangup,
    };

    private static readonly Dictionary<string, ScenarioActionKind> Keyed = new(StringComparer.Ordinal)
    {
        ["press"] = ScenarioActionKind.Press,
        ["say"] = ScenarioActionKind.Say,
        ["transfer"] = ScenarioActionKind.Transfer,
        ["agent"] = ScenarioActionKind.Agent,
        ["record"] = ScenarioActionKind.Record,
        ["fail"] = ScenarioActionKind.Fail,
    };

    /// <summary>How a scenario may say a transfer ends.</summary>
    public static IReadOnlyList<string> TransferOutcomes { get; } = ["answered", "busy", "no-answer", "failed"];

    private static readonly string[] TopKeys = ["flow", "scenarios"];
    private static readonly string[] ScenarioKeys = ["name", "given", "steps", "expect"];
    private static readonly string[] GivenKeys = ["time", "zone", "holiday", "caller", "locale"];
    private static readonly string[] ExpectKeys = ["hears", "hearsText", "agentSays", "notHears", "at", "transferredTo", "textSent", "noText", "ends", "servedBy", "errorCode"];

    /// <summary>Reads <paramref name="path"/>; <paramref name="flow"/> is what prompt ids, nodes and holidays are checked against.</summary>
    public static ScenarioFileResult Load(string path, FlowDefinition flow)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new ScenarioFileResult(path, [], null, [new ScenarioProblem(path, 1, 1, $"cannot read the file ({ex.Message})")]);
        }

        return Parse(text, path, flow);
    }

    /// <summary>Reads scenario YAML <paramref name="text"/>; <paramref name="path"/> names it in problems.</summary>
    public static ScenarioFileResult Parse(string text, string path, FlowDefinition flow)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(flow);
        var reader = new Reader(path, flow);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            var hint = ex.Message.Contains("alias", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("anchor", StringComparison.OrdinalIgnoreCase)
                ? " (quote keys such as \"*\" and \"#\": unquoted, YAML reads them as aliases and comments)"
                : "";
            return new ScenarioFileResult(path, [], null, [new ScenarioProblem(path, (int)ex.Start.Line, (int)ex.Start.Column, $"not valid YAML: {Inner(ex)}{hint}")]);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return new ScenarioFileResult(path, [], null, [new ScenarioProblem(path, 1, 1, "expected a mapping with 'scenarios:' (a list of scenarios)")]);
        }

        var scenarios = reader.File(root, out var flowPath);
        return new ScenarioFileResult(path, scenarios, flowPath, reader.Problems);
    }

    private static string Inner(YamlException ex) => ex.InnerException is YamlException inner ? inner.Message : ex.Message;

    private sealed class Reader(string path, FlowDefinition flow)
    {
        private readonly HashSet<string> _promptIds = flow.Prompts.Values.Where(p => p is not null).SelectMany(p => p.Keys).ToHashSet(StringComparer.Ordinal);

        public List<ScenarioProblem> Problems { get; } = [];

        public List<Scenario> File(YamlMappingNode root, out string? flowPath)
        {
            CheckKeys(root, TopKeys, "the file");
            flowPath = Scalar(root, "flow");
            var scenarios = new List<Scenario>();
            if (Child(root, "scenarios") is not { } list)
            {
                Problem(root, "the file has no 'scenarios:' list");
                return scenarios;
            }

            if (list is not YamlSequenceNode sequence)
            {
                Problem(list, "'scenarios' must be a list");
                return scenarios;
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in sequence)
            {
                if (item is not YamlMappingNode mapping)
                {
                    Problem(item, "a scenario must be a mapping with 'name' and 'steps'");
                    continue;
                }

                if (ScenarioOf(mapping) is { } scenario)
                {
                    if (!names.Add(scenario.Name))
                    {
                        Problem(mapping, $"scenario name '{scenario.Name}' is used twice");
                    }

                    scenarios.Add(scenario);
                }
            }

            if (sequence.Children.Count == 0)
            {
                Problem(sequence, "'scenarios' is empty");
            }

            return scenarios;
        }

        private Scenario? ScenarioOf(YamlMappingNode node)
        {
            CheckKeys(node, ScenarioKeys, "a scenario");
            var name = Scalar(node, "name");
            if (string.IsNullOrWhiteSpace(name))
            {
                Problem(node, "a scenario needs a 'name'");
                name = $"(line {node.Start.Line})";
            }

            var given = Child(node, "given") switch
            {
                null => new ScenarioGiven(),
                YamlMappingNode mapping => Given(mapping),
                var other => Fail(other, "'given' must be a mapping (time, zone, holiday, caller, locale)", new ScenarioGiven()),
            };

            var steps = new List<ScenarioStep>();
            switch (Child(node, "steps"))
            {
                case null:
                    break;
                case YamlSequenceNode sequence:
                    foreach (var item in sequence)
                    {
                        if (Step(item) is { } step)
                        {
                            steps.Add(step);
                        }
                    }

                    break;
                case var other:
                    Problem(other, "'steps' must be a list");
                    break;
            }

            ScenarioExpectation? end = null;
            if (Child(node, "expect") is { } expect)
            {
                end = Expectation(expect, final: true);
            }

            if (steps.Count == 0 && end is null)
            {
                Problem(node, $"scenario '{name}' has neither steps nor expect: it would check nothing");
            }

            return new Scenario(name, (int)node.Start.Line, given, steps, end);
        }

        private ScenarioGiven Given(YamlMappingNode node)
        {
            CheckKeys(node, GivenKeys, "'given'");
            var given = new ScenarioGiven();
            var zoneId = Scalar(node, "zone");
            TimeZoneInfo? zone = null;
            if (zoneId is not null && !TryZone(zoneId, out zone))
            {
                Problem(Child(node, "zone")!, $"unknown time zone '{zoneId}' (use an IANA id such as America/New_York)");
            }

            zone ??= DefaultZone();
            var time = Scalar(node, "time");
            var holiday = Scalar(node, "holiday");
            if (time is not null && holiday is not null)
            {
                Problem(node, "'given' has both 'time' and 'holiday': name one");
            }
            else if (time is not null)
            {
                if (TryTime(time, zone, out var instant))
                {
                    given = given with { Time = instant, TimeText = time };
                }
                else
                {
                    Problem(Child(node, "time")!, $"bad time '{time}': use local 'yyyy-MM-dd HH:mm' (in {zone.Id}) or an ISO 8601 time with offset");
                }
            }
            else if (holiday is not null)
            {
                if (FindHoliday(holiday) is { } found)
                {
                    // Noon on the day in the business's zone: inside any opening hours the day would otherwise have.
                    given = given with { Time = Local(found.Date, new TimeOnly(12, 0), found.Zone), TimeText = $"{holiday} ({found.Date:yyyy-MM-dd})" };
                }
                else
                {
                    var known = flow.Nodes.Values.OfType<HoursNode>().SelectMany(h => h.Holidays).Select(h => h.Name).Where(n => n is not null).Distinct().ToList();
                    Problem(Child(node, "holiday")!, $"no holiday named '{holiday}' in the flow's hours nodes" +
                        (known.Count > 0 ? $" (known: {string.Join(", ", known)})" : ""));
                }
            }

            if (Scalar(node, "caller") is { } caller)
            {
                if (caller.Equals("withheld", StringComparison.OrdinalIgnoreCase))
                {
                    given = given with { Caller = TwilioCallerIds.Anonymous };
                }
                else if (PhoneTargets.IsE164(caller) || PhoneTargets.IsSipUri(caller) || caller.StartsWith("client:", StringComparison.Ordinal))
                {
                    given = given with { Caller = caller };
                }
                else
                {
                    Problem(Child(node, "caller")!, $"caller '{caller}' is not an E.164 number like +14155550100, a sip: or client: address, or 'withheld'");
                }
            }

            if (Scalar(node, "locale") is { } locale)
            {
                if (flow.Locales.Contains(locale, StringComparer.Ordinal))
                {
                    given = given with { Locale = locale };
                }
                else
                {
                    Problem(Child(node, "locale")!, $"locale '{locale}' is not one of the flow's ({string.Join(", ", flow.Locales)})");
                }
            }

            return given;
        }

        private ScenarioStep? Step(YamlNode node)
        {
            if (node is YamlScalarNode { Value: { } word })
            {
                if (Bare.TryGetValue(word, out var bare))
                {
                    return new ScenarioAction((int)node.Start.Line, bare, "");
                }

                return Fail<ScenarioStep?>(node, $"unknown step '{word}' (steps: press, say, silence, transfer, agent, record, hangup, fail, expect)", null);
            }

            if (node is not YamlMappingNode { Children.Count: 1 } mapping)
            {
                return Fail<ScenarioStep?>(node, "a step is one of: press: KEYS, say: WORDS, silence, transfer: OUTCOME, record: SECONDS, hangup, fail: CODE, expect: {...}", null);
            }

            var (keyNode, valueNode) = mapping.Children.First();
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            var line = (int)node.Start.Line;
            if (key == "expect")
            {
                return Expectation(valueNode, final: false);
            }

            if (!Keyed.TryGetValue(key, out var kind))
            {
                return Fail<ScenarioStep?>(keyNode, Bare.ContainsKey(key)
                    ? $"'{key}' takes no value: write '- {key}'"
                    : $"unknown step '{key}' (steps: press, say, silence, transfer, agent, record, hangup, fail, expect)", null);
            }

            if (valueNode is not YamlScalarNode { Value: { Length: > 0 } value })
            {
                return Fail<ScenarioStep?>(valueNode, $"'{key}' needs a value", null);
            }

            string? error = kind switch
            {
                ScenarioActionKind.Press when !value.All(c => char.IsAsciiDigit(c) || c is '*' or '#') => $"press '{value}': only keys 0-9, * and # (quote \"*\" and \"#\")",
                ScenarioActionKind.Transfer when !TransferOutcomes.Contains(value) => $"transfer '{value}': one of {string.Join(", ", TransferOutcomes)}",
                ScenarioActionKind.Agent when value != "drops" => $"agent '{value}': 'drops' (the agent's connection breaks)",
                ScenarioActionKind.Record when !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var s) || s > 3600 => $"record '{value}': seconds from 0 (silence) to 3600",
                ScenarioActionKind.Fail when !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var code) || !PrimaryFailureCodes.Modes.ContainsKey(code) =>
                    $"fail '{value}': one of the error codes {string.Join(", ", PrimaryFailureCodes.Modes.Keys)}",
                _ => null,
            };
            return error is null ? new ScenarioAction(line, kind, value) : Fail<ScenarioStep?>(valueNode, error, null);
        }

        private ScenarioExpectation? Expectation(YamlNode node, bool final)
        {
            if (node is not YamlMappingNode mapping)
            {
                return Fail<ScenarioExpectation?>(node, "'expect' must be a mapping, e.g. { hears: main-long, at: main }", null);
            }

            CheckKeys(mapping, ExpectKeys, "'expect'");
            var expectation = new ScenarioExpectation((int)node.Start.Line)
            {
                Hears = PromptIds(mapping, "hears"),
                HearsText = List(mapping, "hearsText"),
                AgentSays = List(mapping, "agentSays"),
                NotHears = PromptIds(mapping, "notHears"),
                At = Scalar(mapping, "at"),
                TransferredTo = Scalar(mapping, "transferredTo"),
                TextSent = Scalar(mapping, "textSent"),
                ServedBy = Scalar(mapping, "servedBy"),
            };

            if (expectation.At is { } at && flow.FindNode(at) is null)
            {
                Problem(Child(mapping, "at")!, $"node '{at}' does not exist in the flow");
            }

            if (Scalar(mapping, "noText") is { } noText)
            {
                if (bool.TryParse(noText, out var value))
                {
                    expectation = expectation with { NoText = value };
                }
                else
                {
                    Problem(Child(mapping, "noText")!, "noText: true or false");
                }
            }

            if (expectation.ServedBy is { } servedBy && servedBy is not ("fallback" or "primary"))
            {
                Problem(Child(mapping, "servedBy")!, $"servedBy '{servedBy}': fallback or primary");
            }

            if (Scalar(mapping, "errorCode") is { } code)
            {
                if (int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 10000 and <= 99999)
                {
                    expectation = expectation with { ErrorCode = value };
                }
                else
                {
                    Problem(Child(mapping, "errorCode")!, $"errorCode '{code}' is not a Twilio error code (five digits)");
                }
            }

            if (Scalar(mapping, "ends") is { } ends)
            {
                ScenarioEnding? ending = ends switch
                {
                    "hangup" => ScenarioEnding.Hangup,
                    "voicemail" => ScenarioEnding.Voicemail,
                    "transfer" => ScenarioEnding.Transfer,
                    "caller-hangup" => ScenarioEnding.CallerHangup,
                    "application-error" => ScenarioEnding.ApplicationError,
                    _ => null,
                };
                if (ending is null)
                {
                    Problem(Child(mapping, "ends")!, $"ends '{ends}': one of hangup, voicemail, transfer, caller-hangup, application-error");
                }
                else if (!final)
                {
                    Problem(Child(mapping, "ends")!, "'ends' belongs in the scenario's own 'expect' (after the steps), where the call is over");
                }
                else
                {
                    expectation = expectation with { Ends = ending };
                }
            }

            return expectation;
        }

        private List<string> PromptIds(YamlMappingNode mapping, string key)
        {
            var ids = List(mapping, key);
            foreach (var id in ids.Where(id => !_promptIds.Contains(id)))
            {
                Problem(Child(mapping, key)!, $"unknown prompt id '{id}' (the flow's prompts: {string.Join(", ", _promptIds.Order(StringComparer.Ordinal).Take(12))}{(_promptIds.Count > 12 ? ", …" : "")})");
            }

            return ids;
        }

        private List<string> List(YamlMappingNode mapping, string key)
        {
            switch (Child(mapping, key))
            {
                case null:
                    return [];
                case YamlScalarNode { Value: { } value }:
                    return [value];
                case YamlSequenceNode sequence:
                    var values = new List<string>();
                    foreach (var item in sequence)
                    {
                        if (item is YamlScalarNode { Value: { } v })
                        {
                            values.Add(v);
                        }
                        else
                        {
                            Problem(item, $"'{key}' lists text values only");
                        }
                    }

                    return values;
                case var other:
                    Problem(other, $"'{key}' must be a value or a list of values");
                    return [];
            }
        }

        private (DateOnly Date, TimeZoneInfo Zone)? FindHoliday(string name)
        {
            foreach (var hours in flow.Nodes.Values.OfType<HoursNode>())
            {
                foreach (var holiday in hours.Holidays)
                {
                    if (string.Equals(holiday.Name, name, StringComparison.OrdinalIgnoreCase)
                        && DateOnly.TryParseExact(holiday.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                        && TryZone(hours.TimeZone, out var zone))
                    {
                        return (date, zone);
                    }
                }
            }

            return null;
        }

        // The flow's business zone: the first hours node's (scenario times are written as its people read a clock).
        private TimeZoneInfo DefaultZone() =>
            flow.Nodes.Values.OfType<HoursNode>().Select(h => TryZone(h.TimeZone, out var z) ? z : null).FirstOrDefault(z => z is not null) ?? TimeZoneInfo.Utc;

        private void CheckKeys(YamlMappingNode node, string[] allowed, string what)
        {
            foreach (var key in node.Children.Keys)
            {
                if (key is YamlScalarNode { Value: { } name } && !allowed.Contains(name, StringComparer.Ordinal))
                {
                    Problem(key, $"unknown key '{name}' in {what} (allowed: {string.Join(", ", allowed)})");
                }
            }
        }

        private static YamlNode? Child(YamlMappingNode node, string key) =>
            node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

        private string? Scalar(YamlMappingNode node, string key)
        {
            switch (Child(node, key))
            {
                case null:
                    return null;
                case YamlScalarNode scalar:
                    return scalar.Value;
                case var other:
                    Problem(other, $"'{key}' must be a single value");
                    return null;
            }
        }

        private void Problem(YamlNode node, string message) =>
            Problems.Add(new ScenarioProblem(path, (int)node.Start.Line, (int)node.Start.Column, message));

        private T Fail<T>(YamlNode node, string message, T value)
        {
            Problem(node, message);
            return value;
        }
    }

    /// <summary>Reads <paramref name="text"/> as local <c>yyyy-MM-dd HH:mm[:ss]</c> in <paramref name="zone"/>, or as ISO 8601 with an offset.</summary>
    public static bool TryTime(string text, TimeZoneInfo zone, out DateTimeOffset instant)
    {
        ArgumentNullException.ThrowIfNull(zone);
        string[] local = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];
        if (DateTime.TryParseExact(text, local, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
        {
            instant = Local(DateOnly.FromDateTime(wall), TimeOnly.FromDateTime(wall), zone);
            return true;
        }

        return DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm'Z'"],
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);
    }

    private static DateTimeOffset Local(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var wall = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(wall, zone.GetUtcOffset(wall));
    }

    /// <summary>An IANA zone by id (what flows name), never throwing.</summary>
    public static bool TryZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }
}
