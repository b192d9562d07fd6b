using IvrService.Flow;
using IvrService.Twilio.Diagnostics;
using IvrService.Twilio.Errors;

namespace IvrService.Fallback.Diagnostics;

/// <summary>What a fallback webhook adds to its span and to the webhook histogram's outcome.</summary>
internal static class FallbackTelemetry
{
    /// <summary>
    /// A hand-over from Twilio: counted by <paramref name="metrics"/>, and its error and the decision on the webhook's
    /// span (the decision is the histogram's outcome).
    /// </summary>
    public static void HandOver(HttpContext http, FallbackMetrics metrics, string channel, TwilioError error, string decision)
    {
        metrics.Count(channel, error, decision);
        if (TwilioWebhookActivity.Of(http) is not { } webhook)
        {
            return;
        }

        webhook.Outcome = decision;
        webhook.SetTag(IvrTelemetry.ErrorCode, error.Code);
        webhook.SetTag(IvrTelemetry.ErrorFamily, error.Family.ToString());
        webhook.SetTag(IvrTelemetry.Decision, decision);
    }

    /// <summary>The turn the fallback answered with.</summary>
    public static void Turn(HttpContext http, IvrTurn turn, string? decision = null)
    {
        if (TwilioWebhookActivity.Of(http) is not { } webhook)
        {
            return;
        }

        webhook.Outcome ??= decision ?? turn.Outcome;
        webhook.SetTag(IvrTelemetry.Node, turn.NodeId);
        webhook.SetTag(IvrTelemetry.Outcome, turn.Outcome);
    }

    /// <summary>A callback of the fallback's own TwiML that is not a flow turn (a last-resort stage, the apology).</summary>
    public static void Decision(HttpContext http, string decision)
    {
        if (TwilioWebhookActivity.Of(http) is { } webhook)
        {
            webhook.Outcome = decision;
            webhook.SetTag(IvrTelemetry.Decision, decision);
        }
    }
}
