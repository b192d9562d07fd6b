using IvrService.Audio;
using IvrService.Audio.Local;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Serves prompt audio from the app itself in local mode: <c>UseLocalPromptAudio</c>.</summary>
public static class PromptAudioApplicationBuilderExtensions
{
    /// <summary>
    /// In local mode (no <c>Audio:Bucket</c>), serves <c>Audio:LocalPath</c> under <c>/audio/</c> with the shared
    /// file serving both apps use (<see cref="PromptAudioFileExtensions.UsePromptAudioFiles"/>). Does nothing in S3
    /// mode. Place it before the signature-validation middleware: Twilio's media fetches are not webhooks.
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
        return app.UsePromptAudioFiles(new PathString(LocalPromptAudioUrls.RequestPath), folder, options.CacheControl);
    }
}
