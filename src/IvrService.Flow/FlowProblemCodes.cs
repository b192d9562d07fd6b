namespace IvrService.Flow;

/// <summary>
/// Every <see cref="FlowProblem.Code"/> the loader, the validator and the segment audit report: stable, machine-readable,
/// listed with its severity and rule in docs/flow-format.md (FlowProblemCodesTests keeps the two the same).
/// </summary>
public static class FlowProblemCodes
{
    /// <summary>Error: the flow file does not exist.</summary>
    public const string FileNotFound = "file-not-found";

    /// <summary>Error: the flow file is over the size limit.</summary>
    public const string FileTooLarge = "file-too-large";

    /// <summary>Error: the flow file cannot be read (permissions, I/O).</summary>
    public const string FileUnreadable = "file-unreadable";

    /// <summary>Error: not JSON; reported with line and position.</summary>
    public const string JsonSyntax = "json-syntax";

    /// <summary>Error: wrong value type, unknown property, duplicate key (e.g. the same menu key twice), or not a JSON object.</summary>
    public const string JsonInvalid = "json-invalid";

    /// <summary>Error: a node without <c>type</c> (every one is listed).</summary>
    public const string NodeTypeMissing = "node-type-missing";

    /// <summary>Error: a node whose <c>type</c> is not a known node type.</summary>
    public const string NodeTypeUnknown = "node-type-unknown";

    /// <summary>Error: a node (or a menu option) that is null or not an object.</summary>
    public const string NodeInvalid = "node-invalid";

    /// <summary>Error: a node id that is not 1-64 letters, digits, <c>_</c> or <c>-</c>.</summary>
    public const string NodeIdInvalid = "node-id-invalid";

    /// <summary>Error: no <c>start</c>.</summary>
    public const string StartMissing = "start-missing";

    /// <summary>Error: <c>start</c> or any reference names a node that does not exist.</summary>
    public const string UnknownNode = "unknown-node";

    /// <summary>Error: a required <c>next</c>/<c>target</c>/<c>open</c>/<c>closed</c> is missing.</summary>
    public const string ReferenceMissing = "reference-missing";

    /// <summary>Warning: no path from <c>start</c> reaches the node.</summary>
    public const string UnreachableNode = "unreachable-node";

    /// <summary>Error: no <c>locales</c> list.</summary>
    public const string LocalesMissing = "locales-missing";

    /// <summary>Error: a locale that is not a BCP 47 tag such as <c>en-US</c>.</summary>
    public const string LocaleInvalid = "locale-invalid";

    /// <summary>Error: a locale listed twice.</summary>
    public const string LocaleDuplicate = "locale-duplicate";

    /// <summary>Error: no <c>defaultLocale</c>.</summary>
    public const string DefaultLocaleMissing = "default-locale-missing";

    /// <summary>Error: <c>defaultLocale</c> is not in <c>locales</c>.</summary>
    public const string DefaultLocaleUnknown = "default-locale-unknown";

    /// <summary>Error or warning: a node or text names a locale the flow does not list (error where required, else warning).</summary>
    public const string LocaleUnknown = "locale-unknown";

    /// <summary>Error: a prompt id is in no locale's catalog.</summary>
    public const string PromptUnknown = "prompt-unknown";

    /// <summary>Error: a prompt exists only in non-default locales, so the others have nothing to fall back to.</summary>
    public const string PromptMissingDefault = "prompt-missing-default";

    /// <summary>Warning: a prompt exists in the default locale but not in another locale (those callers hear the default recording).</summary>
    public const string PromptMissingLocale = "prompt-missing-locale";

    /// <summary>Error: a catalog or catalog entry that is not an object of <c>{file, text}</c>.</summary>
    public const string PromptInvalid = "prompt-invalid";

    /// <summary>Error: a prompt id that is not a safe name.</summary>
    public const string PromptIdInvalid = "prompt-id-invalid";

