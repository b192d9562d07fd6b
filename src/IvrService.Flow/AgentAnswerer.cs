namespace IvrService.Flow;

/// <summary>What an agent answers to one utterance: words to speak, and/or the end of the session with a handoff reason.</summary>
/// <param name="Text">Spoken to the caller, or null.</param>
/// <param name="Handoff">End the session with this reason (a key of <see cref="AgentNode.OnHandoff"/>), or null to go on listening.</param>
/// <param name="Intent">The intent that matched, or null (for logs and tests).</param>
public sealed record AgentReply(string? Text, string? Handoff, string? Intent = null);

/// <summary>
/// The conversational side of one agent session, whatever produces the answers: the protocol code (the WebSocket,
/// its limits, the handoff) asks it for each utterance and does the rest. <see cref="BuiltinAgentAnswerer"/> answers
/// from the flow's data; a model-backed answerer implements the same method.
/// </summary>
public interface IAgentAnswerer
{
    /// <summary>The answer to what the caller said (or keyed) in the session's locale.</summary>
    ValueTask<AgentReply> AnswerAsync(string utterance, CancellationToken cancellationToken = default);
}

/// <summary>
/// The built-in answerer: no model, no network. An utterance that contains one of an intent's examples as whole words
/// (as menu hints match speech) gets that intent's answer — its own words, a catalog prompt's words or a text node's
/// body, in the call's locale — and its handoff; anything else gets the node's no-match reply, and after
/// <see cref="AgentNode.MaxNoMatch"/> in a row a handoff with reason <see cref="AgentNode.DefaultHandoff"/>. One
/// instance per session (it counts the misses); pure.
/// </summary>
public sealed class BuiltinAgentAnswerer : IAgentAnswerer
{
    /// <summary>Said when the node has no <c>noMatch</c> text.</summary>
    public const string DefaultNoMatch = "Sorry, I did not understand that.";

    /// <summary>The longest utterance considered; longer ones are answered as no match.</summary>
    public const int MaxUtteranceLength = 1024;

    private readonly FlowDefinition _flow;
    private readonly AgentNode _agent;
    private readonly string _locale;
    private int _misses;

    public BuiltinAgentAnswerer(FlowDefinition flow, AgentNode agent, string locale)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(agent);
        _flow = flow;
        _agent = agent;
        _locale = locale;
    }

    /// <inheritdoc />
    public ValueTask<AgentReply> AnswerAsync(string utterance, CancellationToken cancellationToken = default) => ValueTask.FromResult(Answer(utterance));

    /// <summary>The answer to <paramref name="utterance"/>.</summary>
    public AgentReply Answer(string? utterance)
    {
        var spoken = utterance is { Length: > 0 and <= MaxUtteranceLength } ? SpokenWords.Of(utterance) : " ";
        foreach (var intent in _agent.Intents)
        {
            if (intent is not null && intent.Examples.Any(e => SpokenWords.Contains(spoken, e)))
            {
                _misses = 0;
                return new AgentReply(Words(intent), intent.Handoff, intent.Id);
            }
        }

        _misses++;
        var noMatch = _agent.NoMatch?.Resolve(_locale, _flow.DefaultLocale) ?? DefaultNoMatch;
        return _misses >= Math.Max(1, _agent.MaxNoMatch)
            ? new AgentReply(noMatch, AgentNode.DefaultHandoff)
            : new AgentReply(noMatch, null);
    }

    private string? Words(AgentIntent intent)
    {
        var parts = new List<string>();
        if (intent.Say?.Resolve(_locale, _flow.DefaultLocale) is { Length: > 0 } say)
        {
            parts.Add(say);
        }

        if (intent.SayPrompt is { } promptId && PromptText(promptId) is { Length: > 0 } prompt)
        {
            parts.Add(prompt);
        }

        if (intent.SayText is { } textNode && _flow.FindNode(textNode) is TextNode { Body: { } body }
            && body.Resolve(_locale, _flow.DefaultLocale) is { Length: > 0 } text)
        {
            parts.Add(text);
        }

        return parts.Count == 0 ? null : string.Join(' ', parts);
    }

    // The prompt's words in the call's locale, else the default locale's.
    private string? PromptText(string id)
    {
        foreach (var locale in new[] { _locale, _flow.DefaultLocale })
        {
            if (locale is not null && _flow.Prompts.TryGetValue(locale, out var catalog) && catalog?.TryGetValue(id, out var entry) == true
                && entry?.Text is { Length: > 0 } text)
            {
                return text;
            }
        }

        return null;
    }
}
