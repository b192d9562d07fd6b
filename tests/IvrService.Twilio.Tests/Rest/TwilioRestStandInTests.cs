using IvrService.Testing.Twilio;
using IvrService.Twilio.Rest;
using Microsoft.Extensions.Time.Testing;

namespace IvrService.Twilio.Tests.Rest;

/// <summary>The stand-in's Messages routes, read through the real client, on TestServer and on loopback Kestrel.</summary>
public class TwilioRestStandInTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);

    public static TheoryData<bool> Modes => new() { false, true };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task CreateThenList_BothModes_SameMessageWithDatesAndDirection(bool loopback)
    {
        await using var standIn = await Start(loopback);
        using var http = standIn.CreateClient();
        var client = Client(standIn, http);

        var created = await client.CreateMessageAsync(new CreateMessageRequest { To = "+15005550009", From = TwilioRestStandIn.PhoneNumber, Body = "Book online." });
        var listed = Assert.Single(await client.ListMessagesAsync(new MessageListFilter { To = "+15005550009" }));

        Assert.Equal(created, listed);
        Assert.Equal(("outbound-api", "Mon, 07 Dec 2026 06:00:00 +0000", Now), (created.Direction, created.DateSent, created.DateCreatedAt));
        Assert.Equal(1, standIn.MessageCreateRequests);
        Assert.Equal(loopback ? "127.0.0.1" : "api.twilio.com", standIn.Requests.First().Host);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task List_FiltersAndPages_BothModes_NewestFirst(bool loopback)
    {
        await using var standIn = await Start(loopback);
        using var http = standIn.CreateClient();
        standIn.AddExistingMessage("+15005550009", TwilioRestStandIn.PhoneNumber, "day before", Now.AddDays(-1));
        for (var i = 1; i <= 5; i++)
        {
            standIn.AddExistingMessage("+15005550009", TwilioRestStandIn.PhoneNumber, $"today {i}", Now.AddMinutes(i));
        }

        standIn.AddExistingMessage("+15005550010", TwilioRestStandIn.PhoneNumber, "someone else", Now);
        standIn.AddExistingMessage("+15005550009", "+15005550007", "other sender", Now);

        var messages = await Client(standIn, http).ListMessagesAsync(new MessageListFilter
        {
            To = "+15005550009", From = TwilioRestStandIn.PhoneNumber, DateSentOnOrAfter = DateOnly.FromDateTime(Now.UtcDateTime), PageSize = 2,
        });

        Assert.Equal(["today 5", "today 4", "today 3", "today 2", "today 1"], messages.Select(m => m.Body));
        Assert.Equal(3, standIn.Requests.Count);
        Assert.Equal(0, standIn.MessageCreateRequests);
    }

    [Fact]
    public async Task List_MessageCreatedBetweenPages_NeitherRepeatedNorShifted()
    {
        await using var standIn = await Start(loopback: false);
        using var http = standIn.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Basic", TwilioCredentials.FromAuthToken(TwilioRestStandIn.AccountSid, TwilioRestStandIn.AuthToken).BasicParameter());
        for (var i = 1; i <= 3; i++)
        {
            standIn.AddExistingMessage("+15005550009", TwilioRestStandIn.PhoneNumber, $"m{i}", Now.AddMinutes(i));
        }

        // Read page one by hand, add a newer message, then follow its next_page_uri.
        var first = await http.GetStringAsync(new Uri(standIn.BaseUri, $"/2010-04-01/Accounts/{TwilioRestStandIn.AccountSid}/Messages.json?PageSize=2"));
        standIn.AddExistingMessage("+15005550009", TwilioRestStandIn.PhoneNumber, "m4", Now.AddMinutes(4));
        var next = System.Text.Json.JsonDocument.Parse(first).RootElement.GetProperty("next_page_uri").GetString()!;
        var second = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri(standIn.BaseUri, next))).RootElement;

        Assert.Equal(["m1"], second.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("body").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.GetProperty("next_page_uri").ValueKind);
    }

    [Fact]
    public async Task Loopback_BaseUri_IsAFreeLoopbackPort_ReachableWithoutTheHandler()
    {
        await using var standIn = await TwilioRestStandIn.StartOnLoopbackAsync(_time);
        using var plain = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(standIn.BaseUri, $"/2010-04-01/Accounts/{TwilioRestStandIn.AccountSid}/Messages.json"));

        using var response = await plain.SendAsync(request);

        Assert.True(standIn.IsLoopback);
        Assert.Equal(("http", "127.0.0.1"), (standIn.BaseUri.Scheme, standIn.BaseUri.Host));
        Assert.NotEqual(0, standIn.BaseUri.Port);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode); // no credentials: Twilio's 401
        Assert.Single(standIn.Requests);
    }

    [Fact]
    public async Task Loopback_FailByLoopbackHost_ListRetriedThroughKestrel()
    {
        await using var standIn = await TwilioRestStandIn.StartOnLoopbackAsync(_time);
        using var http = standIn.CreateClient();
        standIn.AddExistingMessage("+15005550009", TwilioRestStandIn.PhoneNumber, "x", Now);
        standIn.Fail("127.0.0.1", 503);
        // Real time here: the back-off is a few milliseconds, and nothing else waits on this client's clock.
        var client = new TwilioRestClient(http, TwilioCredentials.FromAuthToken(TwilioRestStandIn.AccountSid, TwilioRestStandIn.AuthToken),
            new TwilioRestClientOptions { BaseUri = standIn.BaseUri, InitialBackoff = TimeSpan.FromMilliseconds(5), MaxBackoff = TimeSpan.FromMilliseconds(5) });

        var messages = await client.ListMessagesAsync(new MessageListFilter());

        Assert.Single(messages);
        Assert.Equal(2, standIn.Requests.Count);
    }

    [Fact]
    public async Task List_BarePage_CountsFromNewest()
    {
        await using var standIn = await Start(loopback: false);
        using var http = standIn.CreateClient();
        http.DefaultRequestHeaders.Authorization = new("Basic", TwilioCredentials.FromAuthToken(TwilioRestStandIn.AccountSid, TwilioRestStandIn.AuthToken).BasicParameter());
        for (var i = 1; i <= 3; i++)
        {
            standIn.AddExistingMessage("+15005550009", TwilioRestStandIn.PhoneNumber, $"m{i}", Now.AddMinutes(i));
        }

        var page = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri(standIn.BaseUri, $"/2010-04-01/Accounts/{TwilioRestStandIn.AccountSid}/Messages.json?PageSize=2&Page=1"))).RootElement;

        Assert.Equal(["m1"], page.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("body").GetString()));
        Assert.Equal((1, 2), (page.GetProperty("page").GetInt32(), page.GetProperty("page_size").GetInt32()));
    }

    [Fact]
    public async Task Loopback_HeldCreate_CountedBeforeRelease()
    {
        await using var standIn = await TwilioRestStandIn.StartOnLoopbackAsync(_time);
        using var http = standIn.CreateClient();
        standIn.HoldMessages();

        var send = Client(standIn, http).CreateMessageAsync(new CreateMessageRequest { To = "+15005550009", From = TwilioRestStandIn.PhoneNumber, Body = "x" });
        var watchdog = System.Diagnostics.Stopwatch.StartNew();
        while (standIn.MessageCreateRequests == 0 && watchdog.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }

        Assert.Equal((1, false, 0), (standIn.MessageCreateRequests, send.IsCompleted, standIn.Messages.Count));
        standIn.ReleaseMessages();
        await send;
        Assert.Single(standIn.Messages);
    }

    private Task<TwilioRestStandIn> Start(bool loopback) =>
        loopback ? TwilioRestStandIn.StartOnLoopbackAsync(_time) : TwilioRestStandIn.StartAsync(_time);

    private TwilioRestClient Client(TwilioRestStandIn standIn, HttpClient http) =>
        new(http, TwilioCredentials.FromAuthToken(TwilioRestStandIn.AccountSid, TwilioRestStandIn.AuthToken),
            standIn.IsLoopback ? new TwilioRestClientOptions { BaseUri = standIn.BaseUri } : new TwilioRestClientOptions(), _time);
}
