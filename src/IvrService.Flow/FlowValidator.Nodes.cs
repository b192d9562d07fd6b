namespace IvrService.Flow;

// The checks of each node by type: menus and their keys, transfers, texts, voicemail, business hours.
public static partial class FlowValidator
{
    private sealed partial class Run
    {
        public void CheckNodes()
        {
            foreach (var (id, node) in _flow.Nodes)
            {
                var path = JsonPath.Of("$", "nodes", id);
                if (!NodeIdPattern().IsMatch(id))
                {
                    Error(path, FlowProblemCodes.NodeIdInvalid, $"Node id '{id}' must be 1–64 letters, digits, '_' or '-'.");
                }

                if (node is null)
                {
                    Error(path, FlowProblemCodes.NodeInvalid, $"Node '{id}' is null.");
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
                            Warning(path + ".prompts", FlowProblemCodes.PlayEmpty, "A play node without prompts does nothing.");
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
                    case AgentNode agent:
                        CheckAgent(path, agent);
                        break;
                    case LanguageNode language:
                        if (string.IsNullOrEmpty(language.Locale))
                        {
                            Error(path + ".locale", FlowProblemCodes.ValueMissing, "Set \"locale\" to one of the flow's locales.");
                        }
                        else if (!Locales.Contains(language.Locale))
                        {
                            Error(path + ".locale", FlowProblemCodes.LocaleUnknown, $"Locale '{language.Locale}' is not in \"locales\".");
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
                Error(path + ".greetingLong", FlowProblemCodes.ValueMissing, "A menu needs \"greetingLong\", played on the first pass.");
            }

            if (menu.InvalidPrompt is null)
            {
                Warning(path + ".invalidPrompt", FlowProblemCodes.ValueMissing, "No \"invalidPrompt\": a wrong key is answered by the greeting alone.");
            }

            if (menu.NoInputPrompt is null)
            {
                Warning(path + ".noInputPrompt", FlowProblemCodes.ValueMissing, "No \"noInputPrompt\": silence is answered by the greeting alone.");
            }

            Range(path + ".timeoutSeconds", menu.TimeoutSeconds, 1, 60);
            Range(path + ".maxFailures", menu.MaxFailures, 1, 10);
            Range(path + ".maxTimeouts", menu.MaxTimeouts, 1, 10);

            if (menu.Options.Count == 0)
            {
                Error(path + ".options", FlowProblemCodes.MenuNoWayOut, $"Menu '{id}' has no options: callers can only fail out of it.");
            }
            else if (menu.Options.Values.All(o => o?.Next == id))
            {
                Error(path + ".options", FlowProblemCodes.MenuNoWayOut, $"Every option of menu '{id}' leads back to '{id}'.");
            }

            var keys = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (digit, option) in menu.Options)
            {
                var optionPath = JsonPath.Append(path + ".options", digit);
                if (!IsKey(digit))
                {
                    Error(optionPath, FlowProblemCodes.MenuDigitInvalid, $"Option key '{digit}' must be a single key: 0-9, * or #.");
                }

                keys[digit] = optionPath;
                if (option is null)
                {
                    Error(optionPath, FlowProblemCodes.NodeInvalid, "Expected {\"next\": …}.");
                    continue;
                }

                for (var i = 0; i < option.Hints.Count; i++)
                {
                    if (string.IsNullOrWhiteSpace(option.Hints[i]))
                    {
                        Warning($"{optionPath}.hints[{i}]", FlowProblemCodes.MenuHintEmpty, "Empty speech hint.");
                    }
                }
            }

            CheckSpecialKey(path + ".repeatKey", menu.RepeatKey, keys);
            CheckSpecialKey(path + ".backKey", menu.BackKey, keys);

            if ((menu.OnMaxFailures is null || menu.OnMaxTimeouts is null) && _flow.GoodbyePrompt is null)
            {
                Error(path, FlowProblemCodes.SilentHangup,
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
                Error(path, FlowProblemCodes.MenuDigitInvalid, $"Key '{key}' must be a single key: 0-9, * or #.");
            }
            else if (used.TryGetValue(key, out var other))
            {
                Error(path, FlowProblemCodes.MenuDigitDuplicate, $"Key '{key}' is also used by {other}.");
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
                Error(path + ".to", FlowProblemCodes.ValueMissing, "Set \"to\": an E.164 number (+15005550006) or a SIP URI (sip:agent@example.com).");
            }
            else if (transfer.To.StartsWith("sip", StringComparison.OrdinalIgnoreCase))
            {
                if (!PhoneTargets.IsSipUri(transfer.To))
                {
                    Error(path + ".to", FlowProblemCodes.BadSipUri, $"'{transfer.To}' is not a SIP URI like sip:agent@example.com.");
                }
            }
            else if (!PhoneTargets.IsE164(transfer.To))
            {
                Error(path + ".to", FlowProblemCodes.BadNumber, $"'{transfer.To}' is not an E.164 number like +15005550006.");
            }

            if (transfer.CallerId is not null && !PhoneTargets.IsE164(transfer.CallerId))
            {
                Error(path + ".callerId", FlowProblemCodes.BadNumber, $"Caller ID '{transfer.CallerId}' is not an E.164 number.");
            }

            Range(path + ".timeoutSeconds", transfer.TimeoutSeconds, 5, 600);

            if (transfer.OnFailure is null && (transfer.OnNoAnswer is null || transfer.OnBusy is null || transfer.OnFailed is null))
            {
                if (_flow.GoodbyePrompt is null)
                {
                    Error(path, FlowProblemCodes.SilentHangup,
                        "Some transfer failures have no branch and the flow has no \"goodbyePrompt\": set onFailure (or onNoAnswer, onBusy, onFailed) or goodbyePrompt.");
                }
                else if (transfer.OnNoAnswer is null && transfer.OnBusy is null && transfer.OnFailed is null)
                {
                    Warning(path, FlowProblemCodes.TransferNoFailurePath,
                        "No failure branch: a busy or unanswered transfer ends the call after the goodbye prompt (set onFailure, e.g. to voicemail).");
                }
            }
        }

        private void CheckTextNode(string path, TextNode text)
        {
            CheckText(path + ".body", text.Body, required: true);
            if (text.To is not null && !PhoneTargets.IsE164(text.To))
            {
                Error(path + ".to", FlowProblemCodes.BadNumber, $"'{text.To}' is not an E.164 number like +15005550006 (leave \"to\" out to text the caller).");
            }

            if (text.From is not null && !PhoneTargets.IsE164(text.From) && !PhoneTargets.IsMessagingServiceSid(text.From))
            {
                Error(path + ".from", FlowProblemCodes.BadSender, $"'{text.From}' is neither an E.164 number nor a Messaging Service SID (MG followed by 32 hex digits).");
            }

            if (text.Prompt is null)
            {
                Warning(path + ".prompt", FlowProblemCodes.ValueMissing, "No \"prompt\": the caller is not told a text is on its way.");
            }
        }

        private static readonly string[] InterruptibleModes = ["none", "dtmf", "speech", "any"];

        private void CheckAgent(string path, AgentNode agent)
        {
            switch (agent.Backend)
            {
                case null:
                    Error(path + ".backend", FlowProblemCodes.ValueMissing, "Set \"backend\" to \"builtin\" (the primary answers) or \"url\" (an external agent).");
                    break;
                case AgentBackends.Url:
                    if (!Uri.TryCreate(agent.Url, UriKind.Absolute, out var url) || url.Scheme != "wss")
                    {
                        Error(path + ".url", FlowProblemCodes.BadUrl, $"'{agent.Url}' is not an absolute wss:// URL (Twilio connects ConversationRelay over TLS).");
                    }

                    if (agent.Intents.Count > 0)
                    {
                        Warning(path + ".intents", FlowProblemCodes.AgentInvalid, "\"intents\" are answered only by the built-in backend; this node uses \"url\".");
                    }

                    break;
                case AgentBackends.Builtin:
                    if (agent.Url is not null)
                    {
                        Error(path + ".url", FlowProblemCodes.AgentInvalid, "The built-in backend's WebSocket is the primary's own; drop \"url\" or use \"backend\": \"url\".");
                    }

                    if (agent.Intents.Count == 0)
                    {
                        Error(path + ".intents", FlowProblemCodes.ValueMissing, "The built-in backend answers from \"intents\"; list at least one.");
                    }

                    break;
                default:
                    Error(path + ".backend", FlowProblemCodes.AgentInvalid, $"Unknown backend '{agent.Backend}': use \"builtin\" or \"url\".");
                    break;
            }

            if (agent.Interruptible is not null && !InterruptibleModes.Contains(agent.Interruptible, StringComparer.Ordinal))
            {
                Error(path + ".interruptible", FlowProblemCodes.AgentInvalid, $"'{agent.Interruptible}' is not one of none, dtmf, speech, any.");
            }

            CheckText(path + ".welcomeGreeting", agent.WelcomeGreeting, required: false);
            CheckText(path + ".noMatch", agent.NoMatch, required: false);
            Range(path + ".maxNoMatch", agent.MaxNoMatch, 1, 10);
            for (var i = 0; i < agent.Intents.Count; i++)
            {
                var intentPath = $"{path}.intents[{i}]";
                var intent = agent.Intents[i];
                if (intent is null)
                {
                    Error(intentPath, FlowProblemCodes.AgentInvalid, "Expected {\"examples\": [...], \"say\": … or \"handoff\": …}.");
                    continue;
                }

                if (intent.Examples.Count == 0 || intent.Examples.Any(string.IsNullOrWhiteSpace))
                {
                    Error(intentPath + ".examples", FlowProblemCodes.ValueMissing, "List the phrases that select this intent (none may be empty).");
                }

                if (intent.Say is null && intent.SayPrompt is null && intent.SayText is null && intent.Handoff is null)
                {
                    Error(intentPath, FlowProblemCodes.AgentInvalid, "An intent answers (\"say\", \"sayPrompt\", \"sayText\") or hands off (\"handoff\"), or both.");
                }

                CheckText(intentPath + ".say", intent.Say, required: false);
                if (intent.SayText is { } textNode && _flow.FindNode(textNode) is not TextNode)
                {
                    Error(intentPath + ".sayText", FlowProblemCodes.UnknownNode, $"'{textNode}' is not a text node of this flow.");
                }

                if (intent.Handoff is { } handoff && !agent.OnHandoff.ContainsKey(handoff) && !agent.OnHandoff.ContainsKey(AgentNode.DefaultHandoff))
                {
                    Warning(intentPath + ".handoff", FlowProblemCodes.AgentInvalid, $"No \"onHandoff\" entry for '{handoff}' (nor \"default\"): the caller goes back to the nearest menu.");
                }
            }
        }

        private void CheckVoicemail(string path, VoicemailNode voicemail)
        {
            if (voicemail.Prompt is null)
            {
                Warning(path + ".prompt", FlowProblemCodes.ValueMissing, "No \"prompt\": callers hear only the beep.");
            }

            Range(path + ".maxLengthSeconds", voicemail.MaxLengthSeconds, 1, 3600);

            if (voicemail.TranscribeCallback is not null)
            {
                if (!Uri.TryCreate(voicemail.TranscribeCallback, UriKind.Absolute, out var uri) ||
                    (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                {
                    Error(path + ".transcribeCallback", FlowProblemCodes.BadUrl, $"'{voicemail.TranscribeCallback}' is not an absolute http(s) URL.");
                }

                if (!voicemail.Transcribe)
                {
                    Warning(path + ".transcribeCallback", FlowProblemCodes.TranscribeOff, "\"transcribeCallback\" is ignored unless \"transcribe\" is true.");
                }
            }

            if (voicemail.Transcribe && voicemail.MaxLengthSeconds > 120)
            {
                Warning(path + ".maxLengthSeconds", FlowProblemCodes.TranscribeTooLong,
                    "Twilio transcribes recordings of at most 120 seconds; longer messages are recorded but not transcribed.");
            }
        }

        private void CheckHours(string path, HoursNode hours)
        {
            if (!BusinessHours.TryFindTimeZone(hours.TimeZone, out _, out var zoneError))
            {
                Error(path + ".timeZone", FlowProblemCodes.BadTimeZone, zoneError!);
            }

            var anyRange = false;
            foreach (var (day, ranges) in hours.Weekly)
            {
                var dayPath = JsonPath.Append(path + ".weekly", day);
                if (!BusinessHours.DayNames.Contains(day, StringComparer.Ordinal))
                {
                    Error(dayPath, FlowProblemCodes.HoursBadDay, $"'{day}' is not a day name (monday … sunday, lower case).");
                    continue;
                }

                if (ranges is null)
                {
                    Error(dayPath, FlowProblemCodes.HoursBadRange, "Expected a list of \"HH:mm-HH:mm\" ranges ([] for closed).");
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
                        Error($"{dayPath}[{i}]", FlowProblemCodes.HoursBadRange, error!);
                    }
                }

                parsed.Sort((a, b) => a.Open.CompareTo(b.Open));
                for (var i = 1; i < parsed.Count; i++)
                {
                    if (parsed[i].Open < parsed[i - 1].Close)
                    {
                        Warning($"{dayPath}[{parsed[i].Index}]", FlowProblemCodes.HoursOverlap,
                            $"'{ranges[parsed[i].Index]}' overlaps '{ranges[parsed[i - 1].Index]}'.");
                    }
                }
            }

            if (!anyRange)
            {
                Warning(path + ".weekly", FlowProblemCodes.HoursAlwaysClosed, "No opening ranges: this node always takes the closed branch.");
            }

            var dates = new HashSet<DateOnly>();
            for (var i = 0; i < hours.Holidays.Count; i++)
            {
                var holiday = hours.Holidays[i];
                if (!BusinessHours.TryParseDate(holiday?.Date, out var date))
                {
                    Error($"{path}.holidays[{i}].date", FlowProblemCodes.HoursBadDate, $"'{holiday?.Date}' is not a date like 2026-12-25.");
                }
                else if (!dates.Add(date))
                {
                    Warning($"{path}.holidays[{i}].date", FlowProblemCodes.HoursDuplicateDate, $"Holiday {holiday!.Date} is listed twice.");
                }
            }
        }
    }
}
