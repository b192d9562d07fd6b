using System.Globalization;
using IvrService.Flow;
using IvrService.Twilio.Messaging;

namespace IvrService.Cli.Diffs;

/// <summary>What kind of change a <see cref="FlowChange"/> is.</summary>
internal enum FlowChangeKind
{
    /// <summary>The flow's start, locales, default locale or goodbye prompt; <c>sms.maxSegments</c>.</summary>
    Flow,
    NodeAdded,
    NodeRemoved,

    /// <summary>The same id now names a node of another type.</summary>
    NodeType,

    /// <summary>A way out of a node leads elsewhere (a next, a give-up, a transfer outcome, open/closed).</summary>
    Retargeted,
    OptionAdded,
    OptionRemoved,

    /// <summary>A menu key leads elsewhere.</summary>
    OptionRetargeted,

    /// <summary>A node plays another prompt (or none) at one of its places.</summary>
    NodePrompt,

    /// <summary>A node setting: a timeout, a count, a number dialled, a key, speech hints…</summary>
    Setting,
    PromptAdded,
    PromptRemoved,

    /// <summary>A catalog prompt's words in one locale.</summary>
    PromptText,

    /// <summary>A catalog prompt's audio file in one locale.</summary>
    PromptFile,

    /// <summary>A day's opening ranges, or the time zone.</summary>
    Hours,
    HolidayAdded,
    HolidayRemoved,

    /// <summary>A holiday's name.</summary>
    HolidayRenamed,

    /// <summary>A text the flow sends changed, in as many segments as before.</summary>
    Text,

    /// <summary>A text the flow sends changed and now takes another number of segments.</summary>
    TextSegments,
    KeywordAdded,
    KeywordRemoved,
}

/// <summary>One semantic change between two versions of a flow.</summary>
/// <param name="Kind">What changed.</param>
/// <param name="Where">The place, in the flow's words: <c>main key 1</c>, <c>welcome (es-US)</c>, <c>business-hours monday</c>.</param>
/// <param name="Before">The old value, or null when there was none.</param>
/// <param name="After">The new value, or null when there is none.</param>
/// <param name="Nodes">The nodes a call crosses to meet the change (empty for texts answered outside calls).</param>
/// <param name="Ways">
/// When a call meets the change only by taking one way out of its node: that way as coverage names it (a key,
/// <c>busy</c>, <c>3 × invalid</c>, <c>closed</c>); empty when any visit of the node meets it.
/// </param>
/// <param name="FlowWide">True when every call meets it (the start node, the locales).</param>
/// <param name="Locale">When only calls in one locale meet it (a prompt's or a text's words in that locale): the locale.</param>
internal sealed record FlowChange(
    FlowChangeKind Kind, string Where, string? Before, string? After, IReadOnlyList<string> Nodes, IReadOnlyList<string>? Ways = null, bool FlowWide = false,
    string? Locale = null)
{
    /// <summary>The kind as the table prints it.</summary>
    public string Label => Kind switch
    {
        FlowChangeKind.Flow => "flow setting",
        FlowChangeKind.NodeAdded => "node added",
        FlowChangeKind.NodeRemoved => "node removed",
        FlowChangeKind.NodeType => "node type",
        FlowChangeKind.Retargeted => "retargeted",
        FlowChangeKind.OptionAdded => "option added",
        FlowChangeKind.OptionRemoved => "option removed",
        FlowChangeKind.OptionRetargeted => "option retargeted",
        FlowChangeKind.NodePrompt => "node prompt",
        FlowChangeKind.Setting => "setting",
        FlowChangeKind.PromptAdded => "prompt added",
        FlowChangeKind.PromptRemoved => "prompt removed",
        FlowChangeKind.PromptText => "prompt text",
        FlowChangeKind.PromptFile => "prompt file",
        FlowChangeKind.Hours => "hours",
        FlowChangeKind.HolidayAdded => "holiday added",
        FlowChangeKind.HolidayRemoved => "holiday removed",
        FlowChangeKind.HolidayRenamed => "holiday renamed",
        FlowChangeKind.Text => "text",
        FlowChangeKind.TextSegments => "text segments",
        FlowChangeKind.KeywordAdded => "keyword added",
        FlowChangeKind.KeywordRemoved => "keyword removed",
        _ => Kind.ToString(),
    };
}

