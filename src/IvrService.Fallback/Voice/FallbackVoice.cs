using IvrService.Fallback.Diagnostics;
using IvrService.Fallback.Flows;
using IvrService.Flow;
using IvrService.Hosting.Logging;
using IvrService.Twilio;
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

    // Query keys of the fallback's own callbacks, next to the call state's n/l/f/t/b/x.
    internal const string MediaKey = "m";
    internal const string MediaSayOnly = "say";
    internal const string StageKey = "fs";
    internal const string StageDial = "dial";
    internal const string StageRecord = "rec";

    private static readonly HashSet<string> ResumableNodeTypes = new(StringComparer.Ordinal)
    {
        MenuNode.TypeName, PlayNode.TypeName, TransferNode.TypeName, VoicemailNode.TypeName,
        HoursNode.TypeName, LanguageNode.TypeName, GotoNode.TypeName, HangupNode.TypeName, TextNode.TypeName,
    };

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
        metrics.Count("voice", error);

        var (decision, reason, response) = Decide(call, errorUrl, form, sayOnly, publicBase);
        diagnostics.Set("ErrorCode", error.Code);
        diagnostics.Set("ErrorFamily", error.Family.ToString());
        diagnostics.Set("Decision", decision);
        FallbackLog.Voice(logger, decision, reason, error.Code, error.Name, error.Family.ToString(), errorUrl.ForLog,
            Shorten(call.CallSid), PhoneNumberMask.Mask(Shorten(call.From)));
        return new TwiMLResult(response);
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

        var stage = query[StageKey].ToString();
        if (stage.Length > 0)
        {
            diagnostics.Set("Decision", "stage-" + (stage is StageDial or StageRecord ? stage : "unknown"));
            return new TwiMLResult(AfterStage(stage, form));
        }

        if (flow.Engine is not { } engine)
        {
            diagnostics.Set("Decision", "apology");
            return new TwiMLResult(LastResort(sayOnly, publicBase));
        }

        var continued = CallbackTurn.Continue(engine, query, Parameters(form));
        ReportRepairs(continued.Decoded, callSid);
        var turn = continued.Turn;
        diagnostics.Set("Node", turn.NodeId);
        diagnostics.Set("Outcome", turn.Outcome);
        if (Unsupported(engine, turn) is { } node)
        {
            FallbackLog.UnsupportedNode(logger, callSid, node.Type, node.Id);
            diagnostics.Set("Decision", "apology");
            return new TwiMLResult(LastResort(sayOnly, publicBase));
        }

        diagnostics.Set("Decision", "resumed");
        return new TwiMLResult(Renderer(sayOnly).Render(WithoutTexts(turn, callSid), publicBase));
    }

    private (string Decision, string Reason, VoiceResponse Response) Decide(
        FallbackRequest call, ErrorUrlInfo errorUrl, IFormCollection form, bool sayOnly, Uri publicBase)
    {
        string reason;
        if (flow.Engine is not { } engine)
        {
            reason = "flow unavailable";
        }
        else if (!errorUrl.IsAllowListed)
        {
            reason = call.ErrorUrl is null ? "no ErrorUrl" : "ErrorUrl not an allow-listed primary";
        }
        else if (errorUrl.Resume == ResumePoint.None)
        {
            reason = "ErrorUrl is not a flow route";
        }
        else
        {
            var turn = errorUrl.Resume == ResumePoint.Start ? engine.Start() : ContinueFrom(engine, errorUrl, form, call.CallSid);
            if (Unsupported(engine, turn) is { } node)
            {
                FallbackLog.UnsupportedNode(logger, Shorten(call.CallSid), node.Type, node.Id);
                reason = $"{node.Type} node not run by the fallback";
            }
            else
            {
                diagnostics.Set("Node", turn.NodeId);
                diagnostics.Set("Outcome", turn.Outcome);
                return ("resumed", errorUrl.Resume == ResumePoint.Start ? "at start" : "at " + turn.NodeId,
                    Renderer(sayOnly).Render(WithoutTexts(turn, Shorten(call.CallSid)), publicBase));
            }
        }

        return ("apology+" + _options.EffectiveMode.ToString().ToLowerInvariant(), reason, LastResort(sayOnly, publicBase));
    }

    // The failed request carried the caller's answer (Digits, DialCallStatus…) to the node in ErrorUrl: apply it here,
    // unless the state had to be repaired, in which case the node is entered afresh.
    private IvrTurn ContinueFrom(FlowEngine engine, ErrorUrlInfo errorUrl, IFormCollection form, string? callSid)
    {
        var continued = CallbackTurn.Continue(engine, errorUrl.State, Parameters(form));
        ReportRepairs(continued.Decoded, Shorten(callSid));
        return continued.Turn;
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

    private static (string Id, string Type)? Unsupported(FlowEngine engine, IvrTurn turn)
    {
        foreach (var id in turn.Path)
        {
            if (engine.Flow.FindNode(id) is { } node && !ResumableNodeTypes.Contains(node.Type))
            {
                return (id, node.Type);
            }
        }

        return null;
    }

    private VoiceTwimlRenderer Renderer(bool sayOnly) =>
        new(new FallbackPromptVerbs(flow, sayOnly, Blank(_options.Voice)), ContinuePath)
        {
            SayVoice = Blank(_options.Voice),
            ExtraQuery = sayOnly ? [new(MediaKey, MediaSayOnly)] : [],
        };

    private VoiceResponse LastResort(bool sayOnly, Uri publicBase)
    {
        var response = new VoiceResponse();
        response.Append(Apology(sayOnly, publicBase));
        switch (_options.EffectiveMode)
        {
            case LastResortMode.Transfer:
                var target = _options.SupportNumber!.Trim();
                response.Append(Say(_options.TransferText));
                var dial = new Dial
                {
                    Action = StageUrl(StageDial, sayOnly, publicBase),
                    Method = TwilioHttpMethod.Post,
                    Timeout = _options.TransferTimeoutSeconds,
                };
                dial.Append(target.StartsWith("sip", StringComparison.OrdinalIgnoreCase) ? new Sip(target) : new Number(target));
                response.Append(dial);
                break;
            case LastResortMode.Voicemail:
                response.Append(Say(_options.VoicemailText));
                response.Append(new Record
                {
                    Action = StageUrl(StageRecord, sayOnly, publicBase),
                    Method = TwilioHttpMethod.Post,
                    MaxLength = _options.VoicemailMaxSeconds,
                    PlayBeep = true,
                });
                // Silence ends the Record without a callback; the caller still hears a goodbye.
                response.Append(Say(_options.GoodbyeText));
                response.Hangup();
                break;
            default:
                response.Append(Say(_options.GoodbyeText));
                response.Hangup();
                break;
        }

        return response;
    }

    private VoiceResponse AfterStage(string stage, IFormCollection form)
    {
        var response = new VoiceResponse();
        var input = WebhookInput.From(Parameters(form));
        switch (stage)
        {
            case StageDial when input is DialResultInput { Outcome: DialOutcome.Completed or DialOutcome.Answered or DialOutcome.Canceled }:
                break;
            case StageRecord when input is RecordingResultInput { Url.Length: > 0, DurationSeconds: > 0 }:
                response.Append(Say(_options.ThankYouText));
                break;
            default:
                response.Append(Say(_options.GoodbyeText));
                break;
        }

        response.Hangup();
        return response;
    }

    private IVoiceVerb Apology(bool sayOnly, Uri publicBase)
    {
        if (!sayOnly && _options.ApologyPromptId is { Length: > 0 } id && flow.Engine?.Flow is { } definition)
        {
            foreach (var locale in new[] { _options.Locale, definition.DefaultLocale })
            {
                if (locale is not null && definition.Prompts.TryGetValue(locale, out var entries) && entries is not null
                    && entries.TryGetValue(id, out var entry) && entry?.File is { Length: > 0 } file
                    && flow.IsBundled(PromptEntry.AudioKeyFor(locale, file)))
                {
                    return new Play(FallbackPromptVerbs.AudioUrl(PromptEntry.AudioKeyFor(locale, file), publicBase));
                }
            }
        }

        return Say(_options.ApologyText);
    }

    private Say Say(string text) => new(text) { Language = _options.Locale, Voice = Blank(_options.Voice) };

    private static string StageUrl(string stage, bool sayOnly, Uri publicBase) =>
        $"{publicBase.AbsoluteUri.TrimEnd('/')}{ContinuePath}?{StageKey}={stage}" + (sayOnly ? $"&{MediaKey}={MediaSayOnly}" : "");

    // The webhook models' parameters, so the fallback reads a repeated name as the primary does (the first value).
    private static IReadOnlyDictionary<string, string?> Parameters(IFormCollection form) => VoiceRequest.FromForm(form).Parameters;

    private static string? WebhookText(IFormCollection form, string name) => form.TryGetValue(name, out var v) && v.Count > 0 ? v[0] : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // Identifiers are logged, so odd values are cut rather than copied whole into every event.
    private static string? Shorten(string? value) => value is { Length: > 64 } ? value[..64] + "…" : value;
}
