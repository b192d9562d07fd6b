using IvrService.Twilio.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace IvrService.Twilio.AspNetCore;

/// <summary>Validates requests under the webhook path prefixes; everything else (e.g. <c>/healthz</c>) passes untouched.</summary>
internal sealed class TwilioRequestValidationMiddleware(RequestDelegate next, TwilioRequestValidator validator, PathString[] prefixes)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!prefixes.Any(p => context.Request.Path.StartsWithSegments(p)))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var outcome = await validator.ValidateAsync(context).ConfigureAwait(false);
        if (!outcome.IsValid)
        {
            context.Response.StatusCode = outcome.StatusCode;
            return;
        }

        TwilioWebhookActivity.Enter(context);
        await next(context).ConfigureAwait(false);
    }
}
