using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace IvrService.Twilio.Webhooks;

/// <summary>Reads a webhook's parameters: the form body of a POST, or the query string of a GET.</summary>
internal static class WebhookForms
{
    /// <summary>The parameters, or null (logged) when the body claims to be a form but cannot be read as one.</summary>
    public static async Task<IFormCollection?> ReadAsync(HttpContext context, string modelName)
    {
        var request = context.Request;
        if (!request.HasFormContentType)
        {
            var query = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in request.Query)
            {
                query[key] = value;
            }

            return new FormCollection(query);
        }

        try
        {
            return await request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            // A body that is not a form at all (or over the form limits) is the one case that fails binding.
            context.RequestServices?.GetService<ILoggerFactory>()
                ?.CreateLogger(typeof(WebhookForms).FullName!)
                .LogWarning(ex, "Twilio webhook body for {ModelType} could not be read as a form", modelName);
            return null;
        }
    }
}
