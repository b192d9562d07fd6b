using IvrService.Audio.Preflight;
using IvrService.Flow;
using IvrService.Hosting;
using IvrService.Voice.Agents;
using IvrService.Primary.Diagnostics;
using IvrService.Primary.Flows;
using IvrService.Primary.Messaging;
using IvrService.Primary.Rendering;
using IvrService.Primary.State;
using IvrService.Voice.Messaging;
using IvrService.Voice.Rendering;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
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
        services.AddSingleton(sp => new FlowEngine(sp.GetRequiredService<FlowDefinition>(), sp.GetRequiredService<FlowClock>()));
        services.AddSingleton(sp => new SmsResponder(sp.GetRequiredService<FlowDefinition>()));
        services.AddOptions<AgentOptions>()
            .BindConfiguration(AgentOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IPromptVerbs, AudioPromptVerbs>();
        services.AddSingleton(sp => new VoiceTwimlRenderer(sp.GetRequiredService<IPromptVerbs>()));
        services.AddSingleton<IPromptAudioKeySource>(sp =>
        {
            var flow = sp.GetRequiredService<FlowDefinition>();
            return new DelegatePromptAudioKeySource(() => flow.EnumeratePromptAudio().Select(p => p.AudioKey).Distinct(StringComparer.Ordinal));
        });
        // Registered before the audio preflight so a broken flow is reported first.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, FlowStartupCheck>());
        AddTextMessaging(services);

        // MVC core, not AddControllers(): webhooks are authenticated by their signature (a filter), so the
        // authorization services, which make the host add authentication and authorization middleware to every
        // request (about 2 % of a webhook's CPU), CORS and the API explorer would be paid for and never used.
        services.AddMvcCore().AddTwilioWebhooks();
        return builder;
    }

    /// <summary>Serves the prompts itself when no bucket is configured (Twilio's media fetches are not signed).</summary>
    public static WebApplication UsePrimaryIvr(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseLocalPromptAudio();
        // The built-in agent's ConversationRelay sessions (AgentController), on its route only so webhooks do not pay
        // for the middleware; Kestrel's pings keep idle proxies open.
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(IvrService.Voice.VoiceRoutes.Agent, StringComparison.OrdinalIgnoreCase),
            agent => agent.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) }));
        return app;
    }

    // The flow's text steps: a queue the webhook writes to (in memory, or in Redis shared by the replicas) and a
    // background sender.
    private static void AddTextMessaging(IServiceCollection services)
    {
        services.AddOptions<StateOptions>()
            .BindConfiguration(StateOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StateOptions>, StateOptionsValidator>();
        // Chosen when first resolved (the sender starts with the app), so every configuration source counts.
        services.AddSingleton<RedisState>();
        services.AddSingleton<RedisTextStore>();
        services.AddSingleton<MemoryTextStore>();
        services.AddSingleton<ITextStore>(sp => sp.GetRequiredService<IOptions<StateOptions>>().Value.UsesRedis
            ? sp.GetRequiredService<RedisTextStore>()
            : sp.GetRequiredService<MemoryTextStore>());
        services.AddHealthChecks().AddCheck<SharedStateHealthCheck>("state", HealthStatus.Degraded);
        services.AddHostedService<SharedStateStartup>();


        services.AddOptions<MessagingOptions>()
            .BindConfiguration(MessagingOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MessagingOptions>, MessagingOptionsValidator>();
        services.TryAddSingleton(TextJitter.Random);
        services.AddSingleton<TextDeduplicator>();
        services.AddSingleton<SenderPacing>();
        services.AddSingleton(sp => new TextOutbox(
            sp.GetRequiredService<IOptions<MessagingOptions>>(),
            sp.GetRequiredService<IOptions<IvrService.Twilio.AspNetCore.TwilioOptions>>(),
            sp.GetRequiredService<ITextStore>(),
            sp.GetRequiredService<ILogger<TextOutbox>>()));
        services.AddHttpClient(TextSenderService.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton(sp => new PrimaryTelemetry(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), sp.GetRequiredService<ITextStore>()));
        services.AddHostedService<TextSenderService>();
    }

    private static FlowDefinition LoadFlow(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<FlowOptions>>().Value;
        var environment = services.GetRequiredService<IHostEnvironment>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("IvrService.Primary.Flow");
        var path = ContentPath.Resolve(options.Path, environment.ContentRootPath);

        var result = FlowLoader.Load(path);
        // Texts over the segment budget stop start-up like any other flow error; accidental UCS-2 is a warning.
        IReadOnlyList<FlowProblem> problems = result.Flow is { } parsed ? [.. result.Problems, .. FlowTextAudit.Audit(parsed).Problems] : result.Problems;
        foreach (var warning in problems.Where(p => p.Severity != FlowProblemSeverity.Error))
        {
            logger.LogWarning("Flow {FlowPath}: {Problem}", path, warning.ToString());
        }

        if (result.Flow is null || problems.HasErrors())
        {
            throw new FlowLoadException(path, problems);
        }

        return result.Flow!;
    }
}
