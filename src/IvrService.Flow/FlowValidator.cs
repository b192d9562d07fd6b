using System.Text.RegularExpressions;

namespace IvrService.Flow;

/// <summary>
/// Checks a parsed flow and lists every problem with its JSON location. Errors mean the flow must not take calls
/// (the primary refuses to start; <c>ivr flow validate</c> exits 1); warnings point at things that work but look
/// unintended. The rules are listed in docs/flow-format.md.
/// </summary>
public static partial class FlowValidator
{
    private const int MaxSmsLength = 1600;

    /// <summary>Validates <paramref name="flow"/>; never throws for a malformed definition.</summary>
    public static IReadOnlyList<FlowProblem> Validate(FlowDefinition flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var run = new Run(flow);
        run.CheckTopLevel();
        run.CheckCatalog();
        run.CheckNodes();
        run.CheckPromptUsage();
        run.CheckReachability();
        run.CheckPassiveLoops();
        run.CheckSms();
        return run.Problems;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    internal static partial Regex NodeIdPattern();

    [GeneratedRegex(@"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", RegexOptions.CultureInvariant)]
    internal static partial Regex LocalePattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex PromptIdPattern();

    // Relative path of safe segments: no '..', no leading '/', nothing a URL or S3 key would need escaped.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9][A-Za-z0-9_.-]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex AudioFilePattern();

    // One validation: the flow, the problems found so far, what the checks share. Its checks are split by concern:
    // FlowValidator.Prompts.cs, .Nodes.cs, .Graph.cs and .Sms.cs; this file holds the top level and the helpers.
    private sealed partial class Run(FlowDefinition flow)
    {
        private readonly FlowDefinition _flow = flow;
        private readonly Dictionary<string, string> _promptUses = new(StringComparer.Ordinal);

        public List<FlowProblem> Problems { get; } = [];

        private HashSet<string> Locales => _locales ??= _flow.Locales.Where(l => l is not null).ToHashSet(StringComparer.Ordinal);

        private HashSet<string>? _locales;

        public void CheckTopLevel()
        {
            if (string.IsNullOrEmpty(_flow.Start))
            {
                Error("$.start", FlowProblemCodes.StartMissing, "No start node: set \"start\" to the id of the node a new call enters.");
            }
            else if (_flow.FindNode(_flow.Start) is null)
            {
                Error("$.start", FlowProblemCodes.UnknownNode, $"Start node '{_flow.Start}' does not exist.");
            }

            if (_flow.Locales.Count == 0)
            {
                Error("$.locales", FlowProblemCodes.LocalesMissing, "List at least one locale, e.g. [\"en-US\"].");
            }

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < _flow.Locales.Count; i++)
            {
                var locale = _flow.Locales[i];
                if (locale is null || !LocalePattern().IsMatch(locale))
                {
                    Error($"$.locales[{i}]", FlowProblemCodes.LocaleInvalid, $"'{locale}' is not a locale like en-US.");
                }
                else if (!seen.Add(locale))
                {
                    Error($"$.locales[{i}]", FlowProblemCodes.LocaleDuplicate, $"Locale '{locale}' is listed twice.");
                }
            }

            if (string.IsNullOrEmpty(_flow.DefaultLocale))
            {
                Error("$.defaultLocale", FlowProblemCodes.DefaultLocaleMissing, "Set \"defaultLocale\" to one of the locales.");
            }
            else if (!Locales.Contains(_flow.DefaultLocale))
            {
                Error("$.defaultLocale", FlowProblemCodes.DefaultLocaleUnknown, $"Default locale '{_flow.DefaultLocale}' is not in \"locales\".");
            }

            if (_flow.GoodbyePrompt is not null)
            {
                UsePrompt(PromptRef.ForId(_flow.GoodbyePrompt), "$.goodbyePrompt");
            }
        }

        private void CheckText(string path, LocalizedText? text, bool required)
        {
            if (text is null)
            {
                if (required)
                {
                    Error(path, FlowProblemCodes.ValueMissing, "A text is required.");
                }

                return;
            }

            foreach (var (locale, value) in text.Variants())
            {
                var variantPath = locale is null ? path : JsonPath.Append(path, locale);
                if (locale is not null && !Locales.Contains(locale))
                {
                    Warning(variantPath, FlowProblemCodes.LocaleUnknown, $"Locale '{locale}' is not in \"locales\".");
                }

                if (string.IsNullOrWhiteSpace(value))
                {
                    Error(variantPath, FlowProblemCodes.ValueMissing, "Empty text.");
                }
                else if (value.Length > MaxSmsLength)
                {
                    Error(variantPath, FlowProblemCodes.SmsTooLong, $"Text of {value.Length} characters; Twilio's limit is {MaxSmsLength}.");
                }
            }

            if (text.Invariant is null && _flow.DefaultLocale is not null && !text.ByLocale.ContainsKey(_flow.DefaultLocale))
            {
                Error(path, FlowProblemCodes.TextMissingDefault, $"No text for the default locale '{_flow.DefaultLocale}'.");
            }
        }

        private void CheckReference(string path, string? target, bool required)
        {
            if (string.IsNullOrEmpty(target))
            {
                if (required)
                {
                    Error(path, FlowProblemCodes.ReferenceMissing, "Name the node to continue with.");
                }
            }
            else if (_flow.FindNode(target) is null)
            {
                Error(path, FlowProblemCodes.UnknownNode, $"Node '{target}' does not exist.");
            }
        }

        private void Range(string path, int value, int min, int max)
        {
            if (value < min || value > max)
            {
                Error(path, FlowProblemCodes.OutOfRange, $"{value} is outside {min}–{max}.");
            }
        }

        private bool HasPrompt(string locale, string id) =>
            _flow.Prompts.TryGetValue(locale, out var entries) && entries is not null && entries.ContainsKey(id);

        private static bool IsPassive(FlowNode? node) => node is PlayNode or HoursNode or LanguageNode or GotoNode or TextNode;

        private static bool IsKey(string key) => key.Length == 1 && (char.IsAsciiDigit(key[0]) || key[0] is '*' or '#');

        private void Error(string location, string code, string message) =>
            Problems.Add(new FlowProblem(FlowProblemSeverity.Error, location, code, message));

        private void Warning(string location, string code, string message) =>
            Problems.Add(new FlowProblem(FlowProblemSeverity.Warning, location, code, message));
    }
}
