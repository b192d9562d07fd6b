using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using IvrService.Primary.Tests.Voice;

namespace IvrService.Primary.Tests.Agents;

/// <summary>
/// The sample flow's assistant (option 0) over the primary's own WebSocket, as ConversationRelay uses it: the TwiML
/// that connects it, the signed upgrade, the protocol round trip from setup to the handoff, the action callback that
/// takes the caller on, and what bad input does to a session.
/// </summary>
public sealed class AgentSocketTests : IClassFixture<AgentSocketTests.App>
{
    public sealed class App : PrimaryAppFactory
    {
        public App() => With("Agent:MaxMessageBytes", "4096").With("Agent:MessagesPerSecond", "5");
    }

    // The session's state as the TwiML writes it: the agent node, the locale, the menu the caller came from.
    private const string SessionQuery = "?n=assistant&l=en-US&b=main";
    private static readonly Uri SocketUrl = new("wss://ivr.example.com/voice/agent" + SessionQuery);
    private readonly App _app;

    public AgentSocketTests(App app) => _app = app;

    // Twilio's algorithm, written out here rather than taken from the code under test: HMAC-SHA1 of the URL with the
    // auth token, base64 (a WebSocket upgrade has no parameters to append).
#pragma warning disable CA5350 // HMAC-SHA1 is what Twilio signs with (it offers HMAC-SHA256 only with shared keys)
    private static string Sign(string url) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(PrimaryAppFactory.AuthToken), Encoding.UTF8.GetBytes(url)));
