using IvrService.Fallback.Diagnostics;
using IvrService.Fallback.Flows;
using IvrService.Hosting.Logging;
using IvrService.Twilio.AspNetCore;
using IvrService.Twilio.TwiML;
using IvrService.Twilio.Webhooks;
using Microsoft.Extensions.Options;
using Serilog;

namespace IvrService.Fallback.Messaging;

/// <summary>
/// The SMS Fallback URL: one short reply (the flow's keyword or default reply when the flow loaded, otherwise
/// <c>Fallback:SmsText</c>), nothing for carrier opt-out keywords, which Twilio answers itself.
/// </summary>
public sealed class FallbackSms(
    FallbackFlow flow,
    FallbackMetrics metrics,
    IOptions<FallbackOptions> options,
    IDiagnosticContext diagnostics,
    ILogger<FallbackSms> logger)
{
    /// <summary>The fallback's Messaging fallback URL path.</summary>
    public const string SmsPath = "/fallback/sms";

    /// <summary>Logs, counts and answers one fallback message.</summary>
    public async Task<IResult> IncomingAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (await WebhookForms.ReadAsync(http).ConfigureAwait(false) is not { } form)
        {
            return TypedResults.BadRequest();
        }

        var message = SmsFallbackRequest.FromForm(form);
        var error = message.Error;
        var errorUrl = ErrorUrlInfo.Parse(message.ErrorUrl, options.Value.PrimaryHosts);

        var reply = flow.Sms?.Reply(message.Body);
        string decision;
        string? text;
        if (reply is { Outcome: "opt-out" })
        {
            (decision, text) = ("no-reply", null);
        }
        else if (reply?.Text is { Length: > 0 } flowText)
        {
            (decision, text) = ("flow-" + reply.Outcome, flowText);
        }
        else
        {
            (decision, text) = ("fixed-text", options.Value.SmsText);
        }

        diagnostics.Set("ErrorCode", error.Code);
        diagnostics.Set("ErrorFamily", error.Family.ToString());
        diagnostics.Set("Decision", decision);
        FallbackTelemetry.HandOver(http, metrics, "sms", error, decision);
        FallbackLog.Sms(logger, decision, flow.Sms is null ? "flow unavailable" : "flow loaded", error.Code, error.Name,
            error.Family.ToString(), errorUrl.ForLog, Cut(message.MessageSid), PhoneNumberMask.Mask(Cut(message.From)));

        var response = new MessagingResponse();
        if (text is not null)
        {
            response.Message(text);
        }

        return new TwiMLResult(response);
    }

    private static string? Cut(string? value) => value is { Length: > 64 } ? value[..64] + "…" : value;
}
