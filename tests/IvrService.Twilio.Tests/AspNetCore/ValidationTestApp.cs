using System.Net;
using IvrService.Testing.Logging;
using IvrService.Twilio.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IvrService.Twilio.Tests.AspNetCore;

/// <summary>The three ways of guarding a webhook; each test app uses exactly one.</summary>
public enum GuardStyle
{
    Middleware,
    EndpointFilter,
    MvcAttribute,
}

/// <summary>
/// A TestServer app with webhooks under <c>/hook</c> guarded in one <see cref="GuardStyle"/>, an open
/// <c>/healthz</c>, and a test-only header <c>X-Test-Remote-Ip</c> that sets the peer address (TestServer has none).
/// </summary>
internal sealed class ValidationTestApp : IAsyncDisposable
{
    public const string Token = "primary-token-0123456789abcdef";
    public const string RemoteIpHeader = "X-Test-Remote-Ip";

    private ValidationTestApp(WebApplication app, InMemoryLoggerProvider logs)
    {
        App = app;
        Logs = logs;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public InMemoryLoggerProvider Logs { get; }

    public static WebApplication Build(GuardStyle style, string environment, IEnumerable<(string Key, string? Value)> settings, InMemoryLoggerProvider logs)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        builder.Services.AddTwilioRequestValidation();
        if (style == GuardStyle.MvcAttribute)
        {
            builder.Services.AddControllers().AddApplicationPart(typeof(HookController).Assembly);
        }

        var app = builder.Build();
        app.Use((context, next) =>
        {
            if (context.Request.Headers.TryGetValue(RemoteIpHeader, out var ip))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(ip.ToString());
            }

            return next(context);
        });

        app.MapGet("/healthz", () => "healthy");
        switch (style)
        {
            case GuardStyle.Middleware:
                app.UseTwilioRequestValidation("/hook");
                app.MapPost("/hook/voice", Echo);
                app.MapGet("/hook/voice", Echo);
                break;
            case GuardStyle.EndpointFilter:
                var hooks = app.MapGroup("/hook").ValidateTwilioRequest();
                hooks.MapPost("/voice", Echo);
                hooks.MapGet("/voice", Echo);
                break;
            case GuardStyle.MvcAttribute:
                app.MapControllers();
                break;
        }

        return app;
    }

    public static async Task<ValidationTestApp> StartAsync(
        GuardStyle style, params (string Key, string? Value)[] settings) =>
        await StartAsync(style, "Production", settings);

    public static async Task<ValidationTestApp> StartAsync(
        GuardStyle style, string environment, params (string Key, string? Value)[] settings)
    {
        var logs = new InMemoryLoggerProvider();
        var all = new List<(string, string?)> { ("Twilio:AuthToken", Token) };
        all.AddRange(settings);
        var app = Build(style, environment, all, logs);
        await app.StartAsync();
        return new ValidationTestApp(app, logs);
    }

    /// <summary>Answers what it could read after validation: the form's CallSid, or the raw body.</summary>
    internal static async Task<string> Echo(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            return "form:" + (await request.ReadFormAsync())["CallSid"];
        }

        using var reader = new StreamReader(request.Body);
        return "body:" + await reader.ReadToEndAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>The MVC form of the webhook; binds CallSid from the form to prove binding works after validation.</summary>
[ValidateTwilioRequest]
[Route("hook")]
public sealed class HookController : ControllerBase
{
    [HttpPost("voice")]
    public async Task<string> Voice([FromForm] string? callSid) =>
        Request.HasFormContentType ? "form:" + callSid : await ValidationTestApp.Echo(Request);

    [HttpGet("voice")]
    public Task<string> VoiceGet() => ValidationTestApp.Echo(Request);
}
