using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IvrService.Primary.Tests;

/// <summary>Every webhook of the primary refuses what Twilio did not sign, in every environment.</summary>
public class SignatureValidationTests
{
    private static FormUrlEncodedContent IncomingCall() => new(new Dictionary<string, string>
    {
        ["CallSid"] = "CA00000000000000000000000000000001",
        ["AccountSid"] = "AC00000000000000000000000000000001",
        ["From"] = "+14155550100",
        ["To"] = "+15005550006",
        ["CallStatus"] = "ringing",
        ["Direction"] = "inbound",
    });

    [Fact]
    public async Task Voice_SignedRequest_Returns200WithTwiml()
    {
        await using var app = new PrimaryAppFactory();

        var response = await app.CreateSignedClient().PostAsync(new Uri("/voice", UriKind.Relative), IncomingCall());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("<Response>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/voice")]
    [InlineData("/voice/continue?n=main")]
    [InlineData("/voice/status")]
    [InlineData("/sms")]
    public async Task Webhook_ForgedSignature_Returns403AndLogsReason(string path)
    {
        await using var app = new PrimaryAppFactory();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = IncomingCall() };
        request.Headers.Add("X-Twilio-Signature", "NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=");

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var warning = await app.Logs.WaitForAsync(e => e.Level == Serilog.Events.LogEventLevel.Warning && e.Properties.ContainsKey("Reason"));
        Assert.DoesNotContain(PrimaryAppFactory.AuthToken, warning.RenderMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Voice_MissingSignature_Returns403()
    {
        await using var app = new PrimaryAppFactory();

        var response = await app.CreateClient().PostAsync(new Uri("/voice", UriKind.Relative), IncomingCall());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Voice_SignedWithAnotherToken_Returns403()
    {
        await using var app = new PrimaryAppFactory();
        using var client = app.CreateTwilioClient("some-other-accounts-token", PrimaryAppFactory.PublicBase);

        var response = await client.PostAsync(new Uri("/voice", UriKind.Relative), IncomingCall());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_Unsigned_Returns200()
    {
        await using var app = new PrimaryAppFactory();

        var response = await app.CreateClient().GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Voice_ForwardedHeadersFromTrustedProxy_Returns200()
    {
        await using var app = new PrimaryAppFactory()
            .With("Twilio:RequestValidation:BaseUrlOverride", null)
            .With("Twilio:RequestValidation:TrustedProxies:0", PrimaryAppFactory.TrustedProxy);
        using var client = app.CreateTwilioClient(PrimaryAppFactory.AuthToken, new Uri("https://public.example.org:8443"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/voice") { Content = IncomingCall() };
        AddForwarded(request, PrimaryAppFactory.TrustedProxy);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Voice_ForwardedHeadersFromUntrustedPeer_Returns403()
    {
        await using var app = new PrimaryAppFactory()
            .With("Twilio:RequestValidation:BaseUrlOverride", null)
            .With("Twilio:RequestValidation:TrustedProxies:0", PrimaryAppFactory.TrustedProxy);
        using var client = app.CreateTwilioClient(PrimaryAppFactory.AuthToken, new Uri("https://public.example.org:8443"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/voice") { Content = IncomingCall() };
        AddForwarded(request, "203.0.113.9");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static void AddForwarded(HttpRequestMessage request, string peer)
    {
        request.Headers.Add("X-Test-Peer", peer);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "public.example.org");
        request.Headers.Add("X-Forwarded-Port", "8443");
    }
}
