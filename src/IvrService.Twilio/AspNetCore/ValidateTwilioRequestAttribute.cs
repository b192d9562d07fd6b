using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;

namespace IvrService.Twilio.AspNetCore;

/// <summary>
/// MVC filter: the action (or every action of the controller) answers only requests signed by Twilio; others get
/// 403 (413/408/400 for an oversized, too slow or unreadable body) and a logged reason. Runs as an authorization filter, before model binding.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class ValidateTwilioRequestAttribute : Attribute, IAsyncAuthorizationFilter
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
}
