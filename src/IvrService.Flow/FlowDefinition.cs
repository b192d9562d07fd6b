using System.Text.Json.Serialization;

namespace IvrService.Flow;

/// <summary>
/// A whole flow file: the prompt catalog per locale, the nodes of the call graph and the SMS keywords.
/// Load it with <see cref="FlowLoader"/> and check it with <see cref="FlowValidator"/>; the engine tolerates a flow
/// that failed validation (it degrades to a goodbye rather than throwing).
/// The model's properties are settable only because the source-generated deserializer would otherwise reset the
/// defaults of absent init-only properties; treat a loaded flow as read-only (the engine shares it between calls).
/// </summary>
public sealed class FlowDefinition
{
    /// <summary>Optional <c>$schema</c> reference, ignored by the engine (editors use it for completion).</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    /// <summary>Free-form name of the flow, for logs and tools.</summary>
    public string? Name { get; set; }

    /// <summary>Id of the node a new call enters.</summary>
    public string? Start { get; set; }

    /// <summary>Locale used for new calls and as the fallback when a prompt is missing in the call's locale.</summary>
    public string? DefaultLocale { get; set; }

    /// <summary>Every locale the flow supports, e.g. <c>en-US</c>, <c>es-US</c>.</summary>
    public IReadOnlyList<string> Locales { get; set; } = [];

    /// <summary>
    /// Prompt played before the engine hangs up on its own (a menu's give-up without <c>onMax…</c>, a transfer
    /// without a failure branch, a broken reference). Without it such a hang-up would be silent.
    /// </summary>
    public string? GoodbyePrompt { get; set; }

    /// <summary>Prompt catalog: locale → prompt id → entry.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, PromptEntry>> Prompts { get; set; } =
        new Dictionary<string, IReadOnlyDictionary<string, PromptEntry>>();

    /// <summary>The call graph: node id → node.</summary>
    public IReadOnlyDictionary<string, FlowNode> Nodes { get; set; } = new Dictionary<string, FlowNode>();

    /// <summary>SMS keyword replies; <c>null</c> when the flow answers no text messages.</summary>
    public SmsSettings? Sms { get; set; }

    /// <summary>
    /// Every recorded prompt in the catalog, one entry per locale and prompt id, in file order: what the audio
    /// generation script records, what the S3 sync uploads and what the audio check expects to find.
    /// Entries without a file name are skipped (the validator reports them).
    /// </summary>
    public IEnumerable<PromptAudio> EnumeratePromptAudio()
    {
        foreach (var (locale, entries) in Prompts)
        {
            if (entries is null)
            {
                continue;
            }

            foreach (var (id, entry) in entries)
            {
                if (entry?.File is { Length: > 0 } file)
                {
                    yield return new PromptAudio(locale, id, PromptEntry.AudioKeyFor(locale, file), entry.Text ?? "");
                }
            }
        }
    }

    /// <summary>The segment budget of every text the flow sends: <c>sms.maxSegments</c>, or <see cref="SmsSettings.DefaultMaxSegments"/>.</summary>
    [JsonIgnore]
    public int MaxTextSegments => Sms?.MaxSegments ?? SmsSettings.DefaultMaxSegments;

    /// <summary>
    /// Every text the flow can send, one entry per locale variant, in file order: keyword replies, the default reply
    /// and the bodies of <c>text</c> nodes. What the segment audit measures. Empty or missing texts are skipped (the
    /// validator reports them).
    /// </summary>
    public IEnumerable<FlowText> EnumerateTexts()
    {
        var keywords = Sms?.Keywords ?? [];
        for (var i = 0; i < keywords.Count; i++)
        {
            var keyword = keywords[i];
            var source = keyword?.Match.FirstOrDefault(m => !string.IsNullOrWhiteSpace(m)) ?? $"keyword {i + 1}";
            foreach (var text in Variants(keyword?.Reply, $"$.sms.keywords[{i}].reply", FlowTextKind.KeywordReply, source))
            {
                yield return text;
            }
        }

        foreach (var text in Variants(Sms?.DefaultReply, "$.sms.defaultReply", FlowTextKind.DefaultReply, "default reply"))
        {
            yield return text;
        }

        foreach (var (id, node) in Nodes)
        {
            if (node is TextNode textNode)
            {
                foreach (var text in Variants(textNode.Body, JsonPath.Of("$", "nodes", id, "body"), FlowTextKind.TextNode, id))
                {
                    yield return text;
                }
            }
        }
    }

