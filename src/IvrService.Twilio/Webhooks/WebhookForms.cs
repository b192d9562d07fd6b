using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace IvrService.Twilio.Webhooks;

/// <summary>
/// Reads a webhook's parameters the way Twilio sends them: the <c>application/x-www-form-urlencoded</c> body of a
/// POST, otherwise the query string (a GET webhook, or a body Twilio never sends for voice and messaging: JSON,
/// multipart, text). The models' <c>BindAsync</c>, the MVC binder and handlers that need the raw parameters share it.
/// </summary>
public static class WebhookForms
{
    /// <summary>
    /// The parameters, or null (logged with the reason) when a form body cannot be read: malformed, over the form
    /// limits, too large or cut short. Never throws on content.
    /// </summary>
    /// <param name="context">The request's context.</param>
    /// <returns>The parameters, or null for an unreadable form body.</returns>
    public static Task<IFormCollection?> ReadAsync(HttpContext context) => ReadAsync(context, "webhook");

    internal static async Task<IFormCollection?> ReadAsync(HttpContext context, string modelName)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;

        // Only url-encoded bodies are parameters: multipart is form content to ASP.NET Core but never Twilio's, and
        // reading an arbitrary multipart body (one a bodySHA256 signature vouches for) could fail half-way.
        if (!IsUrlEncodedForm(request))
        {
            if (MayHaveBody(request))
            {
                LogBodyIgnored(context, modelName, request.ContentType);
            }

            return FromQuery(request);
        }

        try
        {
            return await request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            // Over the form limits (field count, key or value length).
            LogUnreadable(context, modelName, ex);
            return null;
        }
        catch (IOException ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            // BadHttpRequestException: a body over the server's size limit, sent too slowly, or cut short.
            LogUnreadable(context, modelName, ex);
            return null;
        }
    }

    /// <summary>
    /// Whether the body is a url-encoded form by its media type, parsed the way <c>ReadFormAsync</c> parses it (a mere
    /// prefix such as <c>application/x-www-form-urlencodedX</c> would make <c>ReadFormAsync</c> throw).
    /// </summary>
    /// <summary>The query's parameters as a form: what a webhook carries when it has no url-encoded body.</summary>
    internal static FormCollection FromQuery(HttpRequest request)
    {
        var query = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in request.Query)
        {
            query[key] = value;
        }

        return new FormCollection(query);
    }

    /// <summary>True when the request may carry a body: a length, chunked transfer, or a protocol that says so.</summary>
    /// <summary>
    /// A parameter of a request whose form was already read (by the signature check or binding), else of its query (a
    /// GET webhook); null when neither has it. Never reads the body.
    /// </summary>
    internal static string? Find(HttpContext context, string name)
    {
        if (context.Features.Get<IFormFeature>()?.Form is { } form && form.TryGetValue(name, out var fromForm))
        {
            return fromForm.ToString();
        }

        return context.Request.Query.TryGetValue(name, out var fromQuery) ? fromQuery.ToString() : null;
    }

    internal static bool MayHaveBody(HttpRequest request) =>
        request.ContentLength > 0
        || (request.ContentLength is null
            && (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true
                || request.Headers.TransferEncoding.Count > 0));

    internal static bool IsUrlEncodedForm(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    private static void LogBodyIgnored(HttpContext context, string modelName, string? contentType) =>
        context.RequestServices?.GetService<ILoggerFactory>()
            ?.CreateLogger(typeof(WebhookForms).FullName!)
            .LogWarning(
                "Twilio webhook body for {ModelType} ignored: {ContentType} is not a url-encoded form; parameters read from the query only",
                modelName,
                string.IsNullOrEmpty(contentType) ? "no Content-Type"
                : contentType.Length > 100 ? contentType[..100] + "…" : contentType);

    private static void LogUnreadable(HttpContext context, string modelName, Exception ex) =>
        context.RequestServices?.GetService<ILoggerFactory>()
            ?.CreateLogger(typeof(WebhookForms).FullName!)
            .LogWarning(ex, "Twilio webhook body for {ModelType} could not be read as a form: {Reason}", modelName, ex.Message);
}
