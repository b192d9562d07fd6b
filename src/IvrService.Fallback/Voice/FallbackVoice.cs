using IvrService.Fallback.Diagnostics;
using IvrService.Fallback.Flows;
using IvrService.Flow;
using IvrService.Hosting.Logging;
using IvrService.Twilio.AspNetCore;
using IvrService.Twilio.Errors;
using IvrService.Twilio.TwiML;
using IvrService.Twilio.Webhooks;
using IvrService.Voice;
using IvrService.Voice.Rendering;
using Microsoft.Extensions.Options;
using Serilog;

namespace IvrService.Fallback.Voice;

/// <summary>
/// The voice Fallback URL and the fallback's own callbacks. Resumes the caller in the flow when <c>ErrorUrl</c> comes
/// from an allow-listed primary and the flow is loaded; otherwise apologises and transfers, takes a message or says
/// goodbye. Never echoes ErrorUrl, never plays S3 media, and after a media problem speaks every prompt.
/// </summary>
public sealed class FallbackVoice(
    FallbackFlow flow,
    FallbackMetrics metrics,
    TwilioPublicUrlResolver urls,
    IOptions<FallbackOptions> options,
    IDiagnosticContext diagnostics,
    ILogger<FallbackVoice> logger)
{
    /// <summary>The fallback's Voice (and SIP trunk disaster-recovery) URL.</summary>
    public const string VoicePath = VoiceRoutes.FallbackIncoming;

    /// <summary>Every Gather, Dial, Record and Redirect of the fallback posts here.</summary>
    public const string ContinuePath = VoiceRoutes.FallbackContinue;

    // Query key of the fallback's own callbacks, next to the call state's n/l/f/t/b/x and the last resort's fs.
    internal const string MediaKey = "m";
    internal const string MediaSayOnly = "say";

    private readonly FallbackOptions _options = options.Value;

    /// <summary>Twilio gave up on the primary: log, count, and keep the caller moving.</summary>
    public async Task<IResult> IncomingAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (await WebhookForms.ReadAsync(http).ConfigureAwait(false) is not { } form)
        {
            return TypedResults.BadRequest();
        }

        var call = FallbackRequest.FromForm(form);
        var error = call.Error;
        var errorUrl = ErrorUrlInfo.Parse(call.ErrorUrl, _options.PrimaryHosts);
        var sayOnly = error.Family == ErrorFamily.MediaProblem;
        var publicBase = urls.GetPublicBaseUri(http.Request);

        var callSid = Shorten(call.CallSid);
        var decision = Decide(flow.Engine, _options.EffectiveMode, call.ErrorUrl is not null, errorUrl, Parameters(form));
        if (decision.Decoded is { } decoded)
        {
            ReportRepairs(decoded, callSid);
        }

        diagnostics.Set("ErrorCode", error.Code);
        diagnostics.Set("ErrorFamily", error.Family.ToString());
        diagnostics.Set("Decision", decision.Name);
        FallbackTelemetry.HandOver(http, metrics, "voice", error, decision.Name);
        FallbackLog.Voice(logger, decision.Name, decision.Reason, error.Code, error.Name, error.Family.ToString(), errorUrl.ForLog,
            callSid, PhoneNumberMask.Mask(Shorten(call.From)));
        if (decision.Turn is not { } turn)
        {
            return new TwiMLResult(LastResortTurn(sayOnly, publicBase));
        }

        diagnostics.Set("Node", turn.NodeId);
        diagnostics.Set("Outcome", turn.Outcome);
        FallbackTelemetry.Turn(http, turn);
        return new TwiMLResult(Renderer(sayOnly).Render(WithoutTexts(turn, callSid), publicBase));
    }

    /// <summary>A callback of the fallback's own TwiML: a flow state, or a stage of the static last resort.</summary>
    public async Task<IResult> ContinueAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (await WebhookForms.ReadAsync(http).ConfigureAwait(false) is not { } form)
        {
            return TypedResults.BadRequest();
        }

        var query = http.Request.Query;
        var sayOnly = query[MediaKey] == MediaSayOnly;
        var publicBase = urls.GetPublicBaseUri(http.Request);
        var callSid = Shorten(WebhookText(form, "CallSid"));

        var stage = query[LastResort.StageKey].ToString();
        if (stage.Length > 0)
        {
            var stageDecision = "stage-" + (stage is LastResort.StageDial or LastResort.StageRecord ? stage : "unknown");
            diagnostics.Set("Decision", stageDecision);
            FallbackTelemetry.Decision(http, stageDecision);
            var after = LastResort.AfterStage(_options, stage, WebhookInput.From(Parameters(form)));
            diagnostics.Set("Outcome", after.Outcome);
            return new TwiMLResult(RenderLastResort(after, sayOnly, publicBase));
        }

        if (flow.Engine is not { } engine)
        {
            diagnostics.Set("Decision", "apology");
            FallbackTelemetry.Decision(http, "apology");
            return new TwiMLResult(LastResortTurn(sayOnly, publicBase));
        }

        var continued = CallbackTurn.Continue(engine, query, Parameters(form));
        ReportRepairs(continued.Decoded, callSid);
        var turn = continued.Turn;
        diagnostics.Set("Node", turn.NodeId);
        diagnostics.Set("Outcome", turn.Outcome);
        diagnostics.Set("Decision", "resumed");
        FallbackTelemetry.Turn(http, turn, "resumed");
        return new TwiMLResult(Renderer(sayOnly).Render(WithoutTexts(turn, callSid), publicBase));
    }

    /// <summary>
    /// What to do with a call Twilio handed over, as a pure function of the flow, the last-resort mode and the request:
    /// resume it (with the turn to render, and the state decoded from <c>ErrorUrl</c> when continuing), or apologise.
    /// The caller logs and renders it.
    /// </summary>
    internal static FallbackDecision Decide(
        FlowEngine? engine, LastResortMode mode, bool hasErrorUrl, ErrorUrlInfo errorUrl, IReadOnlyDictionary<string, string?> parameters)
    {
        var apology = "apology+" + mode.ToString().ToLowerInvariant();
        if (engine is null)
        {
            return new FallbackDecision(apology, "flow unavailable", null, null);
        }

        if (!errorUrl.IsAllowListed)
        {
            return new FallbackDecision(apology, hasErrorUrl ? "ErrorUrl not an allow-listed primary" : "no ErrorUrl", null, null);
        }

        switch (errorUrl.Resume)
        {
            case ResumePoint.Start:
                // A number's voice URL may name the locale calls start in (/voice?l=es-US): the fallback starts there too.
                var locale = errorUrl.State.TryGetValue(CallState.LocaleQueryKey, out var l) ? l : null;
                return new FallbackDecision("resumed", "at start", engine.Start(locale), null);
            case ResumePoint.Continue:
                // The failed request carried the caller's answer (Digits, DialCallStatus…) to the node in ErrorUrl:
                // apply it here, unless the state had to be repaired, in which case the node is entered afresh.
                var continued = CallbackTurn.Continue(engine, errorUrl.State, parameters);
                return new FallbackDecision("resumed", "at " + continued.Turn.NodeId, continued.Turn, continued.Decoded);
            default:
                return new FallbackDecision(apology, "ErrorUrl is not a flow route", null, null);
        }
    }

    private void ReportRepairs(CallStateDecodeResult decoded, string? callSid)
    {
        if (decoded.Repaired)
        {
            FallbackLog.StateRepaired(logger, callSid, string.Join("; ", decoded.Repairs), decoded.State.NodeId);
        }
    }

    // The fallback holds no REST credentials by design (it must not depend on what the primary depends on), so a
    // text node is walked through without sending: the caller hears the node's unavailable prompt, never "sent".
    private IvrTurn WithoutTexts(IvrTurn turn, string? callSid) =>
        turn.WithTextOutcomes(text =>
        {
            FallbackLog.TextNotSent(logger, callSid, text.NodeId);
            return false;
        });

    private VoiceTwimlRenderer Renderer(bool sayOnly, Func<CallState, IReadOnlyList<KeyValuePair<string, string>>>? stateQuery = null) =>
        new(new FallbackPromptVerbs(flow, sayOnly, Blank(_options.Voice)), ContinuePath)
        {
            SayVoice = Blank(_options.Voice),
            ExtraQuery = sayOnly ? [new(MediaKey, MediaSayOnly)] : [],
            StateQuery = stateQuery ?? VoiceTwimlRenderer.FlowStateQuery,
        };

    private VoiceResponse LastResortTurn(bool sayOnly, Uri publicBase) =>
        RenderLastResort(LastResort.Turn(_options, Apology(sayOnly)), sayOnly, publicBase);

    // The last resort's states are its stages (fs=dial|rec), not the flow's: the same renderer, another query.
    private VoiceResponse RenderLastResort(IvrTurn turn, bool sayOnly, Uri publicBase) =>
        Renderer(sayOnly, LastResort.StageQuery).Render(turn, publicBase);

    // The bundled recording of the apology prompt, in the fallback's locale or the flow's default, when media is
    // trusted; otherwise the apology text is spoken.
    private IvrStep Apology(bool sayOnly)
    {
        if (!sayOnly && _options.ApologyPromptId is { Length: > 0 } id && flow.Engine?.Flow is { } definition)
        {
            foreach (var locale in new[] { _options.Locale, definition.DefaultLocale })
            {
                if (locale is not null && definition.Prompts.TryGetValue(locale, out var entries) && entries is not null
                    && entries.TryGetValue(id, out var entry) && entry?.File is { Length: > 0 } file
                    && flow.IsBundled(PromptEntry.AudioKeyFor(locale, file)))
                {
                    return LastResort.Apology(_options, PromptEntry.AudioKeyFor(locale, file), locale);
                }
            }
        }

        return LastResort.Apology(_options, null, null);
    }

    // The webhook models' parameters, so the fallback reads a repeated name as the primary does (the first value).
    private static IReadOnlyDictionary<string, string?> Parameters(IFormCollection form) => VoiceRequest.FromForm(form).Parameters;

    private static string? WebhookText(IFormCollection form, string name) => form.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // Identifiers are logged, so odd values are cut rather than copied whole into every event.
    private static string? Shorten(string? value) => value is { Length: > 64 } ? value[..64] + "…" : value;
}

/// <summary>The fallback's decision for a handed-over call.</summary>
/// <param name="Name">For logs and metrics: <c>resumed</c>, or <c>apology+</c> and the last-resort mode.</param>
/// <param name="Reason">Why, in words (logged).</param>
/// <param name="Turn">The flow's turn to render when resumed; null for the last resort.</param>
/// <param name="Decoded">The state read from <c>ErrorUrl</c> when continuing (its repairs are logged).</param>
internal sealed record FallbackDecision(string Name, string Reason, IvrTurn? Turn, CallStateDecodeResult? Decoded);
