using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using IvrService.Hosting.Logging;
using IvrService.Twilio.AspNetCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace IvrService.Hosting.Tests;

public class IvrServiceDefaultsExtensionsTests
{
    private static WebApplication BuildApp(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        builder.AddIvrServiceDefaults();
        var app = builder.Build();
        app.UseIvrServiceDefaults();
        app.MapIvrServiceDefaults();
        app.MapPost("/echo", () => "ok");
        return app;
    }

    [Fact]
    public async Task Healthz_NoSignature_Returns200()
    {
        await using var app = BuildApp();
        await app.StartAsync();

        var response = await app.GetTestClient().GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Start_BodyLimitOutOfRange_FailsNamingTheSetting()
    {
        await using var app = BuildApp(("Hosting:MaxRequestBodyBytes", "12"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("MaxRequestBodyBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddIvrServiceDefaults_LooserSignatureCheckLimits_CappedAtTheServersLimits()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration["Hosting:MaxRequestBodyBytes"] = "32768";
        builder.Configuration["Hosting:MaxFormFields"] = "100";
        builder.Configuration["Twilio:RequestValidation:MaxBodyBytes"] = "1048576";
        builder.Configuration["Twilio:AuthToken"] = "token";
        builder.AddIvrServiceDefaults();
        builder.Services.AddTwilioRequestValidation();
        using var services = builder.Services.BuildServiceProvider();

        var validation = services.GetRequiredService<IOptions<TwilioOptions>>().Value.RequestValidation;

        Assert.Equal(32768, validation.MaxBodyBytes);
        Assert.Equal(100, validation.MaxFormFields);
    }

    [Fact]
    public void Logging_KestrelBadRequests_LetThroughAtDebugWhileTheRestOfAspNetCoreStaysAtWarning()
    {
        var sink = new CapturingSink();
        var configuration = new ConfigurationBuilder().Build();
        var environment = new HostingEnvironment { EnvironmentName = "Production", ApplicationName = "test" };
        var services = new ServiceCollection().AddSingleton<ILogEventSink>(sink).BuildServiceProvider();
        var config = new LoggerConfiguration();
        IvrLogging.Configure(config, services, configuration, environment);
        using var logger = config.CreateLogger();

        logger.ForContext(Constants.SourceContextPropertyName, IvrLogging.KestrelBadRequestsCategory).Debug("bad request data");
        logger.ForContext(Constants.SourceContextPropertyName, "Microsoft.AspNetCore.Routing").Information("chatter");

        var only = Assert.Single(sink.Events);
        Assert.Equal("bad request data", only.MessageTemplate.Text);
    }

    private sealed class CapturingSink : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }
}
