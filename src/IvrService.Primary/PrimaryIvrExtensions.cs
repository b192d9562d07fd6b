using IvrService.Audio.Preflight;
using IvrService.Flow;
using IvrService.Hosting;
using IvrService.Hosting.Twiml;
using IvrService.Primary.Flows;
using IvrService.Primary.Rendering;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>The primary app's services and pipeline, so Program.cs stays a table of contents.</summary>
public static class PrimaryIvrExtensions
{
    /// <summary>Flow (loaded and validated at start-up), engine, prompt audio, signature validation, controllers.</summary>
    public static WebApplicationBuilder AddPrimaryIvr(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.TryAddSingleton(TimeProvider.System);
        services.AddTwilioRequestValidation();
        services.AddPromptAudio(builder.Configuration);

        services.AddOptions<FlowOptions>()
            .BindConfiguration(FlowOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(LoadFlow);
        services.AddSingleton(sp => new FlowEngine(sp.GetRequiredService<FlowDefinition>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new SmsResponder(sp.GetRequiredService<FlowDefinition>()));
        services.AddSingleton<IPromptVerbs, AudioPromptVerbs>();
        services.AddSingleton(sp => new VoiceTwimlRenderer(sp.GetRequiredService<IPromptVerbs>()));
        services.AddSingleton<IPromptAudioKeySource>(sp =>
        {
            var flow = sp.GetRequiredService<FlowDefinition>();
            return new DelegatePromptAudioKeySource(() => flow.EnumeratePromptAudio().Select(p => p.AudioKey).Distinct(StringComparer.Ordinal));
        });
        // Registered before the audio preflight so a broken flow is reported first.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, FlowStartupCheck>());

        services.AddControllers().AddTwilioWebhooks();
        return builder;
    }

    /// <summary>Serves the prompts itself when no bucket is configured (Twilio's media fetches are not signed).</summary>
    public static WebApplication UsePrimaryIvr(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseLocalPromptAudio();
        return app;
    }

    private static FlowDefinition LoadFlow(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<FlowOptions>>().Value;
        var environment = services.GetRequiredService<IHostEnvironment>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("IvrService.Primary.Flow");
        var path = ContentPath.Resolve(options.Path, environment.ContentRootPath);

        var result = FlowLoader.Load(path);
        foreach (var warning in result.Problems.Where(p => p.Severity != FlowProblemSeverity.Error))
        {
            logger.LogWarning("Flow {FlowPath}: {Problem}", path, warning.ToString());
        }

        if (!result.IsValid)
        {
            throw new FlowLoadException(path, result.Problems);
        }

        return result.Flow!;
    }
}