/// <summary>
/// A semantic diff of two flows: what a caller would meet differently, not which lines of JSON moved. Nodes are
/// compared by id and type, each way out of a node by its meaning (a menu key, a transfer outcome, open/closed), with
/// the defaults the engine applies (a transfer's <c>onFailure</c> behind each outcome, a missing give-up as hanging up),
/// so rewriting a flow without changing what it does gives no changes. Prompts are compared per locale and id, texts
/// per locale with their SMS segment count. Pure: the same two flows always give the same list, in the new flow's
/// drawing order (removed nodes after, in the old flow's).
/// </summary>
internal static class FlowDiff
{
    private const string Hangup = "(hang up)";

    public static IReadOnlyList<FlowChange> Compare(FlowDefinition before, FlowDefinition after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<FlowChange>();
        CompareFlow(before, after, changes);

        var order = FlowGraph.Build(after).Nodes.Select(n => n.Id)
            .Concat(FlowGraph.Build(before).Nodes.Select(n => n.Id))
            .Where(id => id != FlowGraph.HangupId)
            .Distinct(StringComparer.Ordinal);
        foreach (var id in order)
        {
            var (old, @new) = (before.FindNode(id), after.FindNode(id));
            if (old is null && @new is not null)
            {
                changes.Add(new FlowChange(FlowChangeKind.NodeAdded, id, null, FlowGraph.Describe(@new), [id]));
            }
            else if (old is not null && @new is null)
            {
                changes.Add(new FlowChange(FlowChangeKind.NodeRemoved, id, FlowGraph.Describe(old), null, [id]));
            }
            else if (old is not null && @new is not null)
            {
                if (old.Type != @new.Type)
                {
                    changes.Add(new FlowChange(FlowChangeKind.NodeType, id, FlowGraph.Describe(old), FlowGraph.Describe(@new), [id]));
                }
                else
                {
                    CompareNode(id, old, @new, changes, [before, after]);
                }
            }
        }

        ComparePrompts(before, after, changes);
        CompareSms(before, after, changes);
        return changes;
    }

    private static void CompareFlow(FlowDefinition before, FlowDefinition after, List<FlowChange> changes)
    {
        if (before.Start != after.Start)
        {
            changes.Add(new FlowChange(FlowChangeKind.Flow, "start", before.Start, after.Start, [], FlowWide: true));
        }

        if (before.DefaultLocale != after.DefaultLocale)
        {
            changes.Add(new FlowChange(FlowChangeKind.Flow, "defaultLocale", before.DefaultLocale, after.DefaultLocale, [], FlowWide: true));
        }

        var (oldLocales, newLocales) = (string.Join(", ", before.Locales), string.Join(", ", after.Locales));
        if (oldLocales != newLocales)
        {
            changes.Add(new FlowChange(FlowChangeKind.Flow, "locales", oldLocales, newLocales, [], FlowWide: true));
        }

        if (before.GoodbyePrompt != after.GoodbyePrompt)
        {
            changes.Add(new FlowChange(FlowChangeKind.Flow, "goodbyePrompt", before.GoodbyePrompt, after.GoodbyePrompt, [FlowGraph.HangupId]));
        }

        if (before.MaxTextSegments != after.MaxTextSegments)
        {
            changes.Add(new FlowChange(FlowChangeKind.Flow, "sms.maxSegments", Number(before.MaxTextSegments), Number(after.MaxTextSegments), []));
        }
    }

    private static void CompareNode(string id, FlowNode old, FlowNode @new, List<FlowChange> changes, FlowDefinition[] flows)
    {
        if (old is MenuNode oldMenu && @new is MenuNode newMenu)
        {
            CompareOptions(id, oldMenu, newMenu, changes);
        }

        if (old is HoursNode oldHours && @new is HoursNode newHours)
        {
            CompareHours(id, oldHours, newHours, changes);
        }

        if (old is TextNode oldText && @new is TextNode newText)
        {
            // A built-in agent that answers with this body (sayText) says the change too.
            CompareTexts($"{id} body", Variants(oldText.Body), Variants(newText.Body), [id, .. AgentsSaying(id, flows)], changes);
        }

        Facets(id, Links(old), Links(@new), FlowChangeKind.Retargeted, changes, link => WaysOut(old, @new, link));
        Facets(id, Prompts(old), Prompts(@new), FlowChangeKind.NodePrompt, changes);
        Facets(id, Settings(old), Settings(@new), FlowChangeKind.Setting, changes);
    }

