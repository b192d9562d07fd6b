using Amazon.Runtime;
using IvrService.Audio.Local;
using IvrService.Audio.Preflight;
using IvrService.Audio.S3;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrService.Audio;

/// <summary>Registration of prompt audio: one <c>Add</c> for services, one <c>Use</c> for local serving.</summary>
public static class PromptAudioExtensions
{
    /// <summary>
    /// Binds and validates <see cref="AudioOptions"/> (section <c>Audio</c>) and registers <see cref="IPromptAudioUrls"/>:
    /// S3 public or presigned URLs when <c>Audio:Bucket</c> is set, otherwise URLs into the app's own <c>/audio/</c>.
    /// Also registers the start-up log and preflight. Register an <see cref="IPromptAudioKeySource"/> so the
    /// preflight checks the flow's prompts.
    /// </summary>
    public static IServiceCollection AddPromptAudio(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<AudioOptions>()
            .Bind(configuration.GetSection(AudioOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AudioOptions>, AudioOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new AudioCredentials(sp.GetService<AWSCredentials>()));
        services.TryAddSingleton(sp => LoadManifest(sp.GetRequiredService<IOptions<AudioOptions>>().Value, sp.GetRequiredService<IHostEnvironment>()));
        services.TryAddSingleton(CreateUrls);
        services.AddHttpClient(AudioPreflightService.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddHostedService<AudioPreflightService>();
        return services;
    }

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
        return app.UsePromptAudioFiles(new PathString(LocalPromptAudioUrls.RequestPath), folder, options.CacheControl);
    }

    private static AudioManifest LoadManifest(AudioOptions options, IHostEnvironment environment)
        => string.IsNullOrWhiteSpace(options.ManifestPath)
            ? AudioManifest.Empty
            : AudioManifest.Load(Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.ManifestPath)));

    private static IPromptAudioUrls CreateUrls(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<AudioOptions>>().Value;
        if (!options.UsesS3)
        {
            return new LocalPromptAudioUrls();
        }

        var manifest = services.GetRequiredService<AudioManifest>();
        if (options.UrlMode == AudioUrlMode.Public)
        {
            return new S3PromptAudioUrls(options, manifest);
        }

        var credentials = services.GetRequiredService<AudioCredentials>();
        return new PresignedS3PromptAudioUrls(
            options,
            credentials.GetSigning,
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILoggerFactory>().CreateLogger<PresignedS3PromptAudioUrls>(),
            manifest);
    }
}