    /// <summary>Error: a catalog entry without <c>file</c>.</summary>
    public const string PromptFileMissing = "prompt-file-missing";

    /// <summary>Error: a <c>file</c> that is not a safe relative path (no <c>..</c>, no leading <c>/</c>).</summary>
    public const string PromptFileInvalid = "prompt-file-invalid";

    /// <summary>Error: a catalog entry without <c>text</c> (needed for <c>&lt;Say&gt;</c> when audio fails, and transcripts).</summary>
    public const string PromptTextMissing = "prompt-text-missing";

    /// <summary>Warning: a file that is neither <c>.wav</c> nor <c>.mp3</c>.</summary>
    public const string PromptFileType = "prompt-file-type";

    /// <summary>Warning: a catalog entry nobody plays.</summary>
    public const string PromptUnused = "prompt-unused";

    /// <summary>Warning: prompts for a locale the flow does not list.</summary>
    public const string PromptLocaleUnknown = "prompt-locale-unknown";

    /// <summary>Error: <c>{"say": ""}</c>.</summary>
    public const string SayEmpty = "say-empty";

    /// <summary>Warning: a <c>play</c> node without prompts does nothing.</summary>
    public const string PlayEmpty = "play-empty";

    /// <summary>Error: a menu without options, or whose options all lead back to itself.</summary>
    public const string MenuNoWayOut = "menu-no-way-out";

    /// <summary>Error: an option, repeat or back key that is not one of <c>0-9 * #</c>.</summary>
    public const string MenuDigitInvalid = "menu-digit-invalid";

    /// <summary>Error: the repeat or back key is also an option key (or the same as each other).</summary>
    public const string MenuDigitDuplicate = "menu-digit-duplicate";

    /// <summary>Warning: an empty speech hint.</summary>
    public const string MenuHintEmpty = "menu-hint-empty";

    /// <summary>Error: a menu or transfer would end the call by default but there is no <c>goodbyePrompt</c>.</summary>
    public const string SilentHangup = "silent-hangup";

    /// <summary>Warning: a transfer with no failure branch at all.</summary>
    public const string TransferNoFailurePath = "transfer-no-failure-path";

    /// <summary>Error: <c>to</c> or <c>callerId</c> is not E.164.</summary>
    public const string BadNumber = "bad-number";

    /// <summary>Error: a <c>text</c> node's <c>from</c> is neither E.164 nor a Messaging Service SID.</summary>
    public const string BadSender = "bad-sender";

    /// <summary>Error: <c>to</c> starts with <c>sip</c> but is not <c>sip:user@host</c>.</summary>
    public const string BadSipUri = "bad-sip-uri";

    /// <summary>Error: unknown or non-IANA time zone.</summary>
    public const string BadTimeZone = "bad-time-zone";

    /// <summary>Error: <c>transcribeCallback</c> is not an absolute http(s) URL.</summary>
    public const string BadUrl = "bad-url";

    /// <summary>Error: a day name that is not a day of the week.</summary>
    public const string HoursBadDay = "hours-bad-day";

    /// <summary>Error: a range that is not <c>HH:mm-HH:mm</c> with start before end.</summary>
    public const string HoursBadRange = "hours-bad-range";

    /// <summary>Error: a holiday that is not <c>yyyy-MM-dd</c>.</summary>
    public const string HoursBadDate = "hours-bad-date";

    /// <summary>Warning: two ranges of one day overlap.</summary>
    public const string HoursOverlap = "hours-overlap";

    /// <summary>Warning: a holiday listed twice.</summary>
    public const string HoursDuplicateDate = "hours-duplicate-date";

    /// <summary>Warning: a schedule with no open hours at all.</summary>
    public const string HoursAlwaysClosed = "hours-always-closed";

    /// <summary>Error: a cycle made only of <c>play</c>/<c>hours</c>/<c>language</c>/<c>goto</c>/<c>text</c> nodes (it would never wait for the caller).</summary>
    public const string PassiveLoop = "passive-loop";