    // A facet present on one side only compares against none.
    private static void Facets(
        string id, IReadOnlyList<(string Name, string? Value)> old, IReadOnlyList<(string Name, string? Value)> @new, FlowChangeKind kind, List<FlowChange> changes,
        Func<string, IReadOnlyList<string>?>? ways = null)
    {
        foreach (var name in @new.Select(f => f.Name).Concat(old.Select(f => f.Name)).Distinct(StringComparer.Ordinal))
        {
            var before = old.FirstOrDefault(f => f.Name == name).Value;
            var after = @new.FirstOrDefault(f => f.Name == name).Value;
            if (before != after)
            {
                changes.Add(new FlowChange(kind, $"{id} {name}", before, after, [id], ways?.Invoke(name)));
            }
        }
    }

    // The way out of a node a call takes to follow one of its links, as coverage labels it (FlowGraph's edge labels);
    // null for a node's only way on, which every visit takes.
    private static List<string>? WaysOut(FlowNode old, FlowNode @new, string link) => link switch
    {
        "onMaxFailures" => new[] { old, @new }.OfType<MenuNode>().Select(FlowGraph.MaxFailuresLabel).Distinct().ToList(),
        "onMaxTimeouts" => new[] { old, @new }.OfType<MenuNode>().Select(FlowGraph.MaxTimeoutsLabel).Distinct().ToList(),
        "on no answer" => ["no answer"],
        "on busy" => ["busy"],
        "on failed" => ["failed"],
        "on completed" => ["completed"],
        "open" => ["open"],
        "closed" => ["closed", "holiday"],
        _ when old is VoicemailNode => ["recorded"],
        _ => null,
    };

