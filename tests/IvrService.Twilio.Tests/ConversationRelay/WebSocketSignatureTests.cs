using System.Collections.Specialized;
using System.Net;
using IvrService.Testing.Twilio;
using IvrService.Twilio.Security;
using IvrService.Twilio.Tests.AspNetCore;
using SdkRequestValidator = global::Twilio.Security.RequestValidator;

namespace IvrService.Twilio.Tests.ConversationRelay;

/// <summary>
/// A WebSocket upgrade is signed over the ws(s) URL Twilio connected to. The signatures sent here are the official
/// SDK's idea of valid (asserted with its <c>RequestValidator</c>), so the check is not the code under test's own.
/// </summary>
public sealed class WebSocketSignatureTests
{
    private const string LocalWs = "ws://localhost/hook/voice?n=assistant&l=en-US";

    private static HttpRequestMessage Upgrade(string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "http://localhost/hook/voice?n=assistant&l=en-US");
        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.Add(new System.Net.Http.Headers.ProductHeaderValue("websocket"));
        if (signature is not null)
        {
            request.Headers.Add(TwilioSignature.HeaderName, signature);
        }

        return request;
    }

    [Theory]
    [MemberData(nameof(TwilioRequestValidationTests.Styles), MemberType = typeof(TwilioRequestValidationTests))]
    public async Task Upgrade_SignedOverTheWsUrl_IsAccepted(GuardStyle style)
    {
        await using var app = await ValidationTestApp.StartAsync(style);
        var signature = TwilioRequestSigner.Sign(LocalWs, [], ValidationTestApp.Token);
        Assert.True(new SdkRequestValidator(ValidationTestApp.Token).Validate(LocalWs, new NameValueCollection(), signature));

        var response = await app.Client.SendAsync(Upgrade(signature));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("http://localhost/hook/voice?n=assistant&l=en-US")]   // the http(s) form, which twilio-aspnet checks
    [InlineData("ws://localhost/hook/voice?n=main&l=en-US")]          // tampered state
    public async Task Upgrade_SignedOverAnotherUrl_IsRefused(string signedUrl)
    {
        await using var app = await ValidationTestApp.StartAsync(GuardStyle.Middleware);
        var signature = TwilioRequestSigner.Sign(signedUrl, [], ValidationTestApp.Token);
        Assert.True(new SdkRequestValidator(ValidationTestApp.Token).Validate(signedUrl, new NameValueCollection(), signature));

        var response = await app.Client.SendAsync(Upgrade(signature));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Upgrade_WithoutSignature_IsRefused()
    {
        await using var app = await ValidationTestApp.StartAsync(GuardStyle.Middleware);

        var response = await app.Client.SendAsync(Upgrade(null));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("https://ivr.example.com/voice/agent?n=a", "wss://ivr.example.com/voice/agent?n=a")]
    [InlineData("http://localhost:5080/voice/agent", "ws://localhost:5080/voice/agent")]
    [InlineData("HTTPS://ivr.example.com/", "wss://ivr.example.com/")]
    [InlineData("wss://ivr.example.com/x", "wss://ivr.example.com/x")]
    public void ToWebSocket_MapsTheScheme(string url, string expected) => Assert.Equal(expected, TwilioUrlCandidates.ToWebSocket(url));
}
