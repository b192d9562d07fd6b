using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using IvrService.Twilio.Messaging;
using IvrService.Twilio.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IvrService.Testing.Twilio;

/// <summary>
/// An in-process stand-in for api.twilio.com: Basic auth, the IncomingPhoneNumbers and Messages (create and list)
/// routes with Twilio's snake_case JSON and error bodies, a log of every request (host included, so edge hostnames are
/// visible) and per-host failure injection: HTTP statuses, or refused connections before the request is sent.
/// Messages to <see cref="InvalidNumber"/> are rejected with 400/21211 like Twilio's magic test number; created
/// messages are kept in <see cref="Messages"/>; <see cref="HoldMessages"/> keeps Messages create requests waiting.
/// <para>
/// Two ways to run: <see cref="StartAsync"/> on TestServer (any host name reaches it through <see cref="CreateHandler"/>,
/// so edge host names can be told apart), or <see cref="StartOnLoopbackAsync"/> on real Kestrel at
/// <see cref="BaseUri"/>, for apps in other processes (<c>Messaging__ApiBaseUrl</c>). Everything works in both, except
/// that <see cref="RefusedHosts"/> only applies to clients built on <see cref="CreateHandler"/>: a process that
/// connects to <see cref="BaseUri"/> itself is never refused. On loopback every request's host is <c>127.0.0.1</c>, so
/// that is the host to pass to <see cref="Fail"/> there.
/// </para>
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

    private readonly Uri? _loopback;
    private int _messageCount;
    private int _createRequests;
    private int _abandonedWhileHeld;
    private TaskCompletionSource? _hold;

    private TwilioRestStandIn(WebApplication app, TimeProvider time, Uri? loopback)
    {
        _app = app;
        _time = time;
        _loopback = loopback;
    }

    /// <summary>
    /// Where to send requests: <c>http://127.0.0.1:{port}/</c> in loopback mode; in TestServer mode
    /// <c>https://api.twilio.com/</c>, which only <see cref="CreateHandler"/> reaches (as it reaches any host).
    /// </summary>
    public Uri BaseUri => _loopback ?? new Uri("https://api.twilio.com/");

    /// <summary>Whether this runs on real Kestrel (<see cref="StartOnLoopbackAsync"/>) rather than TestServer.</summary>
    public bool IsLoopback => _loopback is not null;

    /// <summary>
    /// Messages create requests that got past failure injection and auth: held ones and rejected ones included, so a
    /// test can wait for a send to be in flight, or prove none was made.
    /// </summary>
    public int MessageCreateRequests => Volatile.Read(ref _createRequests);

    /// <summary>
    /// Messages create requests whose client went away (a killed process, a timeout) while <see cref="HoldMessages"/>
    /// held them: nothing was created for them. Wait for it before <see cref="ReleaseMessages"/>, or a request whose
    /// abort is not noticed yet would be created after all.
    /// </summary>
    public int MessageRequestsAbandonedWhileHeld => Volatile.Read(ref _abandonedWhileHeld);

    public ConcurrentQueue<Recorded> Requests { get; } = new();

    public ConcurrentDictionary<string, ConcurrentQueue<int>> FailuresByHost { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentDictionary<string, bool> RefusedHosts { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? RetryAfterSeconds { get; set; }

    /// <summary>Every message the account holds, in order: created ones and those added by <see cref="AddExistingMessage"/>.</summary>
    public ConcurrentQueue<CreatedMessage> Messages { get; } = new();

    /// <summary>Messages requests wait (after being recorded) until <see cref="ReleaseMessages"/>.</summary>
    public void HoldMessages() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets held and future Messages requests through.</summary>
    public void ReleaseMessages() => Interlocked.Exchange(ref _hold, null)?.TrySetResult();

    /// <summary>
    /// Adds a message as if created earlier (by another process, or before a crash), without a create request: it is
    /// listed, and kept in <see cref="Messages"/>, but not counted in <see cref="MessageCreateRequests"/>.
    /// </summary>
    public CreatedMessage AddExistingMessage(string to, string from, string body, DateTimeOffset createdAt, string messagingServiceSid = "", string status = "sent")
    {
        var sid = NextSid();
        var message = new CreatedMessage(sid, to, from, messagingServiceSid, body, "", createdAt) { Status = status, Existing = true };
        Messages.Enqueue(message);
        return message;
    }

    /// <summary>Starts on TestServer; reach it through <see cref="CreateClient"/> or <see cref="CreateHandler"/>.</summary>
    public static Task<TwilioRestStandIn> StartAsync(TimeProvider time) => StartCoreAsync(time, loopback: false);

    /// <summary>
    /// Starts on real Kestrel at <c>http://127.0.0.1:{free port}</c> (<see cref="BaseUri"/>), for app processes that
    /// take the API base URL from their settings.
    /// </summary>
    public static Task<TwilioRestStandIn> StartOnLoopbackAsync(TimeProvider time) => StartCoreAsync(time, loopback: true);

    private static async Task<TwilioRestStandIn> StartCoreAsync(TimeProvider time, bool loopback)
    {
        ArgumentNullException.ThrowIfNull(time);
        TwilioRestStandIn? standIn = null;
        var builder = WebApplication.CreateSlimBuilder();
        if (loopback)
        {
            // Port 0: the OS picks a free port at bind time, so there is no window for another test to take it.
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Logging.ClearProviders();
        var app = builder.Build();
        Map(app);
        await app.StartAsync();
        Uri? bound = null;
        if (loopback)
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("Kestrel reported no address for the Twilio stand-in.");
            bound = new Uri(address.TrimEnd('/') + "/");
        }

        standIn = new TwilioRestStandIn(app, time, bound);
        return standIn;

        void Map(WebApplication a)
        {
            a.Use(async (context, next) => await standIn!.HandleAsync(context, next));
            a.MapGet("/2010-04-01/Accounts/{account}/IncomingPhoneNumbers.json", (HttpContext c) => standIn!.List(c));
            a.MapGet("/2010-04-01/Accounts/{account}/IncomingPhoneNumbers/{sid}.json", (HttpContext c, string sid) => standIn!.Fetch(sid));
            a.MapPost("/2010-04-01/Accounts/{account}/IncomingPhoneNumbers/{sid}.json", async (HttpContext c, string sid) => await standIn!.UpdateAsync(c, sid));
            // Two parameters keep the lambda from binding as a RequestDelegate, which would drop the IResult.
            a.MapPost("/2010-04-01/Accounts/{account}/Messages.json", async (HttpContext c, string account) => await standIn!.CreateMessageAsync(c));
            a.MapGet("/2010-04-01/Accounts/{account}/Messages.json", (HttpContext c, string account) => standIn!.ListMessages(c, account));
        }
    }

    /// <summary>A client on <see cref="CreateHandler"/>, with <see cref="BaseUri"/> as its base address.</summary>
    public HttpClient CreateClient() => new(CreateHandler()) { BaseAddress = BaseUri };

    /// <summary>
    /// The handler behind <see cref="CreateClient"/>, for an app's own HttpClient set-up (refusals included): TestServer's
    /// in TestServer mode, a plain socket handler in loopback mode.
    /// </summary>
    public HttpMessageHandler CreateHandler() =>
        new RefusingHandler(this, IsLoopback ? new SocketsHttpHandler() : _app.GetTestServer().CreateHandler());

    /// <summary>Releases held messages and stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        ReleaseMessages();
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(stop.Token);
        }

        await _app.DisposeAsync();
    }

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
        Interlocked.Increment(ref _createRequests);
        if (_hold is { } hold)
        {
            try
            {
                await hold.Task.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                Interlocked.Increment(ref _abandonedWhileHeld);
                throw;
            }
        }

        var to = form["To"].ToString();
        if (to == InvalidNumber)
        {
            return ErrorResult(400, 21211, $"The 'To' number {to} is not a valid phone number.");
        }

        var message = new CreatedMessage(NextSid(), to, form["From"].ToString(), form["MessagingServiceSid"].ToString(), form["Body"].ToString(), context.Request.Host.Host, _time.GetUtcNow());
        Messages.Enqueue(message);
        return Results.Text(MessageJson(message), "application/json", statusCode: 201);
    }

    private IResult ListMessages(HttpContext context, string account)
    {
        var query = context.Request.Query;
        var to = query["To"].ToString();
        var from = query["From"].ToString();
        DateOnly? onOrAfter = null;
        if (query.TryGetValue("DateSent>", out var after))
        {
            if (!DateOnly.TryParseExact(after.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return ErrorResult(400, 20001, $"Invalid DateSent> {after}");
            }

            onOrAfter = day;
        }

        var pageSize = 50;
        if (query.TryGetValue("PageSize", out var size)
            && (!int.TryParse(size.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 1000))
        {
            return ErrorResult(400, 20001, $"Invalid PageSize {size}");
        }

        _ = int.TryParse(query["Page"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var page);

        // Newest first; the page token names the last message of the previous page, so messages created while a
        // client pages through neither repeat nor shift the later pages.
        var matching = Messages.ToArray()
            .Where(m => to.Length == 0 || m.To == to)
            .Where(m => from.Length == 0 || m.From == from)
            .Where(m => onOrAfter is null || DateOnly.FromDateTime(m.At.UtcDateTime) >= onOrAfter)
            .OrderByDescending(m => m.At)
            .ThenByDescending(m => m.Sid, StringComparer.Ordinal)
            .ToList();
        var token = query["PageToken"].ToString();
        var start = Math.Min(matching.Count, page * pageSize); // a bare Page counts from the newest message
        if (token.StartsWith("PA", StringComparison.Ordinal))
        {
            var last = matching.FindIndex(m => m.Sid == token[2..]);
            start = last < 0 ? matching.Count : last + 1;
        }

        var items = matching.Skip(start).Take(pageSize).ToList();
        string? next = null;
        if (start + items.Count < matching.Count)
        {
            var parts = new List<string>();
            if (to.Length > 0)
            {
                parts.Add("To=" + Uri.EscapeDataString(to));
            }

            if (from.Length > 0)
            {
                parts.Add("From=" + Uri.EscapeDataString(from));
            }

            if (onOrAfter is { } d)
            {
                parts.Add("DateSent%3E=" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            parts.Add(FormattableString.Invariant($"PageSize={pageSize}&Page={page + 1}&PageToken=PA{items[^1].Sid}"));
            next = $"/2010-04-01/Accounts/{account}/Messages.json?{string.Join('&', parts)}";
        }

        var json = new StringBuilder("{\"messages\":[");
        json.AppendJoin(',', items.Select(MessageJson));
        json.Append(CultureInfo.InvariantCulture, $"],\"next_page_uri\":{(next is null ? "null" : JsonSerializer.Serialize(next))},\"page\":{page},\"page_size\":{pageSize},\"start\":{start}}}");
        return Json(json.ToString());
    }

    private string NextSid() => "SM" + Interlocked.Increment(ref _messageCount).ToString("D32", CultureInfo.InvariantCulture);

    private static string MessageJson(CreatedMessage m)
    {
        var date = JsonSerializer.Serialize(TwilioDates.FormatRfc2822(m.At));
        var service = string.IsNullOrEmpty(m.MessagingServiceSid) ? "null" : JsonSerializer.Serialize(m.MessagingServiceSid);
        return $$"""{"sid":"{{m.Sid}}","account_sid":"{{AccountSid}}","status":{{JsonSerializer.Serialize(m.Status)}},"direction":{{JsonSerializer.Serialize(m.Direction)}},"to":{{JsonSerializer.Serialize(m.To)}},"from":{{JsonSerializer.Serialize(m.From)}},"messaging_service_sid":{{service}},"body":{{JsonSerializer.Serialize(m.Body)}},"num_segments":"{{SmsSegmentCalculator.Calculate(m.Body).Segments}}","date_created":{{date}},"date_sent":{{date}},"date_updated":{{date}},"error_code":null,"error_message":null,"price":null,"uri":"/2010-04-01/Accounts/{{AccountSid}}/Messages/{{m.Sid}}.json"}""";
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

    /// <summary>
    /// A message the stand-in holds. <see cref="At"/> is both its <c>date_created</c> and its <c>date_sent</c> (the
    /// stand-in "sends" at once); <see cref="Host"/> is empty for <see cref="AddExistingMessage"/>'s.
    /// </summary>
    public sealed record CreatedMessage(string Sid, string To, string From, string MessagingServiceSid, string Body, string Host, DateTimeOffset At)
    {
        /// <summary><c>status</c>: <c>queued</c> when created through the API.</summary>
        public string Status { get; init; } = "queued";

        /// <summary><c>direction</c>.</summary>
        public string Direction { get; init; } = "outbound-api";

        /// <summary>Added by <see cref="AddExistingMessage"/> rather than created by a request.</summary>
        public bool Existing { get; init; }
    }

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
