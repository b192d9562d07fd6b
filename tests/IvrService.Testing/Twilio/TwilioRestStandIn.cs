using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using IvrService.Twilio.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace IvrService.Testing.Twilio;

/// <summary>
/// An in-process stand-in for api.twilio.com on TestServer: Basic auth, the IncomingPhoneNumbers and Messages routes
/// with Twilio's snake_case JSON and error bodies, a log of every request (host included, so edge hostnames are
/// visible) and per-host failure injection: HTTP statuses, or refused connections before the request is sent.
/// Messages to <see cref="InvalidNumber"/> are rejected with 400/21211 like Twilio's magic test number; created
/// messages are kept in <see cref="Messages"/>; <see cref="HoldMessages"/> keeps Messages requests waiting.
/// </summary>
public sealed class TwilioRestStandIn : IAsyncDisposable
{
    /// <summary>Twilio's magic "invalid number" for test credentials: Messages create answers 400 with error 21211.</summary>
    public const string InvalidNumber = "+15005550001";

    public const string AccountSid = "AC00000000000000000000000000000001";
    public const string AuthToken = "stand-in-token";
    public const string NumberSid = "PN00000000000000000000000000000001";
    public const string PhoneNumber = "+15005550006";

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, string?> _number = new(StringComparer.Ordinal)
    {
        ["voice_url"] = "https://old.example.com/voice",
        ["voice_method"] = "POST",
        ["voice_fallback_url"] = null,
        ["voice_fallback_method"] = "POST",
        ["status_callback"] = null,
        ["status_callback_method"] = "POST",
        ["sms_url"] = "",
        ["sms_method"] = "POST",
        ["sms_fallback_url"] = "",
        ["sms_fallback_method"] = "POST",
        ["voice_application_sid"] = "AP123",
        ["sms_application_sid"] = "",
        ["trunk_sid"] = null,
        ["friendly_name"] = "Main line",
    };

    private int _messageCount;
    private TaskCompletionSource? _hold;

    private TwilioRestStandIn(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
    }

    public ConcurrentQueue<Recorded> Requests { get; } = new();

    public ConcurrentDictionary<string, ConcurrentQueue<int>> FailuresByHost { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentDictionary<string, bool> RefusedHosts { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? RetryAfterSeconds { get; set; }

    /// <summary>Every message created, in order.</summary>
    public ConcurrentQueue<CreatedMessage> Messages { get; } = new();

    /// <summary>Messages requests wait (after being recorded) until <see cref="ReleaseMessages"/>.</summary>
    public void HoldMessages() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets held and future Messages requests through.</summary>
    public void ReleaseMessages() => Interlocked.Exchange(ref _hold, null)?.TrySetResult();

    public static async Task<TwilioRestStandIn> StartAsync(TimeProvider time)
    {
        TwilioRestStandIn? standIn = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        Map(app);
        await app.StartAsync();
        standIn = new TwilioRestStandIn(app, time);
        return standIn;

        void Map(WebApplication a)
        {
            a.Use(async (context, next) => await standIn!.HandleAsync(context, next));
            a.MapGet("/2010-04-01/Accounts/{account}/IncomingPhoneNumbers.json", (HttpContext c) => standIn!.List(c));
            a.MapGet("/2010-04-01/Accounts/{account}/IncomingPhoneNumbers/{sid}.json", (HttpContext c, string sid) => standIn!.Fetch(sid));
            a.MapPost("/2010-04-01/Accounts/{account}/IncomingPhoneNumbers/{sid}.json", async (HttpContext c, string sid) => await standIn!.UpdateAsync(c, sid));
            // Two parameters keep the lambda from binding as a RequestDelegate, which would drop the IResult.
            a.MapPost("/2010-04-01/Accounts/{account}/Messages.json", async (HttpContext c, string account) => await standIn!.CreateMessageAsync(c));
        }
    }

    public HttpClient CreateClient() => new(CreateHandler());

    /// <summary>The handler behind <see cref="CreateClient"/>, for an app's own HttpClient set-up (refusals included).</summary>
    public HttpMessageHandler CreateHandler() => new RefusingHandler(this, _app.GetTestServer().CreateHandler());

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    public void Fail(string host, params int[] statuses) =>
        FailuresByHost.GetOrAdd(host, _ => new ConcurrentQueue<int>()).EnqueueRange(statuses);

    private async Task HandleAsync(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        var form = request.HasFormContentType ? await request.ReadFormAsync() : null;
        Requests.Enqueue(new Recorded(
            request.Host.Host,
            request.Method,
            request.Path.Value ?? "",
            request.QueryString.Value ?? "",
            request.Headers.Authorization.ToString(),
            request.Headers.Accept.ToString(),
            request.ContentType,
            form?.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? ""))).ToList() ?? [],
            _time.GetUtcNow()));

