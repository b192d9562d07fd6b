using System.Diagnostics;
using IvrService.Flow;
using IvrService.Primary.Diagnostics;
using IvrService.Primary.Messaging;
using IvrService.Twilio.AspNetCore;
using IvrService.Twilio.Diagnostics;
using IvrService.Twilio.TwiML;
using IvrService.Twilio.Webhooks;
using IvrService.Voice;
using IvrService.Voice.Rendering;
using Microsoft.AspNetCore.Mvc;
using Serilog;

namespace IvrService.Primary.Voice;

/// <summary>
/// The number's Voice URL and every callback of the call. Thin on purpose: bind the webhook, ask the flow engine,
/// render its steps as TwiML. Where the caller is travels in the callback URL's query, signed by Twilio. Every route
/// answers GET as well as POST, because a number's webhook method may be set to GET.
/// </summary>
[ValidateTwilioRequest]
public sealed class VoiceController(
    FlowEngine engine,
    VoiceTwimlRenderer renderer,
    TwilioPublicUrlResolver urls,
    TextOutbox texts,
    PrimaryTelemetry telemetry,
    IDiagnosticContext diagnostics,
    ILogger<VoiceController> logger) : ControllerBase
{
    // Twilio sends the same value with every retry of one webhook request.
    private const string IdempotencyTokenHeader = "I-Twilio-Idempotency-Token";

    /// <summary>An incoming call: start the flow (in the locale the number's voice URL names with <c>?l=</c>, if any).</summary>
    [AcceptVerbs("GET", "POST", Route = VoiceRoutes.Incoming)]
    public ValueTask<TwiMLResult> Incoming([FromForm] VoiceRequest call)
    {
        IvrTurn turn;
        using (var span = PrimaryTelemetry.Start("ivr.flow.turn"))
        {
            turn = engine.Start(Request.Query.TryGetValue(CallState.LocaleQueryKey, out var locale) ? locale.ToString() : null);
            Tag(span, turn);
        }

        return AnswerAsync(call, turn);
    }

    /// <summary>Gather, Dial, Record and Redirect callbacks: continue from the state in the query.</summary>
    [AcceptVerbs("GET", "POST", Route = VoiceRoutes.Continue)]
    public ValueTask<TwiMLResult> Continue([FromForm] VoiceRequest call)
    {
        // The bound parameters, not Request.Form: a GET webhook or a signed non-form body has no form to read.
        CallbackTurn continued;
        using (var span = PrimaryTelemetry.Start("ivr.flow.turn"))
        {
            continued = CallbackTurn.Continue(engine, Request.Query, call.Parameters);
            Tag(span, continued.Turn);
        }

        if (continued.Decoded.Repaired)
        {
            // Twilio signs what it posts back, so a repaired state means an old flow version or a hand-made request.
            logger.LogWarning(
                "Call {CallSid}: callback state repaired ({Repairs}); continuing at {Node}",
                call.CallSid, string.Join("; ", continued.Decoded.Repairs), continued.Decoded.State.NodeId);
        }

        diagnostics.Set("Input", Describe(continued.Input));
        return AnswerAsync(call, continued.Turn);
    }

    /// <summary>The call's status callback: one structured event, an empty response.</summary>
    [AcceptVerbs("GET", "POST", Route = VoiceRoutes.Status)]
    public IActionResult Status([FromForm] StatusCallbackRequest status)
    {
        diagnostics.Set("CallStatus", status.CallStatus);
        diagnostics.Set("CallDuration", status.CallDurationValue);
        diagnostics.Set("Outcome", "status-" + (status.CallStatus ?? "unknown"));
        telemetry.Status(TwilioWebhookActivity.Of(HttpContext), status.CallStatusValue);
        return new TwiMLResult(new VoiceResponse());
    }

    // Synchronous unless the turn has a text step and the store is shared (Redis): no other webhook waits on anything.
    private ValueTask<TwiMLResult> AnswerAsync(VoiceRequest call, IvrTurn turn)
    {
        diagnostics.Set("Node", turn.NodeId);
        diagnostics.Set("Locale", turn.Locale);
        diagnostics.Set("Outcome", turn.Outcome);
        diagnostics.Set("Path", string.Join(">", turn.Path));
        telemetry.Turn(TwilioWebhookActivity.Of(HttpContext), turn);
        if (call.CallStatus is { } status)
        {
            diagnostics.Set("CallStatus", status);
        }

        return turn.Steps.Any(s => s is SendTextStep)
            ? SubmitTextsAsync(call, turn)
            : ValueTask.FromResult(Render(turn));
    }

    private TwiMLResult Render(IvrTurn heard)
    {
        using var span = PrimaryTelemetry.Start("ivr.twiml.render");
        return new(renderer.Render(heard, urls.GetPublicBaseUri(Request)));
    }

    // Text steps go to the background sender's queue; the caller hears at once whether one is on its way. Only turns
    // with a text step come here, so the others pay for no list, dictionary or state machine.
    private async ValueTask<TwiMLResult> SubmitTextsAsync(VoiceRequest call, IvrTurn turn)
    {
        var token = Request.Headers[IdempotencyTokenHeader].ToString();
        var accepted = new Dictionary<SendTextStep, bool>(ReferenceEqualityComparer.Instance);
        var outcomes = new List<string>();
        foreach (var step in turn.Steps.OfType<SendTextStep>())
        {
            TextSubmissionOutcome outcome;
            using (var span = PrimaryTelemetry.Start("ivr.text.enqueue"))
            {
                outcome = await texts.SubmitAsync(step, call, token).ConfigureAwait(false);
                span?.SetTag(IvrTelemetry.Node, step.NodeId);
                span?.SetTag(IvrTelemetry.Outcome, TextOutcomes.Name(outcome));
            }

            telemetry.TextSubmitted(outcome);
            outcomes.Add(outcome.ToString());
            accepted[step] = outcome.IsAccepted();
        }

        diagnostics.Set("Text", string.Join(",", outcomes));
        return Render(turn.WithTextOutcomes(step => accepted[step]));
    }

    private static void Tag(Activity? span, IvrTurn turn)
    {
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(IvrTelemetry.Node, turn.NodeId);
            span.SetTag(IvrTelemetry.Outcome, turn.Outcome);
            span.SetTag("ivr.steps", turn.Steps.Count);
        }
    }

    private static string Describe(CallInput input) => input switch
    {
        DigitsInput d => "digits:" + (d.Value.Length > 32 ? d.Value[..32] + "…" : d.Value),
        SpeechInput s => "speech",
        NoInputReceived => "no-input",
        DialResultInput dial => "dial:" + dial.Outcome,
        RecordingResultInput r => "recording:" + r.DurationSeconds + "s",
        _ => "none",
    };
}
