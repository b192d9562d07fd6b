using System.Globalization;

namespace IvrService.Flow;

/// <summary>Why the engine is being asked about the state's node.</summary>
public enum CallStateMarker
{
    /// <summary>The node asked the caller for something (digits, a dial result, a recording) and this is the answer.</summary>
    None,

    /// <summary>The caller gave no input: Twilio fell through the <c>Gather</c>/<c>Record</c> to the engine's <c>Redirect</c>.</summary>
    NoInput,

    /// <summary>Enter the node afresh (used after a repaired state, so input is not applied to an unheard menu).</summary>
    Enter,
}

/// <summary>
/// Where a call is in the flow. It travels in the action URLs Twilio posts back (Twilio signs them), so there is
/// no server-side session: <see cref="ToQuery"/> writes it and <see cref="Decode"/> reads it back safely.
/// </summary>
public sealed record CallState
{
    /// <summary>Most menus remembered for the back key.</summary>
    public const int MaxBackDepth = 8;

    internal const string NodeKey = "n";
    /// <summary>
    /// The query key of the locale. A number's voice URL may carry it too (<c>/voice?l=es-US</c>): a number per
    /// language starts its calls in that locale.
    /// </summary>
    public const string LocaleQueryKey = "l";

    internal const string LocaleKey = LocaleQueryKey;
    internal const string FailuresKey = "f";
    internal const string TimeoutsKey = "t";
    internal const string BackKey = "b";
    internal const string MarkerKey = "x";
    private const string NoInputValue = "noinput";
    private const string EnterValue = "enter";
    private const int MaxValueLength = 700;

    /// <summary>Creates a state at <paramref name="nodeId"/> in <paramref name="locale"/>.</summary>
    public CallState(string nodeId, string locale)
    {
        NodeId = nodeId;
        Locale = locale;
    }

    /// <summary>Current node id.</summary>
    public string NodeId { get; init; }

    /// <summary>Current locale (prompts and speech recognition).</summary>
    public string Locale { get; init; }

    /// <summary>Invalid keys so far in the current menu.</summary>
    public int Failures { get; init; }

    /// <summary>Timeouts so far in the current menu.</summary>
    public int Timeouts { get; init; }

    /// <summary>Menus to return to with the back key, most recent last.</summary>
    public IReadOnlyList<string> Back { get; init; } = [];

    /// <summary>Why the node is being asked again (see <see cref="CallStateMarker"/>).</summary>
    public CallStateMarker Marker { get; init; }

