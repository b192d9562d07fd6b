using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IvrService.Cli.Tests.Simulator;

/// <summary>What the stand-in received.</summary>
public sealed record ReceivedRequest(
    string Method,
    string Path,
    string Url,
    IReadOnlyList<KeyValuePair<string, string>> Form,
    string? Signature,
    string? UserAgent,
    string? Authorization,
    IReadOnlyDictionary<string, string> Headers)
{
    public string? this[string name] => Form.FirstOrDefault(p => p.Key == name).Value;
}

/// <summary>
/// A tiny Kestrel app on a loopback port that answers scripted TwiML (or media, or failures) per path and records
/// every request, so the simulator is tested against real sockets.
/// </summary>
public sealed class TwimlStandIn : IAsyncDisposable
{
    public const string Xml = "application/xml; charset=utf-8";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, RequestDelegate> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();

    private TwimlStandIn(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public string Authority => $"{BaseUrl.Host}:{BaseUrl.Port}";

    public IReadOnlyList<ReceivedRequest> Received => _received.ToArray();

    public static async Task<TwimlStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        TwimlStandIn? standIn = null;
        app.Run(async context =>
        {
            var received = await ReadAsync(context.Request);
            standIn!._received.Enqueue(received);
            if (standIn._routes.TryGetValue(context.Request.Path.Value ?? "/", out var handler))
            {
                await handler(context);
            }
            else
            {
                context.Response.StatusCode = 404;
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        standIn = new TwimlStandIn(app, new Uri(address.TrimEnd('/') + "/"));
        return standIn;
    }

    public Uri Url(string pathAndQuery) => new(BaseUrl, pathAndQuery.TrimStart('/'));

    public void Route(string path, RequestDelegate handler) => _routes[path] = handler;

    /// <summary>Answers <paramref name="path"/> with <c>&lt;Response&gt;{inner}&lt;/Response&gt;</c>.</summary>
    public void Twiml(string path, string inner, string contentType = Xml, int status = 200, TimeSpan? delay = null) =>
        Raw(path, $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>{inner}</Response>", contentType, status, delay);

    public void Raw(string path, string body, string? contentType = Xml, int status = 200, TimeSpan? delay = null) =>
        Route(path, async context =>
        {
            if (delay is { } wait)
            {
                await Task.Delay(wait, context.RequestAborted);
            }

            context.Response.StatusCode = status;
            if (contentType is not null)
            {
                context.Response.ContentType = contentType;
            }

            await context.Response.WriteAsync(body, context.RequestAborted);
        });

    public IReadOnlyList<ReceivedRequest> To(string path) => Received.Where(r => r.Path == path).ToArray();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<ReceivedRequest> ReadAsync(HttpRequest request)
    {
        var form = new List<KeyValuePair<string, string>>();
        if (request.HasFormContentType)
        {
            foreach (var (key, values) in await request.ReadFormAsync())
            {
                form.AddRange(values.Select(v => new KeyValuePair<string, string>(key, v ?? "")));
            }
        }

        var url = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}";
        return new ReceivedRequest(
            request.Method,
            request.Path.Value ?? "/",
            url,
            form,
            request.Headers["X-Twilio-Signature"].FirstOrDefault(),
            request.Headers.UserAgent.FirstOrDefault(),
            request.Headers.Authorization.FirstOrDefault(),
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
    }
}
