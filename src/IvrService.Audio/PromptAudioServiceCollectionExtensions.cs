using Amazon.Runtime;
using IvrService.Audio;
using IvrService.Audio.Local;
using IvrService.Audio.Preflight;
using IvrService.Audio.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers prompt audio: <c>AddPromptAudio</c>.</summary>
public static class PromptAudioServiceCollectionExtensions
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
        services.AddMetrics();
        services.TryAddSingleton(sp =>
        {
            var urls = CreateUrls(sp);
            PromptUrlCacheStatistics.Observe(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), urls);
            return urls;
        });
        services.AddHttpClient(AudioPreflightService.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddHostedService<AudioPreflightService>();
        return services;
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