    /// <summary>The query parameters that carry this state: <c>n</c> node, <c>l</c> locale, <c>f</c> failures,
    /// <c>t</c> timeouts, <c>b</c> back stack (dot-separated), <c>x</c> marker; zero/empty values are left out.</summary>
    public IReadOnlyDictionary<string, string> ToQuery()
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in ToQueryPairs())
        {
            query[key] = value;
        }

        return query;
    }

    /// <summary>The parameters of <see cref="ToQuery"/> in URL order (n, l, f, t, b, x), without a dictionary.</summary>
    public KeyValuePair<string, string>[] ToQueryPairs()
    {
        var count = 2 + (Failures > 0 ? 1 : 0) + (Timeouts > 0 ? 1 : 0) + (Back.Count > 0 ? 1 : 0) + (Marker != CallStateMarker.None ? 1 : 0);
        var pairs = new KeyValuePair<string, string>[count];
        var i = 0;
        pairs[i++] = new(NodeKey, NodeId);
        pairs[i++] = new(LocaleKey, Locale);
        if (Failures > 0)
        {
            pairs[i++] = new(FailuresKey, Failures.ToString(CultureInfo.InvariantCulture));
        }

        if (Timeouts > 0)
        {
            pairs[i++] = new(TimeoutsKey, Timeouts.ToString(CultureInfo.InvariantCulture));
        }

        if (Back.Count > 0)
        {
            pairs[i++] = new(BackKey, string.Join('.', Back));
        }

        if (Marker != CallStateMarker.None)
        {
            pairs[i] = new(MarkerKey, Marker == CallStateMarker.NoInput ? NoInputValue : EnterValue);
        }

        return pairs;
    }

    /// <summary>
    /// Reads a state from action-URL query parameters (other parameters are ignored). Never throws: an unknown or
    /// missing node leads to the start node (entered afresh), counters are clamped to the menu's limits, an unknown
    /// locale becomes the default locale, and every such repair is listed in the result for the caller to log.
    /// </summary>
    public static CallStateDecodeResult Decode(IReadOnlyDictionary<string, string?> query, FlowDefinition flow)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(flow);
        var repairs = new List<string>();
        var defaultLocale = flow.DefaultLocale ?? (flow.Locales.Count > 0 ? flow.Locales[0] : "en-US");
        var start = flow.Start ?? "";

        var nodeId = Value(query, NodeKey);
        var node = nodeId is not null && FlowValidator.NodeIdPattern().IsMatch(nodeId) ? flow.FindNode(nodeId) : null;
        var marker = CallStateMarker.None;
        if (node is null)
        {
            repairs.Add(nodeId is null ? "node missing; entering the start node" : $"unknown node '{Shorten(nodeId)}'; entering the start node");
            nodeId = start;
            node = flow.FindNode(start);
            marker = CallStateMarker.Enter;
        }

        var locale = Value(query, LocaleKey);
        if (locale is null)
        {
            locale = defaultLocale;
        }
        else if (!flow.Locales.Contains(locale, StringComparer.Ordinal))
        {
            repairs.Add($"unknown locale '{Shorten(locale)}'; using {defaultLocale}");
            locale = defaultLocale;
        }

        var menu = node as MenuNode;
        var failures = Counter(query, FailuresKey, menu is null ? 0 : Math.Max(0, menu.MaxFailures - 1), "failures", repairs);
        var timeouts = Counter(query, TimeoutsKey, menu is null ? 0 : Math.Max(0, menu.MaxTimeouts - 1), "timeouts", repairs);

        var back = new List<string>();
        if (Value(query, BackKey) is { } backText)
        {
            foreach (var id in backText.Split('.'))
            {
                if (flow.FindNode(id) is MenuNode)
                {
                    back.Add(id);
                }
                else
                {
                    repairs.Add($"dropped '{Shorten(id)}' from the back stack (not a menu)");
                }
            }

            if (back.Count > MaxBackDepth)
            {
                repairs.Add($"back stack cut to its last {MaxBackDepth} menus");
                back.RemoveRange(0, back.Count - MaxBackDepth);
            }
        }

        if (marker == CallStateMarker.None && Value(query, MarkerKey) is { } markerText)
        {
            switch (markerText)
            {
                case NoInputValue when node is MenuNode or VoicemailNode:
                    marker = CallStateMarker.NoInput;
                    break;
                case EnterValue:
                    marker = CallStateMarker.Enter;
                    break;
                default:
                    repairs.Add($"ignored marker '{Shorten(markerText)}' at a {node?.Type ?? "missing"} node");
                    break;
            }
        }

        if (repairs.Count > 0 && marker == CallStateMarker.None && node is not MenuNode)
        {
            // A doctored transfer or voicemail state must not be taken as a finished dial or recording.
            marker = CallStateMarker.Enter;
        }

        var state = new CallState(nodeId ?? start, locale)
        {
            Failures = failures,
            Timeouts = timeouts,
            Back = back,
            Marker = marker,
        };
        return new CallStateDecodeResult(state, repairs);
    }

    private static int Counter(IReadOnlyDictionary<string, string?> query, string key, int max, string name, List<string> repairs)
    {
        var text = Value(query, key);
        if (text is null)
        {
            return 0;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            repairs.Add($"{name} '{Shorten(text)}' is not a count; using 0");
            return 0;
        }

        if (value > max)
        {
            repairs.Add($"{name} {value} clamped to {max}");
            return max;
        }

        return value;
    }

    // Empty and absurdly long values count as absent/garbage rather than being carried along.
    private static string? Value(IReadOnlyDictionary<string, string?> query, string key)
    {
        if (!query.TryGetValue(key, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        return value.Length > MaxValueLength ? "(too long)" : value;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}

/// <summary>Result of <see cref="CallState.Decode"/>.</summary>
/// <param name="State">A state that is safe to continue with.</param>
/// <param name="Repairs">What was wrong with the query and how it was repaired; empty for an intact state.</param>
public sealed record CallStateDecodeResult(CallState State, IReadOnlyList<string> Repairs)
{
    /// <summary>True when the query was tampered with or stale and had to be repaired (log it).</summary>
    public bool Repaired => Repairs.Count > 0;
}
