using System.Net;
using System.Text;
using System.Text.Json;
using IvrService.Cli.Simulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IvrService.Cli.Phone;

/// <summary>
/// The dev phone's web server: Kestrel on 127.0.0.1 only, the page and its assets from the CLI itself, a small JSON
/// API for the caller's actions, Server-Sent Events for the transcript and <c>/media</c> for the prompt audio the
/// simulator fetched. Requests naming another host (DNS rebinding) or posted from another origin are refused.
/// </summary>
internal sealed class PhoneServer : IAsyncDisposable
{
    // Mermaid writes <style> into its SVG, hence 'unsafe-inline' for styles only; everything comes from this server.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; media-src 'self'; connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private readonly WebApplication _app;
    private readonly PhoneHub _hub;

    private PhoneServer(WebApplication app, PhoneHub hub)
    {
        _app = app;
        _hub = hub;
    }

    /// <summary>The page's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; private set; } = null!;

    public PhoneHub Hub => _hub;

    /// <summary>
    /// Cancelled when the host stops by itself: its console lifetime turns SIGTERM (docker stop, kill) and Ctrl+C
    /// into a stop, which the command must follow.
    /// </summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <summary>Starts the server on 127.0.0.1:<paramref name="port"/> (0 = any free port).</summary>
    public static async Task<PhoneServer> StartAsync(PhoneHub hub, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hub);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = "ivr-phone",
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, PhoneJsonContext.Default));
        builder.Services.AddSingleton(hub);
        var app = builder.Build();
        var server = new PhoneServer(app, hub);
        server.Map();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Address = new Uri(new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)), "/");
        return server;
    }

    private void Map()
    {
        _app.Use(GuardAsync);

        _app.MapGet("/", () => Asset("index.html"));
        _app.MapGet("/phone.js", () => Asset("phone.js"));
        _app.MapGet("/phone.css", () => Asset("phone.css"));
        _app.MapGet("/vendor/{name}", (string name) => Asset("vendor/" + name));
        _app.MapGet("/healthz", () => Results.Text("ok"));

        _app.MapGet("/api/state", () => Results.Json(State(), PhoneJsonContext.Default.PhoneState));
        _app.MapGet("/api/events", StreamEventsAsync);
        _app.MapPost("/api/call", () => _hub.StartCall() is { } callSid
            ? Results.Json(new PhoneCallStarted(callSid), PhoneJsonContext.Default.PhoneCallStarted, statusCode: StatusCodes.Status202Accepted)
            : Problem(StatusCodes.Status409Conflict, "A call is already going on; hang up first."));
        _app.MapPost("/api/hangup", () => _hub.HangUp() ? Results.NoContent() : Problem(StatusCodes.Status409Conflict, "There is no call to hang up."));
        _app.MapPost("/api/input", (PhoneInputRequest request) =>
        {
            CallerAction action;
            if (request.Timeout)
            {
                action = CallerAction.Timeout;
            }
            else if (request.Speech is { Length: > 0 and <= 500 } speech && !speech.Any(char.IsControl))
            {
                // Typed words: what the caller says to a menu listening for speech, or to an agent (a prompt message).
                action = new CallerAction(CallerActionKind.Speech, speech.Trim());
            }
            else if (request.Digits is { Length: > 0 and <= 64 } digits && CallerAction.TryParse(digits, out var parsed, out _) && parsed.Kind == CallerActionKind.Digits)
            {
                action = parsed;
            }
            else
            {
                return Problem(StatusCodes.Status400BadRequest, "Send {\"digits\": \"0-9 * #\"}, {\"speech\": \"words\"} (up to 500 characters) or {\"timeout\": true}.");
            }

            return _hub.Submit(action) ? Results.NoContent() : Problem(StatusCodes.Status409Conflict, "Nothing is listening for keys right now.");
        });
        _app.MapPost("/api/scenario", (PhoneScenarioRequest request) =>
        {
            if (request.Name is not { Length: > 0 and <= 120 } name || name.Any(char.IsControl))
            {
                return Problem(StatusCodes.Status400BadRequest, "Send {\"name\": \"what the call shows\"} (1-120 characters).");
            }

            if (_hub.Settings.TestsPath is not { } path)
            {
                return Problem(StatusCodes.Status409Conflict, "The phone has no scenario file.");
            }

            var problems = _hub.SaveScenario(name.Trim(), path);
            return problems.Count == 0
                ? Results.Json(new PhoneScenarioSaved(name.Trim(), path), PhoneJsonContext.Default.PhoneScenarioSaved, statusCode: StatusCodes.Status201Created)
                : Problem(StatusCodes.Status409Conflict, string.Join("\n", problems));
        });
        _app.MapPost("/api/failure", (PhoneFailureRequest request) =>
        {
            if (!Enum.IsDefined(request.Mode))
            {
                return Problem(StatusCodes.Status400BadRequest, "Unknown failure mode.");
            }

            _hub.SetFailure(request.Mode);
            return Results.NoContent();
        });
        _app.MapGet("/media", (string? url) =>
        {
            if (url is null || !_hub.Media.TryGet(url, out var body))
            {
                return Problem(StatusCodes.Status404NotFound, "Only prompts the simulator fetched during a call are served here.");
            }

            // Stored browser-ready (PhoneMediaStore.Put converts G.711 to PCM).
            return Results.Bytes(body.Bytes, body.ContentType, enableRangeProcessing: true);
        });
    }

    private PhoneState State() => new()
    {
        PrimaryUrl = _hub.Settings.VoiceUrl.ToString(),
        FallbackUrl = _hub.Settings.FallbackUrl?.ToString(),
        Signed = _hub.Settings.AuthToken is not null,
        FlowPath = _hub.Flow.Path,
        FlowName = _hub.Flow.Name,
        FlowError = _hub.Flow.Error,
        Mermaid = _hub.Flow.Diagram?.Text,
        NodeIds = _hub.Flow.Diagram?.NodeIds,
        StartNode = _hub.Flow.StartNode,
        MermaidAvailable = PhoneAssets.HasMermaid,
        Failure = _hub.Failure,
        InCall = _hub.InCall,
        LastSeq = _hub.LastSeq,
    };

    private async Task StreamEventsAsync(HttpContext http, long? after)
    {
        var cancellationToken = http.RequestAborted;
        // A reconnecting EventSource says where it stopped; that wins over the page's first ?after=.
        var last = long.TryParse(http.Request.Headers["Last-Event-ID"], out var id) ? id : after ?? 0;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        var body = http.Response.Body;
        await body.FlushAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var (events, changed) = _hub.Since(last);
                var text = new StringBuilder();
                foreach (var e in events)
                {
                    text.Append("id: ").Append(e.Seq).Append("\ndata: ")
                        .Append(JsonSerializer.Serialize(e, PhoneJsonContext.Default.PhoneEvent)).Append("\n\n");
                    last = e.Seq;
                }

                if (text.Length > 0)
                {
                    await body.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken).ConfigureAwait(false);
                    await body.FlushAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                try
                {
                    await changed.WaitAsync(TimeSpan.FromSeconds(15), cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // A comment line keeps proxies and the browser from closing an idle stream.
                    await body.WriteAsync(": keep-alive\n\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                    await body.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away.
        }
    }

    private async Task GuardAsync(HttpContext http, Func<Task> next)
    {
        // Only this machine's names: a page on another site that rebinds its DNS name to 127.0.0.1 is turned away.
        var host = http.Request.Host.Host;
        if (host is not ("127.0.0.1" or "localhost" or "[::1]" or "::1"))
        {
            http.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
            return;
        }

        if (HttpMethods.IsPost(http.Request.Method))
        {
            // Cross-site forms cannot send JSON, and a cross-origin fetch with JSON needs a preflight nobody answers.
            var origin = http.Request.Headers.Origin.ToString();
            if (!(http.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? false)
                || (origin.Length > 0 && !string.Equals(origin, $"{http.Request.Scheme}://{http.Request.Host}", StringComparison.OrdinalIgnoreCase)))
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }
        }

        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        await next().ConfigureAwait(false);
    }

    private static IResult Asset(string name) => PhoneAssets.Get(name) is { } asset
        ? Results.Bytes(asset.Bytes, asset.ContentType)
        : Problem(StatusCodes.Status404NotFound, $"{name} is not part of this build.");

    private static IResult Problem(int status, string error) =>
        Results.Json(new PhoneProblem(error), PhoneJsonContext.Default.PhoneProblem, statusCode: status);

    public async ValueTask DisposeAsync()
    {
        _hub.HangUp();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
