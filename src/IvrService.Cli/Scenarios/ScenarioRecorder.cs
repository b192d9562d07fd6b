using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using IvrService.Cli.Phone;
using IvrService.Cli.Simulator;
using IvrService.Flow;

namespace IvrService.Cli.Scenarios;

/// <summary>
/// Turns a call just made (the dev phone's) into a scenario that states it: each caller action as a step, preceded by
/// an expectation of the prompts heard since the previous one and the node the call waited at; a hand-over to the
/// fallback as a <c>fail</c> step with its error; the ending as the final expectation. The result is YAML for the
/// scenario file, checked with <see cref="ScenarioFile"/> before anything is written.
/// </summary>
internal static partial class ScenarioRecorder
{
    /// <summary>The scenario YAML (one list item, two-space indent under <c>scenarios:</c>) for <paramref name="events"/>.</summary>
    public static string ToYaml(string name, string caller, IReadOnlyList<CallEvent> events, FlowDefinition flow, CallTranscript? transcript = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var prompts = new HeardPrompts(flow);
        var steps = new List<string>();
        var part = new List<CallEvent>();
        string? waitingAt = null;
        string? transferTo = null;

        void Expect(string? at)
        {
            var heard = prompts.Heard(part).Where(h => h.PromptId is not null).Select(h => h.PromptId!).ToList();
            var fields = new List<string>();
            if (heard.Count > 0)
            {
                fields.Add("hears: [" + string.Join(", ", heard) + "]");
            }

            // What the agent said, by its first words (enough to tell its answers apart, robust to rewording the rest).
            var said = part.Where(e => e.Kind == CallEventKind.AgentSays && e.Text is { Length: > 0 }).Select(e => Quote(FirstWords(e.Text!))).ToList();
            if (said.Count > 0)
            {
                fields.Add("agentSays: [" + string.Join(", ", said) + "]");
            }

            if (transferTo is not null)
            {
                fields.Add("transferredTo: " + Quote(transferTo));
            }

            if (part.Any(e => e.Kind == CallEventKind.Request && e.Role == "fallback"))
            {
                fields.Add("servedBy: fallback");
            }

            if (at is not null)
            {
                fields.Add("at: " + at);
            }

            if (fields.Count > 0)
            {
                steps.Add("expect: {" + string.Join(", ", fields) + "}");
            }

            part.Clear();
            transferTo = null;
        }

        foreach (var e in events)
        {
            switch (e.Kind)
            {
                case CallEventKind.Gather or CallEventKind.AgentConnect:
                    waitingAt = ScenarioCaller.NodeOf(e.Url is null ? null : new Uri(e.Url));
                    if (e.Kind == CallEventKind.AgentConnect)
                    {
                        part.Add(e);
                    }

                    break;
                case CallEventKind.Warning when e.Text == RelayClient.DroppedText:
                    Expect(waitingAt);
                    steps.Add("agent: drops");
                    break;
                case CallEventKind.Input:
                    Expect(e.Action is null ? waitingAt : ScenarioCaller.NodeOf(new Uri(e.Action)));
                    steps.Add(e.Digits is { Length: > 0 } digits ? "press: " + Quote(digits)
                        : e.Detail == "speech" ? "say: " + Quote(e.Text ?? "")
                        : e.Text == "caller hangs up" ? "hangup"
                        : "silence");
                    break;
                case CallEventKind.Dial:
                    transferTo = Target(e.Text);
                    Expect(ScenarioCaller.NodeOf(e.Url is null ? null : new Uri(e.Url)));
                    steps.Add("transfer: " + (e.Detail?.Split(' ')[0] switch
                    {
                        "completed" or "answered" => "answered",
                        "busy" => "busy",
                        "no-answer" => "no-answer",
                        "canceled" => "answered",
                        _ => "failed",
                    }));
                    break;
                case CallEventKind.Record:
                    Expect(e.Action is null ? null : ScenarioCaller.NodeOf(new Uri(e.Action)));
                    var seconds = e.Url is null ? 0 : int.Parse(Spoken().Match(e.Detail ?? "") is { Success: true } m ? m.Groups[1].Value : "0", CultureInfo.InvariantCulture);
                    steps.Add("record: " + seconds.ToString(CultureInfo.InvariantCulture));
                    break;
                case CallEventKind.Fallback when e.ErrorCode is { } code && PrimaryFailureCodes.Modes.ContainsKey(code):
                    steps.Add("fail: " + code.ToString(CultureInfo.InvariantCulture));
                    part.Add(e);
                    break;
                default:
                    part.Add(e);
                    break;
            }
        }

        Expect(null);

        // A last hang-up, or a last transfer answered, is what a scenario does when its steps run out: left unsaid.
        var last = steps.FindLastIndex(s => !s.StartsWith("expect:", StringComparison.Ordinal));
        if (last >= 0 && steps[last] is "hangup" or "transfer: answered")
        {
            steps.RemoveAt(last);
        }

        var builder = new StringBuilder();
        builder.Append("  - name: ").AppendLine(Quote(name));
        // The locale the call started in, when the number's voice URL named one (?l=).
        var given = new List<string>();
        if (caller != ScenarioGiven.DefaultCaller)
        {
            given.Add("caller: " + Quote(caller));
        }

        if (events.FirstOrDefault(e => e.Kind == CallEventKind.Call)?.Url is { } voiceUrl && Uri.TryCreate(voiceUrl, UriKind.Absolute, out var voice)
            && Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(voice.Query).TryGetValue(CallState.LocaleQueryKey, out var locale) && locale.Count > 0)
        {
            given.Add("locale: " + locale[0]);
        }

        if (given.Count > 0)
        {
            builder.Append("    given: {").Append(string.Join(", ", given)).AppendLine("}");
        }

        builder.AppendLine("    steps:");
        foreach (var step in steps)
        {
            builder.Append("      - ").AppendLine(step);
        }

        if (transcript is not null)
        {
            builder.Append("    expect: {ends: ").Append(ScenarioRunner.Name(ScenarioRunner.EndingOf(transcript, events))).AppendLine("}");
        }

        return builder.ToString();
    }

    /// <summary>
    /// Appends <paramref name="yaml"/> to the scenario file at <paramref name="path"/> (created with a
    /// <c>scenarios:</c> list when missing), after checking the result; returns the problems instead of writing when
    /// there are any.
    /// </summary>
    public static IReadOnlyList<ScenarioProblem> Append(string path, string yaml, FlowDefinition flow)
    {
        var schema = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "flow.tests.schema.json");
        var existing = File.Exists(path) ? File.ReadAllText(path)
            : (File.Exists(schema) ? "# yaml-language-server: $schema=./flow.tests.schema.json\n" : "") + "scenarios:\n";
        var updated = existing.TrimEnd('\n', '\r') + "\n\n" + yaml;
        var check = ScenarioFile.Parse(updated, path, flow);
        if (check.Problems.Count > 0)
        {
            return check.Problems;
        }

        File.WriteAllText(path, updated);
        return [];
    }

    // "Number +15005550006" → "+15005550006": what transferredTo matches.
    private static string? Target(string? dial)
    {
        var first = dial?.Split(',')[0].Trim();
        return first?.Split(' ') is [_, var target] ? target : first;
    }

    private static string FirstWords(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Take(6));
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex(@"caller speaks (\d+) s", RegexOptions.CultureInvariant)]
    private static partial Regex Spoken();
}
