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

    private sealed class Run(FlowDefinition flow)
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
                Error("$.start", "start-missing", "No start node: set \"start\" to the id of the node a new call enters.");
            }
            else if (_flow.FindNode(_flow.Start) is null)
            {
                Error("$.start", "unknown-node", $"Start node '{_flow.Start}' does not exist.");
            }

            if (_flow.Locales.Count == 0)
            {
                Error("$.locales", "locales-missing", "List at least one locale, e.g. [\"en-US\"].");
            }

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < _flow.Locales.Count; i++)
            {
                var locale = _flow.Locales[i];
                if (locale is null || !LocalePattern().IsMatch(locale))
                {
                    Error($"$.locales[{i}]", "locale-invalid", $"'{locale}' is not a locale like en-US.");
                }
                else if (!seen.Add(locale))
                {
                    Error($"$.locales[{i}]", "locale-duplicate", $"Locale '{locale}' is listed twice.");
                }
            }

            if (string.IsNullOrEmpty(_flow.DefaultLocale))
            {
                Error("$.defaultLocale", "default-locale-missing", "Set \"defaultLocale\" to one of the locales.");
            }
            else if (!Locales.Contains(_flow.DefaultLocale))
            {
                Error("$.defaultLocale", "default-locale-unknown", $"Default locale '{_flow.DefaultLocale}' is not in \"locales\".");
            }

            if (_flow.GoodbyePrompt is not null)
            {
                UsePrompt(PromptRef.ForId(_flow.GoodbyePrompt), "$.goodbyePrompt");
            }
        }

        public void CheckCatalog()
        {
            foreach (var (locale, entries) in _flow.Prompts)
            {
                var localePath = JsonPath.Of("$", "prompts", locale);
                if (!Locales.Contains(locale))
                {
                    Warning(localePath, "prompt-locale-unknown", $"Prompts for '{locale}' are never used: it is not in \"locales\".");
                }

                if (entries is null)
                {
                    Error(localePath, "prompt-invalid", "Expected an object of prompt id → {file, text}.");
                    continue;
                }

                foreach (var (id, entry) in entries)
                {
                    var path = JsonPath.Append(localePath, id);
                    if (!PromptIdPattern().IsMatch(id))
                    {
                        Error(path, "prompt-id-invalid", $"Prompt id '{id}' must be letters, digits, '.', '_' or '-' (at most 64).");
                    }

                    if (entry is null)
                    {
                        Error(path, "prompt-invalid", "Expected {\"file\": …, \"text\": …}.");
                        continue;
                    }

                    if (string.IsNullOrWhiteSpace(entry.File))
                    {
                        Error(path + ".file", "prompt-file-missing", $"Prompt '{id}' ({locale}) has no audio file.");
                    }
                    else if (!AudioFilePattern().IsMatch(entry.File) || entry.File.Contains("..", StringComparison.Ordinal))
                    {
                        Error(path + ".file", "prompt-file-invalid",
                            $"'{entry.File}' must be a relative path under content/audio/{locale}/ (letters, digits, '.', '_', '-', '/'; no '..').");
                    }
                    else if (!entry.File.EndsWith(".wav", StringComparison.OrdinalIgnoreCase) &&
                             !entry.File.EndsWith(".mp3", StringComparison.OrdinalIgnoreCase))
                    {
                        Warning(path + ".file", "prompt-file-type", $"'{entry.File}' is neither .wav nor .mp3; check Twilio can play it.");
                    }

                    if (string.IsNullOrWhiteSpace(entry.Text))
                    {
                        Error(path + ".text", "prompt-text-missing",
                            $"Prompt '{id}' ({locale}) has no text (needed for TTS fallback, transcripts and audio generation).");
                    }
                }
            }
        }

        public void CheckNodes()
        {
            foreach (var (id, node) in _flow.Nodes)
            {
                var path = JsonPath.Of("$", "nodes", id);
                if (!NodeIdPattern().IsMatch(id))
                {
                    Error(path, "node-id-invalid", $"Node id '{id}' must be 1–64 letters, digits, '_' or '-'.");
                }

                if (node is null)
                {
                    Error(path, "node-invalid", $"Node '{id}' is null.");
                    continue;
                }

                foreach (var (property, target) in node.Links())
                {
                    CheckReference(path + "." + property, target, required: true);
                }

                foreach (var (property, prompt) in node.PromptRefs())
                {
                    UsePrompt(prompt, path + "." + property);
                }

                switch (node)
                {
                    case MenuNode menu:
                        CheckMenu(id, path, menu);
                        break;
                    case PlayNode play:
                        if (play.Prompts.Count == 0)
                        {
                            Warning(path + ".prompts", "play-empty", "A play node without prompts does nothing.");
                        }
                        break;
                    case TransferNode transfer:
                        CheckTransfer(path, transfer);
                        break;
                    case VoicemailNode voicemail:
                        CheckVoicemail(path, voicemail);
                        break;
                    case HoursNode hours:
                        CheckHours(path, hours);
                        break;
                    case TextNode text:
                        CheckTextNode(path, text);
                        break;
                    case LanguageNode language:
                        if (string.IsNullOrEmpty(language.Locale))
                        {
                            Error(path + ".locale", "value-missing", "Set \"locale\" to one of the flow's locales.");
                        }
                        else if (!Locales.Contains(language.Locale))
                        {
                            Error(path + ".locale", "locale-unknown", $"Locale '{language.Locale}' is not in \"locales\".");
                        }
                        break;
                    default:
                        break;
                }
            }
        }

        private void CheckMenu(string id, string path, MenuNode menu)
        {
            if (menu.GreetingLong is null)
            {
                Error(path + ".greetingLong", "value-missing", "A menu needs \"greetingLong\", played on the first pass.");
            }

            if (menu.InvalidPrompt is null)
            {
                Warning(path + ".invalidPrompt", "value-missing", "No \"invalidPrompt\": a wrong key is answered by the greeting alone.");
            }

            if (menu.NoInputPrompt is null)
            {
                Warning(path + ".noInputPrompt", "value-missing", "No \"noInputPrompt\": silence is answered by the greeting alone.");
            }

            Range(path + ".timeoutSeconds", menu.TimeoutSeconds, 1, 60);
            Range(path + ".maxFailures", menu.MaxFailures, 1, 10);
            Range(path + ".maxTimeouts", menu.MaxTimeouts, 1, 10);

            if (menu.Options.Count == 0)
            {
                Error(path + ".options", "menu-no-way-out", $"Menu '{id}' has no options: callers can only fail out of it.");
            }
            else if (menu.Options.Values.All(o => o?.Next == id))
            {
                Error(path + ".options", "menu-no-way-out", $"Every option of menu '{id}' leads back to '{id}'.");
            }

            var keys = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (digit, option) in menu.Options)
            {
                var optionPath = JsonPath.Append(path + ".options", digit);
                if (!IsKey(digit))
                {
                    Error(optionPath, "menu-digit-invalid", $"Option key '{digit}' must be a single key: 0-9, * or #.");
                }

                keys[digit] = optionPath;
                if (option is null)
                {
                    Error(optionPath, "node-invalid", "Expected {\"next\": …}.");
                    continue;
                }

                for (var i = 0; i < option.Hints.Count; i++)
                {
                    if (string.IsNullOrWhiteSpace(option.Hints[i]))
                    {
                        Warning($"{optionPath}.hints[{i}]", "menu-hint-empty", "Empty speech hint.");
                    }
                }
            }

            CheckSpecialKey(path + ".repeatKey", menu.RepeatKey, keys);
            CheckSpecialKey(path + ".backKey", menu.BackKey, keys);

            if ((menu.OnMaxFailures is null || menu.OnMaxTimeouts is null) && _flow.GoodbyePrompt is null)
            {
                Error(path, "silent-hangup",
                    $"Menu '{id}' gives up with the default goodbye hang-up, but the flow has no \"goodbyePrompt\": set it, or set onMaxFailures and onMaxTimeouts.");
            }
        }

        private void CheckSpecialKey(string path, string? key, Dictionary<string, string> used)
        {
            if (key is null)
            {
                return;
            }

            if (!IsKey(key))
            {
                Error(path, "menu-digit-invalid", $"Key '{key}' must be a single key: 0-9, * or #.");
            }
            else if (used.TryGetValue(key, out var other))
            {
                Error(path, "menu-digit-duplicate", $"Key '{key}' is also used by {other}.");
            }
            else
            {
                used[key] = path;
            }
        }

        private void CheckTransfer(string path, TransferNode transfer)
        {
            if (string.IsNullOrWhiteSpace(transfer.To))
            {
                Error(path + ".to", "value-missing", "Set \"to\": an E.164 number (+15005550006) or a SIP URI (sip:agent@example.com).");
            }
            else if (transfer.To.StartsWith("sip", StringComparison.OrdinalIgnoreCase))
            {
                if (!PhoneTargets.IsSipUri(transfer.To))
                {
                    Error(path + ".to", "bad-sip-uri", $"'{transfer.To}' is not a SIP URI like sip:agent@example.com.");
                }
            }
            else if (!PhoneTargets.IsE164(transfer.To))
            {
                Error(path + ".to", "bad-number", $"'{transfer.To}' is not an E.164 number like +15005550006.");
            }

            if (transfer.CallerId is not null && !PhoneTargets.IsE164(transfer.CallerId))
            {
                Error(path + ".callerId", "bad-number", $"Caller ID '{transfer.CallerId}' is not an E.164 number.");
            }

            Range(path + ".timeoutSeconds", transfer.TimeoutSeconds, 5, 600);

            if (transfer.OnFailure is null && (transfer.OnNoAnswer is null || transfer.OnBusy is null || transfer.OnFailed is null))
            {
                if (_flow.GoodbyePrompt is null)
                {
                    Error(path, "silent-hangup",
                        "Some transfer failures have no branch and the flow has no \"goodbyePrompt\": set onFailure (or onNoAnswer, onBusy, onFailed) or goodbyePrompt.");
                }
                else if (transfer.OnNoAnswer is null && transfer.OnBusy is null && transfer.OnFailed is null)
                {
                    Warning(path, "transfer-no-failure-path",
                        "No failure branch: a busy or unanswered transfer ends the call after the goodbye prompt (set onFailure, e.g. to voicemail).");
                }
            }
        }

        private void CheckTextNode(string path, TextNode text)
        {
            CheckText(path + ".body", text.Body, required: true);
            if (text.To is not null && !PhoneTargets.IsE164(text.To))
            {
                Error(path + ".to", "bad-number", $"'{text.To}' is not an E.164 number like +15005550006 (leave \"to\" out to text the caller).");
            }

            if (text.From is not null && !PhoneTargets.IsE164(text.From) && !PhoneTargets.IsMessagingServiceSid(text.From))
            {
                Error(path + ".from", "bad-sender", $"'{text.From}' is neither an E.164 number nor a Messaging Service SID (MG followed by 32 hex digits).");
            }

            if (text.Prompt is null)
            {
                Warning(path + ".prompt", "value-missing", "No \"prompt\": the caller is not told a text is on its way.");
            }
        }

        private void CheckVoicemail(string path, VoicemailNode voicemail)
        {
            if (voicemail.Prompt is null)
            {
                Warning(path + ".prompt", "value-missing", "No \"prompt\": callers hear only the beep.");
            }

            Range(path + ".maxLengthSeconds", voicemail.MaxLengthSeconds, 1, 3600);

            if (voicemail.TranscribeCallback is not null)
            {
                if (!Uri.TryCreate(voicemail.TranscribeCallback, UriKind.Absolute, out var uri) ||
                    (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                {
                    Error(path + ".transcribeCallback", "bad-url", $"'{voicemail.TranscribeCallback}' is not an absolute http(s) URL.");
                }

                if (!voicemail.Transcribe)
                {
                    Warning(path + ".transcribeCallback", "transcribe-off", "\"transcribeCallback\" is ignored unless \"transcribe\" is true.");
                }
            }

            if (voicemail.Transcribe && voicemail.MaxLengthSeconds > 120)
            {
                Warning(path + ".maxLengthSeconds", "transcribe-too-long",
                    "Twilio transcribes recordings of at most 120 seconds; longer messages are recorded but not transcribed.");
            }
        }

        private void CheckHours(string path, HoursNode hours)
        {
            if (!BusinessHours.TryFindTimeZone(hours.TimeZone, out _, out var zoneError))
            {
                Error(path + ".timeZone", "bad-time-zone", zoneError!);
            }

            var anyRange = false;
            foreach (var (day, ranges) in hours.Weekly)
            {
                var dayPath = JsonPath.Append(path + ".weekly", day);
                if (!BusinessHours.DayNames.Contains(day, StringComparer.Ordinal))
                {
                    Error(dayPath, "hours-bad-day", $"'{day}' is not a day name (monday … sunday, lower case).");
                    continue;
                }

                if (ranges is null)
                {
                    Error(dayPath, "hours-bad-range", "Expected a list of \"HH:mm-HH:mm\" ranges ([] for closed).");
                    continue;
                }

                var parsed = new List<(TimeSpan Open, TimeSpan Close, int Index)>();
                for (var i = 0; i < ranges.Count; i++)
                {
                    if (BusinessHours.TryParseRange(ranges[i], out var open, out var close, out var error))
                    {
                        parsed.Add((open, close, i));
                        anyRange = true;
                    }
                    else
                    {
                        Error($"{dayPath}[{i}]", "hours-bad-range", error!);
                    }
                }

                parsed.Sort((a, b) => a.Open.CompareTo(b.Open));
                for (var i = 1; i < parsed.Count; i++)
                {
                    if (parsed[i].Open < parsed[i - 1].Close)
                    {
                        Warning($"{dayPath}[{parsed[i].Index}]", "hours-overlap",
                            $"'{ranges[parsed[i].Index]}' overlaps '{ranges[parsed[i - 1].Index]}'.");
                    }
                }
            }

            if (!anyRange)
            {
                Warning(path + ".weekly", "hours-always-closed", "No opening ranges: this node always takes the closed branch.");
            }

            var dates = new HashSet<DateOnly>();
            for (var i = 0; i < hours.Holidays.Count; i++)
            {
                var holiday = hours.Holidays[i];
                if (!BusinessHours.TryParseDate(holiday?.Date, out var date))
                {
                    Error($"{path}.holidays[{i}].date", "hours-bad-date", $"'{holiday?.Date}' is not a date like 2026-12-25.");
                }
                else if (!dates.Add(date))
                {
                    Warning($"{path}.holidays[{i}].date", "hours-duplicate-date", $"Holiday {holiday!.Date} is listed twice.");
                }
            }
        }

        private void UsePrompt(PromptRef prompt, string path)
        {
            if (prompt.Id is not null)
            {
                _promptUses.TryAdd(prompt.Id, path);
                if (!_flow.Prompts.Values.Any(p => p is not null && p.ContainsKey(prompt.Id)))
                {
                    Error(path, "prompt-unknown", $"Prompt '{prompt.Id}' is not in the catalog of any locale.");
                }
                else if (_flow.DefaultLocale is not null && !HasPrompt(_flow.DefaultLocale, prompt.Id))
                {
                    Error(path, "prompt-missing-default",
                        $"Prompt '{prompt.Id}' is missing in the default locale '{_flow.DefaultLocale}', so locales without it have nothing to fall back to.");
                }
            }
            else if (prompt.Say is not null)
            {
                if (string.IsNullOrWhiteSpace(prompt.Say))
                {
                    Error(path, "say-empty", "Empty \"say\" text.");
                }
            }
            else if (prompt.PauseSeconds is { } seconds && (seconds < 1 || seconds > 60))
            {
                Error(path, "out-of-range", $"Pause of {seconds} s: use 1–60.");
            }
        }

        public void CheckPromptUsage()
        {
            if (_flow.DefaultLocale is null)
            {
                return;
            }

            foreach (var id in _promptUses.Keys)
            {
                if (!HasPrompt(_flow.DefaultLocale, id))
                {
                    continue;
                }

                foreach (var locale in _flow.Locales.Where(l => l is not null && l != _flow.DefaultLocale && LocalePattern().IsMatch(l)))
                {
                    if (!HasPrompt(locale, id))
                    {
                        Warning(JsonPath.Of("$", "prompts", locale), "prompt-missing-locale",
                            $"Prompt '{id}' is missing for {locale}; those callers hear the {_flow.DefaultLocale} recording.");
                    }
                }
            }

            foreach (var (locale, entries) in _flow.Prompts)
            {
                foreach (var id in entries?.Keys ?? Enumerable.Empty<string>())
                {
                    if (!_promptUses.ContainsKey(id))
                    {
                        Warning(JsonPath.Of("$", "prompts", locale, id), "prompt-unused", $"Prompt '{id}' is never used.");
                    }
                }
            }
        }

        public void CheckReachability()
        {
            if (_flow.FindNode(_flow.Start) is null)
            {
                return;
            }

            var reached = new HashSet<string>(StringComparer.Ordinal) { _flow.Start! };
            var queue = new Queue<string>([_flow.Start!]);
            while (queue.TryDequeue(out var id))
            {
                foreach (var (_, target) in _flow.FindNode(id)?.Links() ?? [])
                {
                    if (target is not null && _flow.FindNode(target) is not null && reached.Add(target))
                    {
                        queue.Enqueue(target);
                    }
                }
            }

            foreach (var id in _flow.Nodes.Keys.Where(id => !reached.Contains(id)))
            {
                Warning(JsonPath.Of("$", "nodes", id), "unreachable-node", $"Node '{id}' cannot be reached from '{_flow.Start}'.");
            }
        }

        // play, hours, language and goto run within one webhook turn; a cycle made only of them never waits for the
        // caller and never ends (the engine's hop limit would hang up instead).
        public void CheckPassiveLoops()
        {
            var state = new Dictionary<string, int>(StringComparer.Ordinal);
            var stack = new List<string>();
            var reported = new HashSet<string>(StringComparer.Ordinal);

            foreach (var id in _flow.Nodes.Keys)
            {
                Visit(id);
            }

            void Visit(string id)
            {
                if (!IsPassive(_flow.FindNode(id)) || state.GetValueOrDefault(id) == 2)
                {
                    return;
                }

                state[id] = 1;
                stack.Add(id);
                foreach (var (_, target) in _flow.FindNode(id)!.Links())
                {
                    if (target is null || !IsPassive(_flow.FindNode(target)))
                    {
                        continue;
                    }

                    if (state.GetValueOrDefault(target) == 1)
                    {
                        var cycle = stack.Skip(stack.IndexOf(target)).ToList();
                        var key = string.Join(" ", cycle.Order(StringComparer.Ordinal));
                        if (reported.Add(key))
                        {
                            Error(JsonPath.Of("$", "nodes", target), "passive-loop",
                                $"Loop without a menu, transfer, voicemail or hangup: {string.Join(" → ", cycle)} → {target}.");
                        }
                    }
                    else
                    {
                        Visit(target);
                    }
                }

                stack.RemoveAt(stack.Count - 1);
                state[id] = 2;
            }
        }

        public void CheckSms()
        {
            if (_flow.Sms is null)
            {
                return;
            }

            if (_flow.Sms.MaxSegments is { } budget)
            {
                Range("$.sms.maxSegments", budget, 1, 24);
            }

            var seen = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < _flow.Sms.Keywords.Count; i++)
            {
                var path = $"$.sms.keywords[{i}]";
                var keyword = _flow.Sms.Keywords[i];
                if (keyword is null)
                {
                    Error(path, "sms-invalid", "Expected {\"match\": [...], \"reply\": …}.");
                    continue;
                }

                if (keyword.Match.Count == 0)
                {
                    Error(path + ".match", "value-missing", "List at least one keyword.");
                }

                for (var j = 0; j < keyword.Match.Count; j++)
                {
                    var matchPath = $"{path}.match[{j}]";
                    var normalized = SmsResponder.Normalize(keyword.Match[j]);
                    if (normalized.Length == 0)
                    {
                        Error(matchPath, "sms-keyword-empty", "Empty keyword.");
                    }
                    else if (SmsResponder.IsReserved(normalized))
                    {
                        Error(matchPath, "sms-keyword-reserved",
                            $"'{keyword.Match[j]}' is a carrier opt-out/opt-in keyword that Twilio answers itself; the flow cannot reply to it.");
                    }
                    else if (seen.TryGetValue(normalized, out var other))
                    {
                        Error(matchPath, "sms-keyword-duplicate", $"Keyword '{keyword.Match[j]}' is also matched at {other}.");
                    }
                    else
                    {
                        seen[normalized] = matchPath;
                    }
                }

                CheckText(path + ".reply", keyword.Reply, required: true);
            }

            if (_flow.Sms.DefaultReply is null)
            {
                Warning("$.sms.defaultReply", "value-missing", "Messages that match no keyword get no reply.");
            }
            else
            {
                CheckText("$.sms.defaultReply", _flow.Sms.DefaultReply, required: true);
            }
        }

        private void CheckText(string path, LocalizedText? text, bool required)
        {
            if (text is null)
            {
                if (required)
                {
                    Error(path, "value-missing", "A text is required.");
                }

                return;
            }

            foreach (var (locale, value) in text.Variants())
            {
                var variantPath = locale is null ? path : JsonPath.Append(path, locale);
                if (locale is not null && !Locales.Contains(locale))
                {
                    Warning(variantPath, "locale-unknown", $"Locale '{locale}' is not in \"locales\".");
                }

                if (string.IsNullOrWhiteSpace(value))
                {
                    Error(variantPath, "value-missing", "Empty text.");
                }
                else if (value.Length > MaxSmsLength)
                {
                    Error(variantPath, "sms-too-long", $"Text of {value.Length} characters; Twilio's limit is {MaxSmsLength}.");
                }
            }

            if (text.Invariant is null && _flow.DefaultLocale is not null && !text.ByLocale.ContainsKey(_flow.DefaultLocale))
            {
                Error(path, "text-missing-default", $"No text for the default locale '{_flow.DefaultLocale}'.");
            }
        }

        private void CheckReference(string path, string? target, bool required)
        {
            if (string.IsNullOrEmpty(target))
            {
                if (required)
                {
                    Error(path, "reference-missing", "Name the node to continue with.");
                }
            }
            else if (_flow.FindNode(target) is null)
            {
                Error(path, "unknown-node", $"Node '{target}' does not exist.");
            }
        }

        private void Range(string path, int value, int min, int max)
        {
            if (value < min || value > max)
            {
                Error(path, "out-of-range", $"{value} is outside {min}–{max}.");
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
