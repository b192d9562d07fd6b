using IvrService.Flow;

namespace IvrService.Fallback.Voice;

/// <summary>
/// The fallback's own answer when it cannot resume the caller in the flow, as turns the shared renderer renders: an
/// apology, then the configured last resort (transfer to the support line, voicemail, or goodbye), and what follows
/// each stage's callback. Its states are stages, not flow nodes: a <see cref="CallState"/> whose node is
/// <see cref="StageDial"/> or <see cref="StageRecord"/>, written in the action URL as <c>fs=dial</c> / <c>fs=rec</c>
/// by <see cref="StageQuery"/>. Pure: options and input in, turn out.
/// </summary>
internal static class LastResort
{
    /// <summary>The query key of a last-resort stage.</summary>
    public const string StageKey = "fs";

    /// <summary>After the transfer's <c>&lt;Dial&gt;</c>.</summary>
    public const string StageDial = "dial";

    /// <summary>After the voicemail's <c>&lt;Record&gt;</c>.</summary>
    public const string StageRecord = "rec";

    /// <summary>The node id the turns report (logs, diagnostics).</summary>
    public const string NodeId = "last-resort";

    /// <summary>The apology, then the last resort <paramref name="options"/> configure.</summary>
    /// <param name="options">Texts, mode, support number, limits.</param>
    /// <param name="apology">How the apology sounds: the bundled prompt or <see cref="FallbackOptions.ApologyText"/> (<see cref="Apology"/>).</param>
    public static IvrTurn Turn(FallbackOptions options, IvrStep apology)
    {
        ArgumentNullException.ThrowIfNull(options);
        var mode = options.EffectiveMode;
        List<IvrStep> steps = [apology];
        switch (mode)
        {
            case LastResortMode.Transfer:
                var target = options.SupportNumber!.Trim();
                steps.Add(Say(options, options.TransferText));
                steps.Add(new DialStep(
                    target,
                    target.StartsWith("sip", StringComparison.OrdinalIgnoreCase) ? DialTargetKind.Sip : DialTargetKind.Number,
                    options.TransferTimeoutSeconds,
                    null,
                    Stage(options, StageDial)));
                break;
            case LastResortMode.Voicemail:
                steps.Add(Say(options, options.VoicemailText));
                steps.Add(new RecordStep(options.VoicemailMaxSeconds, PlayBeep: true, Transcribe: false, null, Stage(options, StageRecord)));
                // Silence ends the Record without a callback; the caller still hears a goodbye.
                steps.Add(Say(options, options.GoodbyeText));
                steps.Add(HangupStep.Instance);
                break;
            default:
                steps.Add(Say(options, options.GoodbyeText));
                steps.Add(HangupStep.Instance);
                break;
        }

        return new IvrTurn(steps, NodeId, options.Locale, "apology+" + mode.ToString().ToLowerInvariant(), [NodeId]);
    }

    /// <summary>
    /// What follows a stage's callback: after an answered (or caller-ended) transfer nothing more; after a recording
    /// with sound a thank-you; anything else (busy, no answer, an empty recording, an unknown stage) a goodbye.
    /// </summary>
    public static IvrTurn AfterStage(FallbackOptions options, string stage, CallInput input)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<IvrStep> steps = [];
        var outcome = "goodbye";
        switch (stage)
        {
            case StageDial when input is DialResultInput { Outcome: DialOutcome.Completed or DialOutcome.Answered or DialOutcome.Canceled }:
                outcome = "transferred";
                break;
            case StageRecord when input is RecordingResultInput { Url.Length: > 0, DurationSeconds: > 0 }:
                steps.Add(Say(options, options.ThankYouText));
                outcome = "recorded";
                break;
            default:
                steps.Add(Say(options, options.GoodbyeText));
                break;
        }

        steps.Add(HangupStep.Instance);
        return new IvrTurn(steps, NodeId, options.Locale, outcome, [NodeId]);
    }

    /// <summary>
    /// The apology: the bundled recording of <see cref="FallbackOptions.ApologyPromptId"/> when there is one
    /// (<paramref name="bundledAudioKey"/>), otherwise <see cref="FallbackOptions.ApologyText"/> spoken.
    /// </summary>
    public static IvrStep Apology(FallbackOptions options, string? bundledAudioKey, string? locale)
    {
        ArgumentNullException.ThrowIfNull(options);
        return bundledAudioKey is not null && locale is not null && options.ApologyPromptId is { Length: > 0 } id
            ? new PlayPromptStep(id, locale, bundledAudioKey, options.ApologyText)
            : Say(options, options.ApologyText);
    }

    /// <summary>A stage state's action query: <c>fs=&lt;stage&gt;</c>, nothing of the flow's.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> StageQuery(CallState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return [new(StageKey, state.NodeId)];
    }

    private static CallState Stage(FallbackOptions options, string stage) => new(stage, options.Locale);

    private static SayStep Say(FallbackOptions options, string text) => new(text, options.Locale);
}
