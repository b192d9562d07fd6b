using IvrService.Twilio.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;

namespace IvrService.Twilio.AspNetCore;

/// <summary>
/// MVC filter: the action (or every action of the controller) answers only requests signed by Twilio; others get
/// 403 (413/408/400 for an oversized, too slow or unreadable body) and a logged reason. Runs as an authorization filter, before model binding.
/// As a resource filter it then makes the webhook span current around binding, the action and its result (an
/// authorization filter's own frame has returned by then, and an async local set there would not reach them).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class ValidateTwilioRequestAttribute : Attribute, IAsyncAuthorizationFilter, IAsyncResourceFilter
{
    /// <inheritdoc />
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var validator = context.HttpContext.RequestServices.GetRequiredService<TwilioRequestValidator>();
        var outcome = await validator.ValidateAsync(context.HttpContext).ConfigureAwait(false);
        if (!outcome.IsValid)
        {
            context.Result = new StatusCodeResult(outcome.StatusCode);
        }
    }

    /// <inheritdoc />
    public Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        TwilioWebhookActivity.Enter(context.HttpContext);
        return next();
    }
}
