using System.Globalization;
using IvrService.Cli.Graphs;
using IvrService.Cli.Simulator;
using IvrService.Flow;
using Microsoft.AspNetCore.WebUtilities;

namespace IvrService.Cli.Phone;

/// <summary>
/// What the page needs to know about the flow: its diagram, where a request puts the caller (the node in the
/// action URL's <c>n=</c>, the start node for the first request) and the words of each recorded prompt.
/// Works without a flow too (the phone still calls; there is just no diagram).
/// </summary>
internal sealed class PhoneFlow
{
    private readonly FlowDefinition? _flow;
    private readonly Dictionary<string, string> _promptText = new(StringComparer.Ordinal);

    private PhoneFlow(string? path, FlowDefinition? flow, string? error)
    {
        Path = path;
        _flow = flow;
        Error = error;
        if (flow is null)
        {
            return;
        }

        Diagram = MermaidFlowRenderer.Render(FlowGraph.Build(flow));
        foreach (var prompt in flow.EnumeratePromptAudio())
        {
            _promptText.TryAdd(prompt.AudioKey, prompt.Text);
        }
    }

    public string? Path { get; }

    public string? Error { get; }

    public string? Name => _flow?.Name;

    public string? StartNode => _flow?.Start;

    /// <summary>The flow, when it loaded.</summary>
    public FlowDefinition? Definition => _flow;

    public MermaidDiagram? Diagram { get; }

    public static PhoneFlow Load(string? path)
    {
        if (path is null)
        {
            return new PhoneFlow(null, null, "no flow file given (--flow)");
        }

        var result = FlowLoader.Load(path);
        return result.Flow is { } flow
            ? new PhoneFlow(path, flow, null)
            : new PhoneFlow(path, null, $"{path} cannot be read as a flow ({string.Join("; ", result.Problems.Take(3).Select(p => p.Message))})");
    }

    /// <summary>The diagram id of a flow node, when it is on the diagram.</summary>
    public string? DiagramId(string? node) =>
        node is not null && Diagram?.NodeIds.TryGetValue(node, out var id) == true ? id : null;

    /// <summary>
    /// The node the caller is at after <paramref name="e"/>, when the event says: a Gather's action URL (where the
    /// caller waits), a request's URL (the node being answered), the fallback's <c>ErrorUrl</c> (where it resumes) or
    /// the start node for the Voice URL itself.
    /// </summary>
    public string? NodeFor(CallEvent e, Uri voiceUrl)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(voiceUrl);
        if (_flow is null)
        {
            return null;
        }

        switch (e.Kind)
        {
            case CallEventKind.Gather or CallEventKind.Redirect:
                return NodeIn(e.Url);
            case CallEventKind.Request:
                if (e.Role == "fallback")
                {
                    return e.Parameters?.TryGetValue("ErrorUrl", out var errorUrl) == true ? NodeIn(errorUrl) ?? _flow.Start : null;
                }

                if (e.Role == "voice")
                {
                    return _flow.Start;
                }

                return NodeIn(e.Url);
            default:
                return null;
        }
    }

    private string? NodeIn(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var query = QueryHelpers.ParseQuery(uri.Query);
        return query.TryGetValue("n", out var node) && _flow!.FindNode(node.ToString()) is not null ? node.ToString() : null;
    }

    /// <summary>The words of the prompt at <paramref name="url"/> (matched by its <c>&lt;locale&gt;/&lt;file&gt;</c> ending).</summary>
    public string? PromptText(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        foreach (var (key, text) in _promptText)
        {
            if (path.EndsWith("/" + key, StringComparison.Ordinal))
            {
                return text;
            }
        }

        return null;
    }

    /// <summary>The event in one plain sentence.</summary>
    public string Describe(CallEvent e, string? answered)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Kind switch
        {
            CallEventKind.Call => $"Calling {e.Url} ({e.Text}).",
            CallEventKind.Request when e.ErrorCode is { } code => F($"{App(answered)} failed: error {code}, {e.Detail}."),
            CallEventKind.Request => F($"{App(answered)} answered {e.Method} {PathOf(e.Url)} in {e.LatencyMs:0} ms."),
            CallEventKind.Fallback => F($"The primary failed with error {e.ErrorCode}: Twilio calls the fallback with ErrorCode={e.ErrorCode} and ErrorUrl={e.ErrorUrl}."),
            CallEventKind.Say => $"Caller hears (text to speech): \u201c{e.Text}\u201d",
            CallEventKind.Play when e.Media?.ErrorCode is { } code => F($"Prompt not played: error {code}, {e.Media.Error} ({FileOf(e.Url)})."),
            CallEventKind.Play => PromptText(e.Url) is { } words
                ? F($"Caller hears \u201c{words}\u201d ({FileOf(e.Url)}{Seconds(e.Media?.DurationSeconds)}).")
                : F($"Caller hears {FileOf(e.Url)}{Seconds(e.Media?.DurationSeconds)}."),
            CallEventKind.PlayDigits => $"The app plays tones {e.Digits}.",
            CallEventKind.Pause => $"Silence, {e.Detail}.",
            CallEventKind.Gather => $"Listening for keys ({e.Detail}).",
            CallEventKind.Input when e.Digits is not null && e.Text is null => $"Caller presses {e.Digits}{(e.Detail is null ? "" : $" ({e.Detail})")}.",
            CallEventKind.Input => $"Caller: {e.Text}.",
            CallEventKind.Dial => $"Transfer to {e.Text}: {e.Detail}.",
            CallEventKind.Record => $"Voicemail: {e.Detail}.",
            CallEventKind.AgentConnect => "The agent answers (ConversationRelay).",
            CallEventKind.AgentSays => $"Agent: {e.Text}",
            CallEventKind.AgentEnd => $"The agent hands the call back ({e.Detail}).",
            CallEventKind.Redirect => $"Redirect to {PathOf(e.Url)}.",
            CallEventKind.ApplicationError => $"Application error {e.ErrorCode}: caller hears \u201c{e.Text}\u201d",
            CallEventKind.End => $"Call ended: {Outcome(e.Outcome)} ({e.Detail}).",
            _ => StripClock(TranscriptRenderer.Line(e)),
        };
    }

    private static string App(string? answered) => answered switch
    {
        "primary" => "Primary",
        "fallback" => "Fallback",
        _ => "App",
    };

    private static string Outcome(CallOutcome? outcome) => outcome is { } o ? TranscriptRenderer.Name(o) : "?";

    private static string PathOf(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.PathAndQuery : url ?? "?";

    private static string FileOf(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? Uri.UnescapeDataString(uri.Segments[^1]) : url ?? "?";

    private static string Seconds(double? seconds) => seconds is { } s ? F($", {s:0.0} s") : "";

    private static string StripClock(string line) => line.StartsWith('[') && line.IndexOf("] ", StringComparison.Ordinal) is var end and > 0 ? line[(end + 2)..] : line;

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
