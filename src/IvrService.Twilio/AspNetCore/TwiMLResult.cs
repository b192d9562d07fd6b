using IvrService.Twilio.TwiML;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IvrService.Twilio.AspNetCore;

/// <summary>
/// Writes a TwiML document as <c>application/xml; charset=utf-8</c> with a Content-Length. Works as an MVC
/// <see cref="IActionResult"/> and as a minimal-API <see cref="IResult"/>. A null or empty response writes an empty
/// <c>&lt;Response /&gt;</c> (the right answer to status callbacks).
/// </summary>
/// <param name="response">The document, or null for an empty one.</param>
public sealed class TwiMLResult(TwiMLResponse? response) : IActionResult, IResult, IContentTypeHttpResult, IStatusCodeHttpResult
{
    /// <summary>The Content-Type every TwiML answer carries.</summary>
    public const string TwiMLContentType = "application/xml; charset=utf-8";

    private static readonly VoiceResponse Empty = new();

    /// <summary>An empty result (<c>&lt;Response /&gt;</c>).</summary>
    public TwiMLResult()
        : this(null)
    {
    }

    /// <summary>The document to write, or null.</summary>
    public TwiMLResponse? Response { get; } = response;

    /// <inheritdoc />
    public string ContentType => TwiMLContentType;

    /// <inheritdoc />
    public int? StatusCode => StatusCodes.Status200OK;

    /// <inheritdoc />
    public Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ExecuteAsync(context.HttpContext);
    }

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);

        // Render first, then send: the length is known (no chunked encoding) and Kestrel never sees synchronous I/O.
        using var buffer = new PooledBufferWriter();
        (Response ?? Empty).WriteTo(buffer);

        var http = httpContext.Response;
        http.StatusCode = StatusCodes.Status200OK;
        http.ContentType = TwiMLContentType;
        http.ContentLength = buffer.WrittenMemory.Length;
        await http.Body.WriteAsync(buffer.WrittenMemory, httpContext.RequestAborted).ConfigureAwait(false);
    }
}
