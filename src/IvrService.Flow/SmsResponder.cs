namespace IvrService.Flow;

/// <summary>Answer to an incoming text message.</summary>
/// <param name="Text">Reply to send, or <c>null</c> when no reply must be sent.</param>
/// <param name="Keyword">The keyword that matched (as written in the flow), or <c>null</c>.</param>
/// <param name="Outcome">For logs: <c>keyword</c>, <c>default</c>, <c>opt-out</c> (carrier keyword, Twilio answers) or <c>no-reply</c>.</param>
public sealed record SmsReply(string? Text, string? Keyword, string Outcome);

/// <summary>Replies to text messages from the flow's SMS keywords.</summary>
public sealed class SmsResponder
{
    // Twilio's default opt-out/opt-in handling answers these itself and blocks our replies after STOP (21610):
    // the flow never replies to them.
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE", "START", "UNSTOP",
    };

    private readonly FlowDefinition _flow;
    private readonly Dictionary<string, SmsKeyword> _keywords = new(StringComparer.Ordinal);

    /// <summary>Indexes the keywords of <paramref name="flow"/>; the first group wins on duplicates.</summary>
    public SmsResponder(FlowDefinition flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        _flow = flow;
        foreach (var keyword in flow.Sms?.Keywords ?? [])
        {
            foreach (var match in keyword?.Match ?? [])
            {
                var normalized = Normalize(match);
                if (normalized.Length > 0 && !IsReserved(normalized))
                {
                    _keywords.TryAdd(normalized, keyword!);
                }
            }
        }
    }

    /// <summary>
    /// The reply to <paramref name="body"/>: matched case-insensitively on the trimmed message (trailing
    /// punctuation ignored), in <paramref name="locale"/> or the flow's default locale.
    /// </summary>
    public SmsReply Reply(string? body, string? locale = null)
    {
        var normalized = Normalize(body);
        if (IsReserved(normalized))
        {
            return new SmsReply(null, null, "opt-out");
        }

        if (_keywords.TryGetValue(normalized, out var keyword))
        {
            var text = keyword.Reply?.Resolve(locale, _flow.DefaultLocale);
            if (!string.IsNullOrEmpty(text))
            {
                return new SmsReply(text, keyword.Match.Count > 0 ? keyword.Match[0] : null, "keyword");
            }
        }

        var fallback = _flow.Sms?.DefaultReply?.Resolve(locale, _flow.DefaultLocale);
        return string.IsNullOrEmpty(fallback)
            ? new SmsReply(null, null, "no-reply")
            : new SmsReply(fallback, null, "default");
    }

    internal static bool IsReserved(string normalized) => Reserved.Contains(normalized);

    // Long bodies are cut before normalising: no keyword is that long, and a 1600-character message must stay cheap.
    internal static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var span = text.AsSpan().Trim();
        if (span.Length > 64)
        {
            return "";
        }

        span = span.TrimEnd(".!?¡¿ ").TrimStart("¡¿ ");
        return span.ToString().ToUpperInvariant();
    }
}
