using System.Text.Json.Nodes;
using IvrService.Cli.Diffs;
using IvrService.Flow;
using IvrService.Testing;

namespace IvrService.Cli.Tests.Diffs;

public sealed class FlowDiffTests
{
    private static readonly string SampleJson = File.ReadAllText(RepoPaths.SampleFlow);
    private static readonly FlowDefinition Sample = Load(SampleJson);

    internal static FlowDefinition Load(string json) => FlowLoader.Parse(json).Flow ?? throw new InvalidOperationException("not a flow");

    /// <summary>The sample flow with <paramref name="edit"/> applied to its JSON.</summary>
    internal static string Edited(Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(SampleJson)!.AsObject();
        edit(root);
        return root.ToJsonString();
    }

    private static List<(string Change, string Where, string? Before, string? After)> Diff(Action<JsonObject> edit) =>
        FlowDiff.Compare(Sample, Load(Edited(edit))).Select(c => (c.Label, c.Where, c.Before, c.After)).ToList();

    private static JsonObject Node(JsonObject root, string id) => root["nodes"]![id]!.AsObject();

    [Fact]
    public void Compare_SameFlow_FindsNothing() => Assert.Empty(FlowDiff.Compare(Sample, Load(SampleJson)));

    [Fact]
    public void Compare_SameBehaviourWrittenOtherwise_FindsNothing()
    {
        // Explicit defaults, the catch-all split into the three outcomes it stood for, keys reordered, a description.
        var changes = Diff(root =>
        {
            Node(root, "sales").Remove("onFailure");
            Node(root, "sales")["onNoAnswer"] = "agent-unavailable";
            Node(root, "sales")["onBusy"] = "agent-unavailable";
            Node(root, "sales")["onFailed"] = "agent-unavailable";
            Node(root, "voicemail")["maxLengthSeconds"] = 120;
            Node(root, "main")["description"] = "rewritten";
            var options = Node(root, "main")["options"]!.AsObject();
            var one = options["1"]!.DeepClone();
            options.Remove("1");
            options["1"] = one;
        });

        Assert.Empty(changes);
    }

    [Fact]
    public void Compare_MenuOptions_AddedRemovedRetargetedAndHints()
    {
        var changes = Diff(root =>
        {
            var options = Node(root, "main")["options"]!.AsObject();
            options["1"]!["next"] = "hours-info";
            options["6"] = new JsonObject { ["next"] = "voicemail" };
            options.Remove("8");
            options["3"]!["hints"] = new JsonArray("hours");
        });

        Assert.Equal(
        [
            ("option retargeted", "main key 1", "sales", "hours-info"),
            ("setting", "main key 3 hints", "opening hours, hours, horario", "hours"),
            ("option added", "main key 6", null, "voicemail"),
            ("option removed", "main key 8", "english", null),
        ], changes);
    }

    [Fact]
    public void Compare_WaysOut_RetargetedWithTheEnginesDefaults()
    {
        var changes = Diff(root =>
        {
            Node(root, "sales")["onBusy"] = "voicemail";
            Node(root, "main").Remove("onMaxTimeouts");
            Node(root, "hours-info")["next"] = "goodbye";
            Node(root, "support-hours")["closed"] = "voicemail";
        });

        Assert.Equal(
        [
            ("retargeted", "main onMaxTimeouts", "goodbye", "(hang up)"),
            ("retargeted", "sales on busy", "agent-unavailable", "voicemail"),
            ("retargeted", "support-hours closed", "support-closed", "voicemail"),
            ("retargeted", "hours-info next", "back-to-main", "goodbye"),
        ], changes);
    }

    [Fact]
    public void Compare_Nodes_AddedRemovedAndRetyped()
    {
        var changes = Diff(root =>
        {
            var nodes = root["nodes"]!.AsObject();
            nodes["survey"] = new JsonObject { ["type"] = "play", ["prompts"] = new JsonArray("goodbye"), ["next"] = "goodbye" };
            Node(root, "main")["options"]!["7"] = new JsonObject { ["next"] = "survey" };
            nodes.Remove("english");
            Node(root, "main")["options"]!.AsObject().Remove("8");
            nodes["back-to-main"] = new JsonObject { ["type"] = "play", ["prompts"] = new JsonArray("main-short"), ["next"] = "main" };
        });

        Assert.Equal(
        [
            ("option added", "main key 7", null, "survey"),
            ("option removed", "main key 8", "english", null),
            ("node added", "survey", null, "play goodbye"),
            ("node type", "back-to-main", "goto", "play main-short"),
            ("node removed", "english", "language en-US", null),
        ], changes);
    }

    [Fact]
    public void Compare_NodeSettingsAndPrompts()
    {
        var changes = Diff(root =>
        {
            Node(root, "main")["timeoutSeconds"] = 8;
            Node(root, "main")["noInputPrompt"] = "invalid";
            Node(root, "sales")["to"] = "+15005550009";
            Node(root, "hours-info")["prompts"] = new JsonArray("hours-info");
            Node(root, "voicemail")["transcribe"] = false;
        });

        Assert.Equal(
        [
            ("node prompt", "main noInputPrompt", "no-input", "invalid"),
            ("setting", "main timeoutSeconds", "5", "8"),
            ("setting", "sales to", "+15005550006", "+15005550009"),
            ("node prompt", "hours-info prompts", "hours-info, pause:1", "hours-info"),
            ("setting", "voicemail transcribe", "true", "false"),
        ], changes);
    }

