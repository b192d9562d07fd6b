using IvrService.Voice.Audio;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Serving prompt recordings from a folder, the way Twilio's media fetchers need them.</summary>
public static class PromptAudioFileExtensions
{
    /// <summary>
    /// Serves <paramref name="folder"/> under <paramref name="requestPath"/>: GET and HEAD, audio Content-Types only
    /// (<see cref="PromptAudioContentTypes"/>), ETag/Last-Modified and <paramref name="cacheControl"/>, no directory
    /// listing, nothing outside the folder. A missing folder serves nothing (404s) rather than failing start-up.
    /// Place it before the signature-validation middleware: Twilio's media fetches are not webhooks.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <param name="requestPath">For example <c>/audio</c> or <c>/fallback/audio</c>.</param>
    /// <param name="folder">Absolute folder whose files are served.</param>
    /// <param name="cacheControl">Cache-Control of every response, e.g. <c>public, max-age=86400</c>.</param>
    public static IApplicationBuilder UsePromptAudioFiles(this IApplicationBuilder app, PathString requestPath, string folder, string cacheControl)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentException.ThrowIfNullOrWhiteSpace(cacheControl);
        IFileProvider files = Directory.Exists(folder) ? new PhysicalFileProvider(folder) : new NullFileProvider();
        var contentTypes = new FileExtensionContentTypeProvider(new Dictionary<string, string>(PromptAudioContentTypes.Map, StringComparer.OrdinalIgnoreCase));
        return app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = requestPath,
            FileProvider = files,
            ContentTypeProvider = contentTypes,
            ServeUnknownFileTypes = false,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = cacheControl,
        });
    }
}
