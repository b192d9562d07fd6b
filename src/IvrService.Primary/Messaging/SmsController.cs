using IvrService.Flow;
using IvrService.Twilio.AspNetCore;
using IvrService.Twilio.TwiML;
using IvrService.Twilio.Webhooks;
using Microsoft.AspNetCore.Mvc;
using Serilog;

namespace IvrService.Primary.Messaging;

/// <summary>The number's Messaging URL: keyword replies from the flow's SMS section.</summary>
[ValidateTwilioRequest]
public sealed class SmsController(SmsResponder responder, IDiagnosticContext diagnostics) : ControllerBase
{
    /// <summary>An incoming message: reply by keyword, or the default reply; no reply is an empty Response.</summary>
    [AcceptVerbs("GET", "POST", Route = "/sms")]
    public IActionResult Incoming([FromForm] SmsRequest message)
    {
        var reply = responder.Reply(message.Body);
        diagnostics.Set("Keyword", reply.Keyword);
        diagnostics.Set("Outcome", reply.Outcome);

        var response = new MessagingResponse();
        if (!string.IsNullOrEmpty(reply.Text))
        {
            response.Message(reply.Text);
        }

        return new TwiMLResult(response);
    }
}