    private static IEnumerable<FlowText> Variants(LocalizedText? text, string path, FlowTextKind kind, string source) =>
        text is null
            ? []
            : text.Variants()
                .Where(v => !string.IsNullOrEmpty(v.Value))
                .Select(v => new FlowText(v.Key is null ? path : JsonPath.Append(path, v.Key), v.Key, v.Value, kind, source));

    /// <summary>
    /// Where a caller returns from a node that has no way back of its own (an agent session that failed or ended
    /// without a handoff), when the call's back stack names no menu: the first menu (in file order) with an option
    /// leading to <paramref name="nodeId"/>, else the start node.
    /// </summary>
    public string? WayBackFrom(string nodeId) =>
        Nodes.FirstOrDefault(n => n.Value is MenuNode menu && menu.Options.Values.Any(o => o?.Next == nodeId)).Key ?? Start;

    /// <summary>Looks a node up by id; <c>null</c> for an unknown id (or a null entry in a broken file).</summary>
    public FlowNode? FindNode(string? id) =>
        id is not null && Nodes.TryGetValue(id, out var node) ? node : null;
}

/// <summary>One prompt of the catalog in one locale.</summary>
public sealed class PromptEntry
{
    /// <summary>Audio file relative to <c>content/audio/&lt;locale&gt;/</c>, e.g. <c>welcome.wav</c>.</summary>
    public string? File { get; set; }

    /// <summary>What the recording says: used for TTS when the audio is unavailable, transcripts and generation.</summary>
    public string? Text { get; set; }

    /// <summary>The audio key (path relative to <c>content/audio</c>, equal to the S3 key) of a file in a locale.</summary>
    public static string AudioKeyFor(string locale, string file) => $"{locale}/{file}";
}

/// <summary>Where a text the flow sends comes from.</summary>
public enum FlowTextKind
{
    /// <summary>The reply to an SMS keyword (<c>sms.keywords[i].reply</c>).</summary>
    KeywordReply,

    /// <summary>The reply when no keyword matches (<c>sms.defaultReply</c>).</summary>
    DefaultReply,

    /// <summary>The body of a <c>text</c> node, sent during a call.</summary>
    TextNode,
}

/// <summary>A text the flow can send, as enumerated by <see cref="FlowDefinition.EnumerateTexts"/>.</summary>
/// <param name="Path">JSON path of the text, e.g. <c>$.sms.keywords[0].reply['es-US']</c>.</param>
/// <param name="Locale">The variant's locale, or <c>null</c> for one text used in every locale.</param>
/// <param name="Text">The text.</param>
/// <param name="Kind">Keyword reply, default reply or <c>text</c> node.</param>
/// <param name="Source">The keyword (its first spelling), <c>default reply</c>, or the node id.</param>
public sealed record FlowText(string Path, string? Locale, string Text, FlowTextKind Kind, string Source);

/// <summary>A recorded prompt as enumerated by <see cref="FlowDefinition.EnumeratePromptAudio"/>.</summary>
/// <param name="Locale">Locale of the recording, e.g. <c>es-US</c>.</param>
/// <param name="PromptId">Prompt id in the catalog.</param>
/// <param name="AudioKey"><c>&lt;locale&gt;/&lt;file&gt;</c>, the path relative to <c>content/audio</c> and the S3 key.</param>
/// <param name="Text">The words of the recording.</param>
public sealed record PromptAudio(string Locale, string PromptId, string AudioKey, string Text);