    private static void CompareOptions(string id, MenuNode old, MenuNode @new, List<FlowChange> changes)
    {
        foreach (var key in @new.Options.Keys.Concat(old.Options.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var (before, after) = (old.Options.GetValueOrDefault(key), @new.Options.GetValueOrDefault(key));
            var where = $"{id} key {key}";
            if (before is null && after is not null)
            {
                changes.Add(new FlowChange(FlowChangeKind.OptionAdded, where, null, after.Next, [id], [key]));
            }
            else if (before is not null && after is null)
            {
                changes.Add(new FlowChange(FlowChangeKind.OptionRemoved, where, before.Next, null, [id], [key]));
            }
            else if (before is not null && after is not null)
            {
                if (before.Next != after.Next)
                {
                    changes.Add(new FlowChange(FlowChangeKind.OptionRetargeted, where, before.Next, after.Next, [id], [key]));
                }

                var (oldHints, newHints) = (string.Join(", ", before.Hints), string.Join(", ", after.Hints));
                if (oldHints != newHints)
                {
                    changes.Add(new FlowChange(FlowChangeKind.Setting, $"{where} hints", Empty(oldHints), Empty(newHints), [id], [key]));
                }
            }
        }
    }

    private static void CompareHours(string id, HoursNode old, HoursNode @new, List<FlowChange> changes)
    {
        if (old.TimeZone != @new.TimeZone)
        {
            changes.Add(new FlowChange(FlowChangeKind.Hours, $"{id} timeZone", old.TimeZone, @new.TimeZone, [id]));
        }

        string[] days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
        foreach (var day in days.Concat(old.Weekly.Keys).Concat(@new.Weekly.Keys).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var (before, after) = (Ranges(old, day), Ranges(@new, day));
            if (before != after)
            {
                changes.Add(new FlowChange(FlowChangeKind.Hours, $"{id} {day}", before, after, [id]));
            }
        }

        var oldDays = old.Holidays.Where(h => h?.Date is not null).GroupBy(h => h.Date!).ToDictionary(g => g.Key, g => g.First().Name ?? "");
        var newDays = @new.Holidays.Where(h => h?.Date is not null).GroupBy(h => h.Date!).ToDictionary(g => g.Key, g => g.First().Name ?? "");
        foreach (var date in newDays.Keys.Concat(oldDays.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var where = $"{id} {date}";
            var (had, has) = (oldDays.TryGetValue(date, out var before), newDays.TryGetValue(date, out var after));
            if (!had)
            {
                changes.Add(new FlowChange(FlowChangeKind.HolidayAdded, where, null, Empty(after ?? ""), [id]));
            }
            else if (!has)
            {
                changes.Add(new FlowChange(FlowChangeKind.HolidayRemoved, where, Empty(before ?? ""), null, [id]));
            }
            else if (before != after)
            {
                changes.Add(new FlowChange(FlowChangeKind.HolidayRenamed, where, Empty(before ?? ""), Empty(after ?? ""), [id]));
            }
        }
    }

    private static string Ranges(HoursNode hours, string day)
    {
        var ranges = hours.Weekly.FirstOrDefault(d => string.Equals(d.Key, day, StringComparison.OrdinalIgnoreCase)).Value;
        return ranges is null || ranges.Count == 0 ? "closed" : string.Join(", ", ranges);
    }

    private static void ComparePrompts(FlowDefinition before, FlowDefinition after, List<FlowChange> changes)
    {
        foreach (var locale in after.Prompts.Keys.Concat(before.Prompts.Keys).Distinct(StringComparer.Ordinal))
        {
            var old = before.Prompts.GetValueOrDefault(locale) ?? new Dictionary<string, PromptEntry>();
            var @new = after.Prompts.GetValueOrDefault(locale) ?? new Dictionary<string, PromptEntry>();
            foreach (var id in @new.Keys.Concat(old.Keys).Distinct(StringComparer.Ordinal))
            {
                var where = $"{id} ({locale})";
                var (was, @is) = (old.GetValueOrDefault(id), @new.GetValueOrDefault(id));
                // The goodbye prompt also plays where the engine hangs up on its own: the implicit end of the call.
                var nodes = NodesPlaying(id, before, after);
                if (id == before.GoodbyePrompt || id == after.GoodbyePrompt)
                {
                    nodes.Add(FlowGraph.HangupId);
                }

                if (was is null && @is is not null)
                {
                    changes.Add(new FlowChange(FlowChangeKind.PromptAdded, where, null, @is.Text, nodes, Locale: locale));
                }
                else if (was is not null && @is is null)
                {
                    changes.Add(new FlowChange(FlowChangeKind.PromptRemoved, where, was.Text, null, nodes, Locale: locale));
                }
                else if (was is not null && @is is not null)
                {
                    if (was.Text != @is.Text)
                    {
                        changes.Add(new FlowChange(FlowChangeKind.PromptText, where, was.Text, @is.Text, nodes, Locale: locale));
                    }

                    if (was.File != @is.File)
                    {
                        changes.Add(new FlowChange(FlowChangeKind.PromptFile, where, was.File, @is.File, nodes, Locale: locale));
                    }
                }
            }
        }
    }

    // The agent nodes of either flow with an intent that answers with a text node's body.
    private static IEnumerable<string> AgentsSaying(string textNode, FlowDefinition[] flows) =>
        flows.SelectMany(f => f.Nodes.Where(n => n.Value is AgentNode agent && agent.Intents.Any(i => i?.SayText == textNode)).Select(n => n.Key))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    // The nodes of either flow that play a catalog prompt: where a call meets a change to it.
    private static List<string> NodesPlaying(string promptId, params FlowDefinition[] flows) =>
        flows.SelectMany(f => f.Nodes.Where(n => n.Value?.PromptRefs().Any(p => p.Prompt.Id == promptId) == true).Select(n => n.Key))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static void CompareSms(FlowDefinition before, FlowDefinition after, List<FlowChange> changes)
    {
        var old = Keywords(before);
        var @new = Keywords(after);
        foreach (var name in @new.Keys.Concat(old.Keys).Distinct(StringComparer.Ordinal))
        {
            var where = $"sms keyword {name}";
            var (was, @is) = (old.GetValueOrDefault(name), @new.GetValueOrDefault(name));
            if (was is null && @is is not null)
            {
                changes.Add(new FlowChange(FlowChangeKind.KeywordAdded, where, null, string.Join(", ", @is.Match), []));
            }
            else if (was is not null && @is is null)
            {
                changes.Add(new FlowChange(FlowChangeKind.KeywordRemoved, where, string.Join(", ", was.Match), null, []));
            }
            else if (was is not null && @is is not null)
            {
                var (oldMatch, newMatch) = (string.Join(", ", was.Match), string.Join(", ", @is.Match));
                if (oldMatch != newMatch)
                {
                    changes.Add(new FlowChange(FlowChangeKind.Setting, where + " match", oldMatch, newMatch, []));
                }

                CompareTexts(where + " reply", Variants(was.Reply), Variants(@is.Reply), [], changes);
            }
        }

        CompareTexts("sms defaultReply", Variants(before.Sms?.DefaultReply), Variants(after.Sms?.DefaultReply), [], changes);
    }

    // Keywords by their first spelling, which is how people name them.
    private static Dictionary<string, SmsKeyword> Keywords(FlowDefinition flow) =>
        (flow.Sms?.Keywords ?? []).Where(k => k?.Match.Count > 0)
            .GroupBy(k => k.Match[0].Trim().ToUpperInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    private static void CompareTexts(string where, Dictionary<string, string> old, Dictionary<string, string> @new, IReadOnlyList<string> nodes, List<FlowChange> changes)
    {
        foreach (var locale in @new.Keys.Concat(old.Keys).Distinct(StringComparer.Ordinal))
        {
            var (before, after) = (old.GetValueOrDefault(locale), @new.GetValueOrDefault(locale));
            if (before == after)
            {
                continue;
            }

            var place = locale.Length == 0 ? where : $"{where} ({locale})";
            var (was, @is) = (Segments(before), Segments(after));
            var only = locale.Length == 0 ? null : locale;
            changes.Add(was == @is
                ? new FlowChange(FlowChangeKind.Text, place, before, after, nodes, Locale: only)
                : new FlowChange(FlowChangeKind.TextSegments, place, Measured(before), Measured(after), nodes, Locale: only));
        }
    }

    private static int? Segments(string? text) => text is null ? null : SmsSegmentCalculator.Calculate(text).Segments;

    private static string? Measured(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var info = SmsSegmentCalculator.Calculate(text);
        return string.Create(CultureInfo.InvariantCulture, $"{info.Segments} segment{(info.Segments == 1 ? "" : "s")} ({info.EncodingName}, {info.Characters} chars): {text}");
    }

    // A text per locale; "" is the key of one text for every locale.
    private static Dictionary<string, string> Variants(LocalizedText? text) =>
        text is null ? [] : text.Variants().ToDictionary(v => v.Key ?? "", v => v.Value, StringComparer.Ordinal);

    // Each way out of a node, by meaning, with the target the engine takes (the defaults applied).
    private static List<(string, string?)> Links(FlowNode node) => node switch
    {
        MenuNode menu => [("onMaxFailures", menu.OnMaxFailures ?? Hangup), ("onMaxTimeouts", menu.OnMaxTimeouts ?? Hangup)],
        PlayNode play => [("next", play.Next ?? Hangup)],
        TransferNode transfer =>
        [
            ("on no answer", transfer.NoAnswerTarget ?? Hangup), ("on busy", transfer.BusyTarget ?? Hangup),
            ("on failed", transfer.FailedTarget ?? Hangup), ("on completed", transfer.OnCompleted ?? Hangup),
        ],
        VoicemailNode voicemail => [("next", voicemail.Next ?? Hangup)],
        HoursNode hours => [("open", hours.Open ?? Hangup), ("closed", hours.Closed ?? Hangup)],
        LanguageNode language => [("next", language.Next ?? Hangup)],
        GotoNode @goto => [("target", @goto.Target ?? Hangup)],
        TextNode text => [("next", text.Next ?? Hangup)],
        HangupNode => [],
        _ => node.Links().Select(l => (l.Property, (string?)(l.Target ?? Hangup))).ToList(),
    };

    private static List<(string, string?)> Prompts(FlowNode node) => node switch
    {
        // A play node's prompts are one sequence: inserting one should read as one change, not a shifted list.
        PlayNode play => [("prompts", string.Join(", ", play.Prompts.Where(p => p is not null).Select(p => p.ToString())))],
        _ => node.PromptRefs().Select(p => (p.Property, (string?)p.Prompt.ToString())).ToList(),
    };

    private static List<(string, string?)> Settings(FlowNode node) => node switch
    {
        MenuNode menu =>
        [
            ("timeoutSeconds", Number(menu.TimeoutSeconds)), ("maxFailures", Number(menu.MaxFailures)),
            ("maxTimeouts", Number(menu.MaxTimeouts)), ("repeatKey", menu.RepeatKey), ("backKey", menu.BackKey),
        ],
        TransferNode transfer => [("to", transfer.To), ("timeoutSeconds", Number(transfer.TimeoutSeconds)), ("callerId", transfer.CallerId)],
        VoicemailNode voicemail =>
        [
            ("maxLengthSeconds", Number(voicemail.MaxLengthSeconds)), ("playBeep", Flag(voicemail.PlayBeep)),
            ("transcribe", Flag(voicemail.Transcribe)), ("transcribeCallback", voicemail.TranscribeCallback),
        ],
        LanguageNode language => [("locale", language.Locale)],
        TextNode text => [("to", text.To ?? "(the caller)"), ("from", text.From ?? "(the app's sender)")],
        _ => [],
    };

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Flag(bool value) => value ? "true" : "false";

    private static string? Empty(string value) => value.Length == 0 ? "(none)" : value;
}