    /// <summary>Error: a number outside the ranges in the tables above.</summary>
    public const string OutOfRange = "out-of-range";

    /// <summary>Warning: a transcription callback without transcription turned on.</summary>
    public const string TranscribeOff = "transcribe-off";

    /// <summary>Warning: transcription asked for recordings longer than Twilio transcribes.</summary>
    public const string TranscribeTooLong = "transcribe-too-long";

    /// <summary>Error: an <c>sms</c> section or keyword entry that is not an object.</summary>
    public const string SmsInvalid = "sms-invalid";

    /// <summary>Error: an empty SMS keyword.</summary>
    public const string SmsKeywordEmpty = "sms-keyword-empty";

    /// <summary>Error: a carrier keyword (STOP, HELP, …) that Twilio answers itself.</summary>
    public const string SmsKeywordReserved = "sms-keyword-reserved";

    /// <summary>Error: a keyword listed twice.</summary>
    public const string SmsKeywordDuplicate = "sms-keyword-duplicate";

    /// <summary>Error: a text over 1,600 characters.</summary>
    public const string SmsTooLong = "sms-too-long";

    /// <summary>Error: a text without the default locale.</summary>
    public const string TextMissingDefault = "text-missing-default";

    /// <summary>Error: a text has more segments than <c>sms.maxSegments</c> (from the segment audit, run by the primary at start-up and by <c>ivr flow validate</c>).</summary>
    public const string SmsOverBudget = "sms-over-budget";

    /// <summary>Warning: a character with a GSM-7 look-alike made a text UCS-2 (segment audit).</summary>
    public const string SmsAccidentalUcs2 = "sms-accidental-ucs2";

    /// <summary>Error: an <c>agent</c> node's backend, URL, interruptible mode or intent is not usable.</summary>
    public const string AgentInvalid = "agent-invalid";

    /// <summary>Error or warning: a missing field (error when required, warning when only advised).</summary>
    public const string ValueMissing = "value-missing";

    /// <summary>Every code, in the order docs/flow-format.md lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        FileNotFound,
        FileTooLarge,
        FileUnreadable,
        JsonSyntax,
        JsonInvalid,
        NodeTypeMissing,
        NodeTypeUnknown,
        NodeInvalid,
        NodeIdInvalid,
        StartMissing,
        UnknownNode,
        ReferenceMissing,
        UnreachableNode,
        LocalesMissing,
        LocaleInvalid,
        LocaleDuplicate,
        DefaultLocaleMissing,
        DefaultLocaleUnknown,
        LocaleUnknown,
        PromptUnknown,
        PromptMissingDefault,
        PromptMissingLocale,
        PromptInvalid,
        PromptIdInvalid,
        PromptFileMissing,
        PromptFileInvalid,
        PromptTextMissing,
        PromptFileType,
        PromptUnused,
        PromptLocaleUnknown,
        SayEmpty,
        PlayEmpty,
        MenuNoWayOut,
        MenuDigitInvalid,
        MenuDigitDuplicate,
        MenuHintEmpty,
        SilentHangup,
        TransferNoFailurePath,
        BadNumber,
        BadSender,
        BadSipUri,
        BadTimeZone,
        BadUrl,
        HoursBadDay,
        HoursBadRange,
        HoursBadDate,
        HoursOverlap,
        HoursDuplicateDate,
        HoursAlwaysClosed,
        PassiveLoop,
        OutOfRange,
        TranscribeOff,
        TranscribeTooLong,
        SmsInvalid,
        SmsKeywordEmpty,
        SmsKeywordReserved,
        SmsKeywordDuplicate,
        SmsTooLong,
        TextMissingDefault,
        SmsOverBudget,
        SmsAccidentalUcs2,
        AgentInvalid,
        ValueMissing,
    ];
}