        if (FailuresByHost.TryGetValue(request.Host.Host, out var queue) && queue.TryDequeue(out var status))
        {
            if (status == 429 && RetryAfterSeconds is not null)
            {
                context.Response.Headers.RetryAfter = RetryAfterSeconds;
            }

            await WriteError(context, status, status == 429 ? 20429 : 20500, status == 429 ? "Too Many Requests" : "Service unavailable");
            return;
        }

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));
        var apiKey = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("SK00000000000000000000000000000001:key-secret"));
        var auth = request.Headers.Authorization.ToString();
        if (auth != expected && auth != apiKey)
        {
            await WriteError(context, 401, 20003, "Authenticate");
            return;
        }

        if (context.GetRouteValue("account") is string account && account != AccountSid)
        {
            await WriteError(context, 404, 20404, $"The requested resource /2010-04-01/Accounts/{account} was not found");
            return;
        }

        await next();
    }

    private IResult List(HttpContext context)
    {
        var filter = context.Request.Query["PhoneNumber"].ToString();
        var numbers = string.IsNullOrEmpty(filter) || filter == PhoneNumber ? new[] { NumberJson() } : [];
        var page = context.Request.Query["Page"].ToString();
        // Two pages when unfiltered, to exercise next_page_uri.
        if (string.IsNullOrEmpty(filter) && page != "1")
        {
            return Json($$"""{"incoming_phone_numbers":[{{numbers[0]}}],"next_page_uri":"/2010-04-01/Accounts/{{AccountSid}}/IncomingPhoneNumbers.json?PageSize=50&Page=1","page":0}""");
        }

        var second = string.IsNullOrEmpty(filter) ? NumberJson().Replace(NumberSid, "PN2", StringComparison.Ordinal).Replace(PhoneNumber, "+15005550007", StringComparison.Ordinal) : null;
        var items = second is null ? string.Join(',', numbers) : second;
        return Json($$"""{"incoming_phone_numbers":[{{items}}],"next_page_uri":null,"page":{{(page == "1" ? 1 : 0)}},"brand_new_field":{"x":1} }""");
    }

    private IResult Fetch(string sid) =>
        sid == NumberSid ? Json(NumberJson()) : ErrorResult(404, 20404, $"The requested resource /IncomingPhoneNumbers/{sid}.json was not found");

    private async Task<IResult> UpdateAsync(HttpContext context, string sid)
    {
        if (sid != NumberSid)
        {
            return ErrorResult(404, 20404, "not found");
        }

        var form = await context.Request.ReadFormAsync();
        if (form.TryGetValue("VoiceUrl", out var url) && !Uri.TryCreate(url.ToString(), UriKind.Absolute, out _))
        {
            return ErrorResult(400, 21502, "Invalid VoiceUrl");
        }

        foreach (var (key, value) in form)
        {
            _number[JsonNamingPolicy.SnakeCaseLower.ConvertName(key)] = value.ToString();
        }

        return Json(NumberJson());
    }

    private async Task<IResult> CreateMessageAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (_hold is { } hold)
        {
            await hold.Task.WaitAsync(context.RequestAborted);
        }

        var to = form["To"].ToString();
        if (to == InvalidNumber)
        {
            return ErrorResult(400, 21211, $"The 'To' number {to} is not a valid phone number.");
        }

        var body = form["Body"].ToString();
        var sid = "SM" + Interlocked.Increment(ref _messageCount).ToString("D32", CultureInfo.InvariantCulture);
        var segments = SmsSegmentCalculator.Calculate(body).Segments;
        Messages.Enqueue(new CreatedMessage(sid, to, form["From"].ToString(), form["MessagingServiceSid"].ToString(), body, context.Request.Host.Host, _time.GetUtcNow()));
        return Results.Text(
            $$"""{"sid":"{{sid}}","status":"queued","to":{{JsonSerializer.Serialize(to)}},"from":{{JsonSerializer.Serialize(form["From"].ToString())}},"body":{{JsonSerializer.Serialize(body)}},"num_segments":"{{segments}}","error_code":null,"price":null}""",
            "application/json",
            statusCode: 201);
    }

    private string NumberJson()
    {
        var fields = string.Join(',', _number.Select(kv => $"\"{kv.Key}\":{(kv.Value is null ? "null" : JsonSerializer.Serialize(kv.Value))}"));
        return $$"""{"sid":"{{NumberSid}}","account_sid":"{{AccountSid}}","phone_number":"{{PhoneNumber}}","voice_caller_id_lookup":false,"date_updated":"Mon, 23 Nov 2026 18:00:00 +0000","capabilities":{"voice":true},{{fields}}}""";
    }

    private static IResult Json(string json) => Results.Text(json, "application/json");

    private static IResult ErrorResult(int status, int code, string message) =>
        Results.Text($$"""{"code":{{code}},"message":{{JsonSerializer.Serialize(message)}},"more_info":"https://www.twilio.com/docs/errors/{{code}}","status":{{status}}}""", "application/json", statusCode: status);

    private static async Task WriteError(HttpContext context, int status, int code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$"""{"code":{{code}},"message":{{JsonSerializer.Serialize(message)}},"more_info":"https://www.twilio.com/docs/errors/{{code}}","status":{{status}}}""");
    }

    public sealed record Recorded(
        string Host, string Method, string Path, string Query, string Authorization, string Accept, string? ContentType,
        List<KeyValuePair<string, string>> Form, DateTimeOffset At);

    /// <summary>A message the stand-in created.</summary>
    public sealed record CreatedMessage(string Sid, string To, string From, string MessagingServiceSid, string Body, string Host, DateTimeOffset At);

    /// <summary>Refuses connections to chosen hosts the way SocketsHttpHandler reports it.</summary>
    private sealed class RefusingHandler(TwilioRestStandIn owner, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (owner.RefusedHosts.ContainsKey(request.RequestUri!.Host))
            {
                owner.Requests.Enqueue(new Recorded(request.RequestUri.Host, request.Method.Method, request.RequestUri.AbsolutePath, "", "", "", null, [], owner._time.GetUtcNow()));
                throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (stand-in)", null, null);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}

internal static class StandInQueueExtensions
{
    public static void EnqueueRange<T>(this ConcurrentQueue<T> queue, IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            queue.Enqueue(item);
        }
    }
}
