namespace IvrService.Flow;

// The checks of the prompt catalog: per-locale entries (safe ids and files, texts), and which prompts are used where.
public static partial class FlowValidator
{
    private sealed partial class Run
    {
        public void CheckCatalog()
        {
            foreach (var (locale, entries) in _flow.Prompts)
            {
                var localePath = JsonPath.Of("$", "prompts", locale);
                if (!Locales.Contains(locale))
                {
                    Warning(localePath, FlowProblemCodes.PromptLocaleUnknown, $"Prompts for '{locale}' are never used: it is not in \"locales\".");
                }

                if (entries is null)
                {
                    Error(localePath, FlowProblemCodes.PromptInvalid, "Expected an object of prompt id → {file, text}.");
                    continue;
                }

                foreach (var (id, entry) in entries)
                {
                    var path = JsonPath.Append(localePath, id);
                    if (!PromptIdPattern().IsMatch(id))
                    {
                        Error(path, FlowProblemCodes.PromptIdInvalid, $"Prompt id '{id}' must be letters, digits, '.', '_' or '-' (at most 64).");
                    }

                    if (entry is null)
                    {
                        Error(path, FlowProblemCodes.PromptInvalid, "Expected {\"file\": …, \"text\": …}.");
                        continue;
                    }

                    if (string.IsNullOrWhiteSpace(entry.File))
                    {
                        Error(path + ".file", FlowProblemCodes.PromptFileMissing, $"Prompt '{id}' ({locale}) has no audio file.");
                    }
                    else if (!AudioFilePattern().IsMatch(entry.File) || entry.File.Contains("..", StringComparison.Ordinal))
                    {
                        Error(path + ".file", FlowProblemCodes.PromptFileInvalid,
                            $"'{entry.File}' must be a relative path under content/audio/{locale}/ (letters, digits, '.', '_', '-', '/'; no '..').");
                    }
                    else if (!entry.File.EndsWith(".wav", StringComparison.OrdinalIgnoreCase) &&
                             !entry.File.EndsWith(".mp3", StringComparison.OrdinalIgnoreCase))
                    {
                        Warning(path + ".file", FlowProblemCodes.PromptFileType, $"'{entry.File}' is neither .wav nor .mp3; check Twilio can play it.");
                    }

                    if (string.IsNullOrWhiteSpace(entry.Text))
                    {
                        Error(path + ".text", FlowProblemCodes.PromptTextMissing,
                            $"Prompt '{id}' ({locale}) has no text (needed for TTS fallback, transcripts and audio generation).");
                    }
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
                    Error(path, FlowProblemCodes.PromptUnknown, $"Prompt '{prompt.Id}' is not in the catalog of any locale.");
                }
                else if (_flow.DefaultLocale is not null && !HasPrompt(_flow.DefaultLocale, prompt.Id))
                {
                    Error(path, FlowProblemCodes.PromptMissingDefault,
                        $"Prompt '{prompt.Id}' is missing in the default locale '{_flow.DefaultLocale}', so locales without it have nothing to fall back to.");
                }
            }
            else if (prompt.Say is not null)
            {
                if (string.IsNullOrWhiteSpace(prompt.Say))
                {
                    Error(path, FlowProblemCodes.SayEmpty, "Empty \"say\" text.");
                }
            }
            else if (prompt.PauseSeconds is { } seconds && (seconds < 1 || seconds > 60))
            {
                Error(path, FlowProblemCodes.OutOfRange, $"Pause of {seconds} s: use 1–60.");
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
                        Warning(JsonPath.Of("$", "prompts", locale), FlowProblemCodes.PromptMissingLocale,
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
                        Warning(JsonPath.Of("$", "prompts", locale, id), FlowProblemCodes.PromptUnused, $"Prompt '{id}' is never used.");
                    }
                }
            }
        }
    }
}