    [Fact]
    public void Compare_PromptCatalog_PerLocale()
    {
        var changes = FlowDiff.Compare(Sample, Load(Edited(root =>
        {
            var es = root["prompts"]!["es-US"]!.AsObject();
            es["welcome"]!["text"] = "Bienvenido a Example Company.";
            root["prompts"]!["en-US"]!["goodbye"]!["file"] = "goodbye-2027.wav";
            root["prompts"]!["en-US"]!["survey-thanks"] = new JsonObject { ["file"] = "survey-thanks.wav", ["text"] = "Thanks." };
            es.Remove("survey-thanks");
        })));

        Assert.Equal(
        [
            ("prompt file", "goodbye (en-US)", "goodbye.wav", "goodbye-2027.wav"),
            ("prompt added", "survey-thanks (en-US)", null, "Thanks."),
            ("prompt text", "welcome (es-US)", "Gracias por llamar a Example Company.", "Bienvenido a Example Company."),
        ], changes.Select(c => (c.Label, c.Where, c.Before, c.After)));
        // Where a call meets them: the nodes that play them, in that locale; the goodbye also at the call's implicit end.
        Assert.Equal(["goodbye", FlowGraph.HangupId], changes[0].Nodes);
        Assert.Equal("es-US", changes[2].Locale);
        Assert.Equal(["welcome"], changes[2].Nodes);
    }

    [Fact]
    public void Compare_HoursAndHolidays()
    {
        var changes = Diff(root =>
        {
            var hours = Node(root, "support-hours");
            hours["weekly"]!["monday"] = new JsonArray("08:00-12:00", "13:00-17:00");
            hours["weekly"]!["saturday"] = new JsonArray();
            var holidays = hours["holidays"]!.AsArray();
            holidays.RemoveAt(0);
            holidays[0]!["name"] = "Christmas";
            holidays.Add(new JsonObject { ["date"] = "2026-12-26", ["name"] = "Boxing Day" });
        });

        Assert.Equal(
        [
            ("hours", "support-hours monday", "09:00-17:00", "08:00-12:00, 13:00-17:00"),
            ("hours", "support-hours saturday", "10:00-14:00", "closed"),
            ("holiday removed", "support-hours 2026-11-26", "Thanksgiving Day", null),
            ("holiday renamed", "support-hours 2026-12-25", "Christmas Day", "Christmas"),
            ("holiday added", "support-hours 2026-12-26", null, "Boxing Day"),
        ], changes);
    }

    [Fact]
    public void Compare_Texts_SegmentCountChangesAreCalledOut()
    {
        var changes = Diff(root =>
        {
            // A single character outside GSM-7 makes the English text UCS-2 and two segments; the Spanish one is UCS-2
            // already (í) and stays two segments with another word.
            Node(root, "text-link")["body"]!["en-US"] = "Example Co.: book your appointment online at https://example.com/book ✓ Reply STOP to opt out.";
            Node(root, "text-link")["body"]!["es-US"] = "Example Co.: reserve hoy su cita en línea en https://example.com/reservar - Responda STOP para darse de baja.";
            var keywords = root["sms"]!["keywords"]!.AsArray();
            keywords.RemoveAt(1);
            keywords.Add(new JsonObject { ["match"] = new JsonArray("BOOK"), ["reply"] = "https://example.com/book" });
        });

        Assert.Equal(4, changes.Count);
        Assert.Equal(("text segments", "text-link body (en-US)"), (changes[0].Change, changes[0].Where));
        Assert.StartsWith("1 segment (GSM-7, 94 chars): Example Co.", changes[0].Before, StringComparison.Ordinal);
        Assert.StartsWith("2 segments (UCS-2, 94 chars): Example Co.", changes[0].After, StringComparison.Ordinal);
        Assert.Equal(("text", "text-link body (es-US)"), (changes[1].Change, changes[1].Where));
        Assert.Equal(("keyword added", "sms keyword BOOK", (string?)null, (string?)"BOOK"), changes[2]);
        Assert.Equal(("keyword removed", "sms keyword HELP", (string?)"HELP, INFO, AYUDA", (string?)null), changes[3]);
    }

    [Fact]
    public void Compare_FlowSettings_StartAndLocalesConcernEveryCall()
    {
        var changes = FlowDiff.Compare(Sample, Load(Edited(root =>
        {
            root["start"] = "main";
            root["goodbyePrompt"] = "voicemail-thanks";
        })));

        Assert.Equal(
        [
            ("flow setting", "start", "welcome", "main"),
            ("flow setting", "goodbyePrompt", "goodbye", "voicemail-thanks"),
        ], changes.Select(c => (c.Label, c.Where, c.Before, c.After)));
        Assert.True(changes[0].FlowWide);
        Assert.False(changes[1].FlowWide);
    }
}
