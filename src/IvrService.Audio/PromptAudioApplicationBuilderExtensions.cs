using IvrService.Audio;
using IvrService.Audio.Local;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Serves prompt audio from the app itself in local mode: <c>UseLocalPromptAudio</c>.</summary>
public static class PromptAudioApplicationBuilderExtensions
{
    /// <summary>
    /// In local mode (no <c>Audio:Bucket</c>), serves <c>Audio:LocalPath</c> under <c>/audio/</c>: GET and HEAD, audio
    /// Content-Types only, ETag/Last-Modified and Cache-Control, no directory listing, nothing outside the folder.
    /// Does nothing in S3 mode. Place it before the signature-validation middleware: Twilio's media fetches are not webhooks.
    /// </summary>
    public static IApplicationBuilder UseLocalPromptAudio(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.ApplicationServices.GetRequiredService<IOptions<AudioOptions>>().Value;
        if (options.UsesS3)
        {
            return app;
        }

        var environment = app.ApplicationServices.GetRequiredService<IHostEnvironment>();
        var folder = LocalPromptAudioFolder.Resolve(options, environment.ContentRootPath);
        IFileProvider files = Directory.Exists(folder) ? new PhysicalFileProvider(folder) : new NullFileProvider();

        var contentTypes = new FileExtensionContentTypeProvider(new Dictionary<string, string>(AudioContentTypes.Map, StringComparer.OrdinalIgnoreCase));
        var cacheControl = options.CacheControl;
        return app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = new PathString(LocalPromptAudioUrls.RequestPath),
            FileProvider = files,
            ContentTypeProvider = contentTypes,
            ServeUnknownFileTypes = false,
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = cacheControl,
        });
    }
}