#pragma warning restore CA5350

    private async Task<WebSocket> ConnectAsync(string? signature, string query = SessionQuery)
    {
        var client = _app.Server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            if (signature is not null)
            {
                request.Headers["X-Twilio-Signature"] = signature;
            }
        };
        return await client.ConnectAsync(new Uri("ws://localhost/voice/agent" + query), CancellationToken.None);
    }

    private static Task SendAsync(WebSocket socket, string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    private static async Task<(WebSocketMessageType Type, string Text)> ReceiveAsync(WebSocket socket)
    {
        var buffer = new byte[16 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        return (result.MessageType, Encoding.UTF8.GetString(buffer, 0, result.Count));
    }

    [Fact]
    public async Task MenuKeyZero_ConnectsConversationRelayToThePrimarysSignedSocket()
    {
        var call = new CallDriver(_app.CreateSignedClient());
        await call.StartAsync();

        var twiml = await call.PressAsync("0");

        var connect = twiml.Element("Connect")!;
        Assert.Equal("https://ivr.example.com/voice/continue" + SessionQuery, connect.Attribute("action")!.Value);
        var relay = connect.Element("ConversationRelay")!;
        Assert.Equal(SocketUrl.AbsoluteUri, relay.Attribute("url")!.Value);
        Assert.Equal(("en-US", "any", "true"), (relay.Attribute("language")!.Value, relay.Attribute("interruptible")!.Value, relay.Attribute("dtmfDetection")!.Value));
        Assert.StartsWith("Hi! Ask me about our opening hours", relay.Attribute("welcomeGreeting")!.Value, StringComparison.Ordinal);
        Assert.Contains("opening hours", relay.Attribute("hints")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_SetupPromptsAndHandoff_ThenTheActionContinuesAtSales()
    {
        using var socket = await ConnectAsync(Sign(SocketUrl.AbsoluteUri));

        await SendAsync(socket, """{"type":"setup","sessionId":"VX1","callSid":"CA11111111111111111111111111111111","from":"+14155550100","to":"+18005550199"}""");
        await SendAsync(socket, """{"type":"prompt","voicePrompt":"what are your","lang":"en-US","last":false}""");
        await SendAsync(socket, """{"type":"prompt","voicePrompt":"what are your opening hours?","lang":"en-US","last":true}""");
        using (var hours = JsonDocument.Parse((await ReceiveAsync(socket)).Text))
        {
            Assert.Equal("text", hours.RootElement.GetProperty("type").GetString());
            Assert.StartsWith("We are open Monday to Friday", hours.RootElement.GetProperty("token").GetString(), StringComparison.Ordinal);
            Assert.True(hours.RootElement.GetProperty("last").GetBoolean());
        }

        await SendAsync(socket, """{"type":"interrupt","utteranceUntilInterrupt":"We are open","durationUntilInterruptMs":"460"}""");
        await SendAsync(socket, """{"type":"prompt","voicePrompt":"can I talk to a person","last":true}""");
        Assert.Contains("Connecting you to our team.", (await ReceiveAsync(socket)).Text, StringComparison.Ordinal);
        using (var end = JsonDocument.Parse((await ReceiveAsync(socket)).Text))
        {
            Assert.Equal("end", end.RootElement.GetProperty("type").GetString());
            Assert.Equal("""{"reason":"transfer"}""", end.RootElement.GetProperty("handoffData").GetString());
        }

        Assert.Equal(WebSocketMessageType.Close, (await ReceiveAsync(socket)).Type);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);

        // Twilio then requests the <Connect> action with the handoff: the flow takes the caller to sales.
        var call = new CallDriver(_app.CreateSignedClient());
        var next = await call.PostAsync("/voice/continue" + SessionQuery, new()
        {
            ["SessionId"] = "VX1", ["SessionStatus"] = "ended", ["SessionDuration"] = "21", ["HandoffData"] = """{"reason":"transfer"}""",
        });
        Assert.Equal("+15005550006", next.Element("Dial")!.Element("Number")!.Value);
        Assert.Contains("en-US/connecting-sales.wav", next.PlayedKeys());
    }

    [Fact]
    public async Task ActionOfAFailedSession_TakesTheCallerBackToTheMenu()
    {
        var call = new CallDriver(_app.CreateSignedClient());

        var back = await call.PostAsync("/voice/continue" + SessionQuery, new() { ["SessionId"] = "VX2", ["SessionStatus"] = "failed", ["ErrorCode"] = "64105" });

        Assert.Equal(["en-US/main-long.wav"], back.PlayedKeys());
        Assert.Contains("n=main", back.Element("Gather")!.Attribute("action")!.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https")]      // signed over the https form (what twilio-aspnet checks): not what Twilio signs
    [InlineData("tampered")]   // signed for another node
    [InlineData("missing")]
    public async Task Upgrade_WithoutAValidWssSignature_IsRefusedBeforeTheUpgrade(string how)
    {
        var signature = how switch
        {
            "https" => Sign("https://ivr.example.com/voice/agent" + SessionQuery),
            "tampered" => Sign("wss://ivr.example.com/voice/agent?n=main&l=en-US&b=main"),
            _ => null,
        };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(signature));

        Assert.Contains("403", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upgrade_ForANodeThatIsNoBuiltinAgent_IsRefused()
    {
        var query = "?n=main&l=en-US";

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ConnectAsync(Sign("wss://ivr.example.com/voice/agent" + query), query));

        Assert.Contains("404", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all", WebSocketCloseStatus.InvalidPayloadData, "not JSON")]
    [InlineData("""["a","list"]""", WebSocketCloseStatus.InvalidPayloadData, "not an object")]
    [InlineData("""{"voicePrompt":"no type"}""", WebSocketCloseStatus.InvalidPayloadData, "no \"type\"")]
    [InlineData("""{"type":"dtmf","digit":"12"}""", WebSocketCloseStatus.InvalidPayloadData, "one key")]
    [InlineData("oversized", WebSocketCloseStatus.MessageTooBig, "over 4096 bytes")]
    public async Task Session_BadMessage_ClosesWithAStatusAndALoggedReason(string message, WebSocketCloseStatus status, string reason)
    {
        using var socket = await ConnectAsync(Sign(SocketUrl.AbsoluteUri));
        var frame = message == "oversized" ? $$"""{"type":"prompt","voicePrompt":"{{new string('x', 5000)}}","last":true}""" : message;

        await SendAsync(socket, frame);

        Assert.Equal(WebSocketMessageType.Close, (await ReceiveAsync(socket)).Type);
        Assert.Equal(status, socket.CloseStatus);
        Assert.Contains(reason, socket.CloseStatusDescription, StringComparison.Ordinal);
        await _app.Logs.WaitForAsync(e => IvrService.Testing.Logging.InMemoryLogSink.Property(e, "Reason")?.Contains(reason, StringComparison.Ordinal) == true
            && e.Level == Serilog.Events.LogEventLevel.Warning);
    }

    [Fact]
    public async Task Session_MessagesFasterThanTheLimit_AreClosedAsAPolicyViolation()
    {
        using var socket = await ConnectAsync(Sign(SocketUrl.AbsoluteUri));

        // The bucket holds twice the rate (10 here); the eleventh message in a burst is one too many.
        for (var i = 0; i < 11; i++)
        {
            await SendAsync(socket, """{"type":"interrupt","utteranceUntilInterrupt":"x"}""");
        }

        Assert.Equal(WebSocketMessageType.Close, (await ReceiveAsync(socket)).Type);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, socket.CloseStatus);
    }

    [Fact]
    public async Task Session_Idle_EndsWithTheIdleHandoffSoTheFlowGoesOn()
    {
        await using var quick = new PrimaryAppFactory().With("Agent:IdleTimeoutSeconds", "5");
        var client = quick.Server.CreateWebSocketClient();
        client.ConfigureRequest = request => request.Headers["X-Twilio-Signature"] = Sign(SocketUrl.AbsoluteUri);
        using var socket = await client.ConnectAsync(new Uri("ws://localhost/voice/agent" + SessionQuery), CancellationToken.None);
        await SendAsync(socket, """{"type":"setup","sessionId":"VX3","callSid":"CA33333333333333333333333333333333"}""");
        await quick.Logs.WaitForAsync(e => e.RenderMessage().Contains("VX3", StringComparison.Ordinal));
        await Task.Delay(200);

        // The session's clock is the app's TimeProvider: 4 s of silence is not yet idle, 5 s is.
        quick.Time.Advance(TimeSpan.FromSeconds(4));
        await Task.Delay(200);
        Assert.Equal(WebSocketState.Open, socket.State);
        quick.Time.Advance(TimeSpan.FromSeconds(1));
        using var end = JsonDocument.Parse((await ReceiveAsync(socket)).Text);

        Assert.Equal("end", end.RootElement.GetProperty("type").GetString());
        Assert.Equal("""{"reason":"idle"}""", end.RootElement.GetProperty("handoffData").GetString());
        Assert.Equal(WebSocketMessageType.Close, (await ReceiveAsync(socket)).Type);
    }

    [Fact]
    public async Task Route_WithoutAnUpgrade_IsABadRequest()
    {
        using var response = await _app.CreateSignedClient().GetAsync(new Uri("/voice/agent" + SessionQuery, UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }
}
