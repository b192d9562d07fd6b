using System.Collections.Concurrent;
using System.Text;
using IvrService.Twilio.Rest;
using IvrService.Testing.Twilio;
using Microsoft.Extensions.Time.Testing;

namespace IvrService.Twilio.Tests.Rest;

public class TwilioRestClientTests : IAsyncLifetime
{
    private const string FirstSid = "SM00000000000000000000000000000001";
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);
    private readonly BackoffClock _time = new(new DateTimeOffset(2026, 11, 23, 18, 0, 0, TimeSpan.Zero), AttemptTimeout);
    private TwilioRestStandIn _standIn = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _standIn = await TwilioRestStandIn.StartAsync(_time);
        _http = _standIn.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _standIn.DisposeAsync();
    }

    [Fact]
    public async Task List_FilterByPhoneNumber_SendsQueryAuthAndParsesSnakeCase()
    {
        var client = Client();

        var numbers = await Drive(client.ListIncomingPhoneNumbersAsync(TwilioRestStandIn.PhoneNumber));

        var number = Assert.Single(numbers);
        Assert.Equal(TwilioRestStandIn.NumberSid, number.Sid);
        Assert.Equal("https://old.example.com/voice", number.VoiceUrl);
        Assert.Equal("AP123", number.VoiceApplicationSid);
        Assert.Equal("Main line", number.FriendlyName);
        Assert.False(number.VoiceCallerIdLookup);
        var request = Assert.Single(_standIn.Requests);
        Assert.Equal("api.twilio.com", request.Host);
        Assert.Equal("GET", request.Method);
        Assert.Equal($"/2010-04-01/Accounts/{TwilioRestStandIn.AccountSid}/IncomingPhoneNumbers.json", request.Path);
        Assert.Equal("?PhoneNumber=%2B15005550006&PageSize=50", request.Query);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TwilioRestStandIn.AccountSid}:{TwilioRestStandIn.AuthToken}")), request.Authorization);
        Assert.Equal("application/json", request.Accept);
    }

    [Fact]
    public async Task List_Unfiltered_FollowsNextPageUri()
    {
        var numbers = await Drive(Client().ListIncomingPhoneNumbersAsync());

        Assert.Equal([TwilioRestStandIn.PhoneNumber, "+15005550007"], numbers.Select(n => n.PhoneNumber));
        Assert.Equal(2, _standIn.Requests.Count);
        Assert.Contains("Page=1", _standIn.Requests.Last().Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_UnknownNumber_ReturnsNull() =>
        Assert.Null(await Drive(Client().FindIncomingPhoneNumberAsync("+19999999999")));

    [Fact]
    public async Task Fetch_BySid_ReturnsNumber()
    {
        var number = await Drive(Client().FetchIncomingPhoneNumberAsync(TwilioRestStandIn.NumberSid));

        Assert.Equal(TwilioRestStandIn.PhoneNumber, number.PhoneNumber);
        Assert.Equal($"/2010-04-01/Accounts/{TwilioRestStandIn.AccountSid}/IncomingPhoneNumbers/{TwilioRestStandIn.NumberSid}.json", _standIn.Requests.Single().Path);
    }

    [Fact]
    public async Task Update_SendsOnlySetFields_FormEncodedPascalCase()
    {
        var update = new IncomingPhoneNumberUpdate
        {
            VoiceUrl = "https://primary.example.com/voice#ct=1000&rt=3000&e=ashburn",
            VoiceMethod = TwilioHttpMethod.Post,
            VoiceFallbackUrl = "https://fallback.example.net/fallback/voice",
            VoiceFallbackMethod = TwilioHttpMethod.Post,
            StatusCallback = "https://primary.example.com/voice/status",
            StatusCallbackMethod = TwilioHttpMethod.Get,
            SmsUrl = "https://primary.example.com/sms",
            SmsFallbackUrl = "https://fallback.example.net/fallback/sms",
            VoiceApplicationSid = "",
        };

        var number = await Drive(Client().UpdateIncomingPhoneNumberAsync(TwilioRestStandIn.NumberSid, update));

        var request = Assert.Single(_standIn.Requests);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType, StringComparison.Ordinal);
        Assert.Equal(
            [
                new("VoiceUrl", "https://primary.example.com/voice#ct=1000&rt=3000&e=ashburn"),
                new("VoiceMethod", "POST"),
                new("VoiceFallbackUrl", "https://fallback.example.net/fallback/voice"),
                new("VoiceFallbackMethod", "POST"),
                new("StatusCallback", "https://primary.example.com/voice/status"),
                new("StatusCallbackMethod", "GET"),
                new("SmsUrl", "https://primary.example.com/sms"),
                new("SmsFallbackUrl", "https://fallback.example.net/fallback/sms"),
                new KeyValuePair<string, string>("VoiceApplicationSid", ""),
            ],
            request.Form);
        Assert.Equal("https://primary.example.com/voice#ct=1000&rt=3000&e=ashburn", number.VoiceUrl);
        Assert.Equal("https://fallback.example.net/fallback/voice", number.VoiceFallbackUrl);
        Assert.Equal("GET", number.StatusCallbackMethod);
        Assert.Equal("", number.VoiceApplicationSid);
    }

    [Fact]
    public async Task Update_NothingSet_ThrowsBeforeSending()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Client().UpdateIncomingPhoneNumberAsync(TwilioRestStandIn.NumberSid, new IncomingPhoneNumberUpdate()));
        Assert.Empty(_standIn.Requests);
    }

    [Fact]
    public async Task Update_Rejected400_ThrowsApiExceptionWithTwilioBody_NoRetry()
    {
        var ex = await Assert.ThrowsAsync<TwilioApiException>(() => Drive(Client().UpdateIncomingPhoneNumberAsync(TwilioRestStandIn.NumberSid, new IncomingPhoneNumberUpdate { VoiceUrl = "not a url" })));

        Assert.Equal(400, ex.StatusCode);
        Assert.Equal(21502, ex.ErrorCode);
        Assert.Equal("Invalid VoiceUrl", ex.TwilioMessage);
        Assert.Equal("https://www.twilio.com/docs/errors/21502", ex.MoreInfo);
        Assert.Single(_standIn.Requests);
    }

    [Fact]
    public async Task WrongToken_Throws401Typed_NoRetry_NoSecretInMessage()
    {
        var client = new TwilioRestClient(_http, TwilioCredentials.FromAuthToken(TwilioRestStandIn.AccountSid, "wrong-secret-value"), Options(), _time);

        var ex = await Assert.ThrowsAsync<TwilioAuthenticationException>(() => Drive(client.ListIncomingPhoneNumbersAsync()));

        Assert.Equal(401, ex.StatusCode);
        Assert.Equal(20003, ex.ErrorCode);
        Assert.DoesNotContain("wrong-secret-value", ex.Message, StringComparison.Ordinal);
        Assert.Single(_standIn.Requests);
    }

    [Fact]
    public async Task ApiKeyCredentials_UseKeySidAsUser_AccountSidInPath()
    {
        var client = new TwilioRestClient(_http, TwilioCredentials.FromApiKey(TwilioRestStandIn.AccountSid, "SK00000000000000000000000000000001", "key-secret"), Options(), _time);

        await Drive(client.FetchIncomingPhoneNumberAsync(TwilioRestStandIn.NumberSid));

        var request = Assert.Single(_standIn.Requests);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("SK00000000000000000000000000000001:key-secret")), request.Authorization);
        Assert.Contains(TwilioRestStandIn.AccountSid, request.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownNumberSid_Throws404Typed()
    {
        var ex = await Assert.ThrowsAsync<TwilioNotFoundException>(() => Drive(Client().FetchIncomingPhoneNumberAsync("PN404")));

        Assert.Equal(20404, ex.ErrorCode);
        Assert.Contains("PN404", ex.TwilioMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownAccount_Throws404Typed()
    {
        var client = new TwilioRestClient(_http, TwilioCredentials.FromApiKey("AC999", "SK00000000000000000000000000000001", "key-secret"), Options(), _time);

        await Assert.ThrowsAsync<TwilioNotFoundException>(() => Drive(client.ListIncomingPhoneNumbersAsync()));
    }

    [Fact]
    public async Task Edges_WithoutRegion_UseUs1Hosts_FailOverInOrder()
    {
        _standIn.RefusedHosts["api.ashburn.us1.twilio.com"] = true;
        _standIn.Fail("api.umatilla.us1.twilio.com", 503);
        var client = Client(Options() with { Edges = ["ashburn", "umatilla", "us2", "roaming"] });

        var number = await Drive(client.FetchIncomingPhoneNumberAsync(TwilioRestStandIn.NumberSid));

        Assert.Equal(TwilioRestStandIn.NumberSid, number.Sid);
        Assert.Equal(
            ["api.ashburn.us1.twilio.com", "api.umatilla.us1.twilio.com", "api.roaming.us1.twilio.com"],
            _standIn.Requests.Select(r => r.Host));
    }

    [Fact]
    public async Task Retries_AreBoundedAndBackedOff_ThenUnavailable()
    {
        _standIn.Fail("api.dublin.ie1.twilio.com", 503, 502, 500, 503, 503, 503);
        var client = Client(Options() with { Region = "ie1", MaxAttempts = 4, InitialBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(3) });
        var start = _time.GetUtcNow();

        var ex = await Assert.ThrowsAsync<TwilioUnavailableException>(() => Drive(client.FetchIncomingPhoneNumberAsync(TwilioRestStandIn.NumberSid)));

        var times = _standIn.Requests.Select(r => (r.At - start).TotalSeconds).ToArray();
        Assert.Equal(4, times.Length);
        Assert.All(_standIn.Requests, r => Assert.Equal("api.dublin.ie1.twilio.com", r.Host));
        AssertGap(times[0], times[1], 1);
        AssertGap(times[1], times[2], 2);
        AssertGap(times[2], times[3], 3);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)], _time.Delays);
        Assert.Equal(4, ex.Attempts.Count);
        Assert.Contains("HTTP 503", ex.Attempts[0], StringComparison.Ordinal);
        Assert.IsType<TwilioApiException>(ex.InnerException);
    }

    [Fact]
    public async Task ConnectionFailures_RotateEdgesImmediately_BackOffBetweenRounds()
    {
        _standIn.RefusedHosts["api.ashburn.us1.twilio.com"] = true;
        _standIn.RefusedHosts["api.umatilla.us1.twilio.com"] = true;
        var client = Client(Options() with { Edges = ["ashburn", "umatilla"], MaxAttempts = 4, InitialBackoff = TimeSpan.FromSeconds(2) });
        var start = _time.GetUtcNow();

        var ex = await Assert.ThrowsAsync<TwilioUnavailableException>(() => Drive(client.ListIncomingPhoneNumbersAsync()));

        var times = _standIn.Requests.Select(r => (r.At - start).TotalSeconds).ToArray();
        Assert.Equal(
            ["api.ashburn.us1.twilio.com", "api.umatilla.us1.twilio.com", "api.ashburn.us1.twilio.com", "api.umatilla.us1.twilio.com"],
            _standIn.Requests.Select(r => r.Host));
        Assert.Equal(0, times[1] - times[0], 0.06);
        AssertGap(times[1], times[2], 2);
        Assert.Equal(0, times[3] - times[2], 0.06);
        Assert.All(ex.Attempts, a => Assert.Contains("connection failed", a, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TooManyRequests_HonoursRetryAfter_ThenSucceeds()
    {
        _standIn.RetryAfterSeconds = "3";
        _standIn.Fail("api.twilio.com", 429);
        var client = Client(Options() with { InitialBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromSeconds(10) });
        var start = _time.GetUtcNow();

        await Drive(client.FetchIncomingPhoneNumberAsync(TwilioRestStandIn.NumberSid));

        var times = _standIn.Requests.Select(r => (r.At - start).TotalSeconds).ToArray();
        Assert.Equal(2, times.Length);
        AssertGap(times[0], times[1], 3);
    }

    [Fact]
    public async Task CreateMessage_SendsFields_ReturnsResource()
    {
        var message = await Drive(Client().CreateMessageAsync(new CreateMessageRequest
        {
            To = "+15005550009",
            MessagingServiceSid = "MG1",
            Body = "Your call is important & so are you 😀",
            MediaUrls = ["https://x/a.jpg", "https://x/b.jpg"],
            StatusCallback = "https://primary.example.com/sms/status",
        }));

        Assert.Equal(FirstSid, message.Sid);
        Assert.Equal("queued", message.Status);
        Assert.Equal("1", message.NumSegments);
        Assert.Equal("Your call is important & so are you 😀", message.Body);
        var request = Assert.Single(_standIn.Requests);
        Assert.Equal($"/2010-04-01/Accounts/{TwilioRestStandIn.AccountSid}/Messages.json", request.Path);
        Assert.Equal(
            [
                new("To", "+15005550009"), new("MessagingServiceSid", "MG1"), new("Body", "Your call is important & so are you 😀"),
                new("MediaUrl", "https://x/a.jpg"), new("MediaUrl", "https://x/b.jpg"),
                new KeyValuePair<string, string>("StatusCallback", "https://primary.example.com/sms/status"),
            ],
            request.Form);
    }

    [Fact]
    public async Task CreateMessage_5xx_IsNotRetried_SoNoDuplicateSms()
    {
        _standIn.Fail("api.twilio.com", 500);

        var ex = await Assert.ThrowsAsync<TwilioApiException>(() => Drive(Client().CreateMessageAsync(new CreateMessageRequest { To = "+1", From = "+2", Body = "x" })));

        Assert.Equal(500, ex.StatusCode);
        Assert.Single(_standIn.Requests);
    }

    [Fact]
    public async Task CreateMessage_ConnectionRefused_IsRetriedOnNextEdge()
    {
        _standIn.RefusedHosts["api.ashburn.us1.twilio.com"] = true;
        var client = Client(Options() with { Edges = ["ashburn", "umatilla"] });

        var message = await Drive(client.CreateMessageAsync(new CreateMessageRequest { To = "+1", From = "+2", Body = "x" }));

        Assert.Equal(FirstSid, message.Sid);
        Assert.Equal(["api.ashburn.us1.twilio.com", "api.umatilla.us1.twilio.com"], _standIn.Requests.Select(r => r.Host));
    }

    [Fact]
    public async Task TryCreateMessage_EachOutcome_ClassifiedWithoutRetryOrThrow()
    {
        _standIn.RetryAfterSeconds = "7";
        _standIn.Fail("api.twilio.com", 429, 503);
        var client = Client();
        var message = new CreateMessageRequest { To = "+15005550009", From = "+15005550006", Body = "Book online." };

        var throttled = await client.TryCreateMessageAsync(message, 0);
        var failed = await client.TryCreateMessageAsync(message, 1);
        var sent = await client.TryCreateMessageAsync(message, 2);
        var rejected = await client.TryCreateMessageAsync(message with { To = TwilioRestStandIn.InvalidNumber }, 3);

        Assert.Equal((TwilioAttemptOutcome.Throttled, 429, 20429, TimeSpan.FromSeconds(7), true), (throttled.Outcome, throttled.StatusCode, throttled.ErrorCode, throttled.RetryAfter, throttled.Retryable));
        Assert.Equal((TwilioAttemptOutcome.ServerError, 503, true), (failed.Outcome, failed.StatusCode, failed.Retryable));
        Assert.Equal((TwilioAttemptOutcome.Succeeded, FirstSid, "1"), (sent.Outcome, sent.Value?.Sid, sent.Value?.NumSegments));
        Assert.Equal((TwilioAttemptOutcome.Rejected, 400, 21211, false), (rejected.Outcome, rejected.StatusCode, rejected.ErrorCode, rejected.Retryable));
        Assert.Contains("not a valid phone number", rejected.Detail, StringComparison.Ordinal);
        Assert.Equal(4, _standIn.Requests.Count);
    }

    [Fact]
    public async Task TryCreateMessage_AttemptIndex_PicksTheEdge_RefusalIsConnectionFailed()
    {
        _standIn.RefusedHosts["api.ashburn.us1.twilio.com"] = true;
        var client = Client(Options() with { Edges = ["ashburn", "umatilla"] });
        var message = new CreateMessageRequest { To = "+15005550009", From = "+15005550006", Body = "Book online." };

        var first = await client.TryCreateMessageAsync(message, 0);
        var second = await client.TryCreateMessageAsync(message, 1);

        Assert.Equal((TwilioAttemptOutcome.ConnectionFailed, "api.ashburn.us1.twilio.com"), (first.Outcome, first.Host));
        Assert.Equal((TwilioAttemptOutcome.Succeeded, "api.umatilla.us1.twilio.com"), (second.Outcome, second.Host));
        Assert.Equal("api.umatilla.us1.twilio.com", Assert.Single(_standIn.Messages).Host);
    }

    [Theory]
    [InlineData(null, null, "x", "From or MessagingServiceSid")]
    [InlineData("+2", null, null, "Body or a MediaUrl")]
    public async Task CreateMessage_Incomplete_ThrowsBeforeSending(string? from, string? service, string? body, string expected)
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            Client().CreateMessageAsync(new CreateMessageRequest { To = "+1", From = from, MessagingServiceSid = service, Body = body }));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Empty(_standIn.Requests);
    }

    [Fact]
    public async Task ListMessages_AllFilters_EscapedInQueryString()
    {
        var filter = new MessageListFilter { To = "+15005550009", From = "+15005550006", DateSentOnOrAfter = new DateOnly(2026, 12, 7), PageSize = 20 };

        await Drive(Client().ListMessagesAsync(filter));

        var request = Assert.Single(_standIn.Requests);
        Assert.Equal(("GET", $"/2010-04-01/Accounts/{TwilioRestStandIn.AccountSid}/Messages.json"), (request.Method, request.Path));
        Assert.Equal("?To=%2B15005550009&From=%2B15005550006&DateSent%3E=2026-12-07&PageSize=20", request.Query);
    }

    [Fact]
    public async Task ListMessages_NoFilter_SendsOnlyPageSize()
    {
        await Drive(Client().ListMessagesAsync(new MessageListFilter()));

        Assert.Equal("?PageSize=50", Assert.Single(_standIn.Requests).Query);
    }

    [Fact]
    public async Task ListMessages_SeveralPages_FollowsNextPageUriNewestFirst()
    {
        for (var i = 1; i <= 5; i++)
        {
            _standIn.AddExistingMessage("+15005550009", "+15005550006", $"text {i}", _time.GetUtcNow().AddMinutes(i));
        }

        var messages = await Drive(Client().ListMessagesAsync(new MessageListFilter { PageSize = 2 }));

        Assert.Equal(["text 5", "text 4", "text 3", "text 2", "text 1"], messages.Select(m => m.Body));
        Assert.Equal(3, _standIn.Requests.Count);
        Assert.All(_standIn.Requests.Skip(1), r => Assert.Contains("PageToken=", r.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListMessages_MaxPages_StopsReading()
    {
        for (var i = 1; i <= 5; i++)
        {
            _standIn.AddExistingMessage("+15005550009", "+15005550006", $"text {i}", _time.GetUtcNow().AddMinutes(i));
        }

        var messages = await Drive(Client().ListMessagesAsync(new MessageListFilter { PageSize = 2, MaxPages = 2 }));

        Assert.Equal(4, messages.Count);
        Assert.Equal(2, _standIn.Requests.Count);
    }

    [Fact]
    public async Task ListMessages_ParsesDirectionAndDates()
    {
        var at = new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);
        _standIn.AddExistingMessage("+15005550009", "+15005550006", "Book online.", at);

        var message = Assert.Single(await Drive(Client().ListMessagesAsync(new MessageListFilter())));

        Assert.Equal("outbound-api", message.Direction);
        Assert.Equal("Mon, 07 Dec 2026 06:00:00 +0000", message.DateCreated);
        Assert.Equal(at, message.DateCreatedAt);
        Assert.Equal(at, message.DateSentAt);
        Assert.Equal("sent", message.Status);
    }

    [Fact]
    public async Task ListMessages_5xx_IsRetriedAsARead()
    {
        _standIn.Fail("api.twilio.com", 503);

        var messages = await Drive(Client().ListMessagesAsync(new MessageListFilter()));

        Assert.Empty(messages);
        Assert.Equal(2, _standIn.Requests.Count);
    }

    [Fact]
    public async Task ListMessages_4xx_ThrowsApiException_NoRetry()
    {
        _standIn.Fail("api.twilio.com", 400);

        var ex = await Assert.ThrowsAsync<TwilioApiException>(() => Drive(Client().ListMessagesAsync(new MessageListFilter())));

        Assert.Equal(400, ex.StatusCode);
        Assert.Single(_standIn.Requests);
    }

    [Theory]
    [InlineData(0, 20)]
    [InlineData(1001, 20)]
    [InlineData(50, 0)]
    public async Task ListMessages_PageSizeOrMaxPagesOutOfRange_ThrowsBeforeSending(int pageSize, int maxPages)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Client().ListMessagesAsync(new MessageListFilter { PageSize = pageSize, MaxPages = maxPages }));

        Assert.Empty(_standIn.Requests);
    }

    [Fact]
    public void BaseUris_LocalStandInUrl_IsUsedAsGiven()
    {
        var client = new TwilioRestClient(_http, Credentials(), new TwilioRestClientOptions { BaseUri = new Uri("http://127.0.0.1:5099"), Edges = ["dublin"] }, _time);

        Assert.Equal([new Uri("http://127.0.0.1:5099/")], client.BaseUris);
    }

    [Fact]
    public void Constructor_BadOptions_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TwilioRestClient(_http, Credentials(), new TwilioRestClientOptions { MaxAttempts = 0 }));
        Assert.Throws<ArgumentException>(() => new TwilioRestClient(_http, Credentials(), new TwilioRestClientOptions { BaseUri = new Uri("ftp://x") }));
        Assert.Throws<ArgumentException>(() => new TwilioRestClient(_http, Credentials(), new TwilioRestClientOptions { Edges = ["not an edge!"] }));
    }

    // The clock only moves when the client waits on a back-off, so gaps between requests are exactly the delays.
    private static void AssertGap(double earlier, double later, double expectedSeconds) => Assert.Equal(expectedSeconds, later - earlier, 0.0001);

    private static TwilioCredentials Credentials() => TwilioCredentials.FromAuthToken(TwilioRestStandIn.AccountSid, TwilioRestStandIn.AuthToken);

    private static TwilioRestClientOptions Options() =>
        new() { InitialBackoff = TimeSpan.FromMilliseconds(200), MaxBackoff = TimeSpan.FromSeconds(2), AttemptTimeout = AttemptTimeout };

    private TwilioRestClient Client(TwilioRestClientOptions? options = null) => new(_http, Credentials(), options ?? Options(), _time);

    // Back-off waits run on the fake clock: whenever the client starts one, jump exactly to its end.
    private async Task<T> Drive<T>(Task<T> task)
    {
        var watchdog = System.Diagnostics.Stopwatch.StartNew(); // real time, only to stop a hung test
        while (!task.IsCompleted && watchdog.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.WhenAny(task, Task.Delay(2));
            _time.AdvancePendingBackoff();
        }

        return await task;
    }

    /// <summary>A fake clock that notes every back-off delay the client starts (not the attempt-timeout timers).</summary>
    private sealed class BackoffClock(DateTimeOffset start, TimeSpan attemptTimeout) : FakeTimeProvider(start)
    {
        private readonly ConcurrentQueue<TimeSpan> _pending = new();

        public ConcurrentQueue<TimeSpan> Delays { get; } = new();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != attemptTimeout && dueTime > TimeSpan.Zero && period == Timeout.InfiniteTimeSpan)
            {
                Delays.Enqueue(dueTime);
                _pending.Enqueue(dueTime);
            }

            return base.CreateTimer(callback, state, dueTime, period);
        }

        public void AdvancePendingBackoff()
        {
            if (_pending.TryDequeue(out var due))
            {
                Advance(due);
            }
        }
    }
}
