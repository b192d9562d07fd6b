using System.Net;
using IvrService.Testing.Twilio;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IvrService.Fallback.Tests;

/// <summary>Every fallback webhook refuses what Twilio did not sign for the fallback's own URL.</summary>
public class SignatureValidationTests
{
    [Theory]
    [InlineData("/fallback/voice")]
    [InlineData("/fallback/voice/continue?n=main")]
    [InlineData("/fallback/sms")]
    public async Task Webhook_ForgedSignature_Returns403(string path)
    {
        await using var app = new FallbackAppFactory();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(Webhooks.FailedCall("11205", null)) };
        request.Headers.Add("X-Twilio-Signature", "NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=");

        using var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Voice_SignedForThePrimarysUrl_Returns403()
    {
        // Twilio signs the URL it requested (the fallback's), never ErrorUrl: a signature for the primary is no pass.
        await using var app = new FallbackAppFactory();
        using var client = app.CreateTwilioClient(FallbackAppFactory.AuthToken, new Uri("https://primary.example.com"));

        using var response = await client.PostAsync(new Uri("/fallback/voice", UriKind.Relative), new FormUrlEncodedContent(Webhooks.FailedCall("11205", null)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Voice_ForwardedHeadersFromTrustedProxy_Returns200()
    {
        await using var app = new FallbackAppFactory()
            .With("Twilio:RequestValidation:BaseUrlOverride", null)
            .With("Twilio:RequestValidation:TrustedProxies:0", FallbackAppFactory.TrustedProxy);
        using var client = app.CreateTwilioClient(FallbackAppFactory.AuthToken, new Uri("https://fallback.example.net:8443"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fallback/voice") { Content = new FormUrlEncodedContent(Webhooks.FailedCall("11205", null)) };
        AddForwarded(request, FallbackAppFactory.TrustedProxy);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("https://fallback.example.net:8443/fallback/voice/continue", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Voice_ForwardedHeadersFromUntrustedPeer_Returns403()
    {
        await using var app = new FallbackAppFactory()
            .With("Twilio:RequestValidation:BaseUrlOverride", null)
            .With("Twilio:RequestValidation:TrustedProxies:0", FallbackAppFactory.TrustedProxy);
        using var client = app.CreateTwilioClient(FallbackAppFactory.AuthToken, new Uri("https://fallback.example.net:8443"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fallback/voice") { Content = new FormUrlEncodedContent(Webhooks.FailedCall("11205", null)) };
        AddForwarded(request, "203.0.113.9");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("/fallback/voice")]
    [InlineData("/fallback/sms")]
    public async Task Webhook_SignedWithSharedKey_AcceptedOnlyWithItsSecret(string path)
    {
        // A Webhook Rule of Twilio's Webhooks configuration API can sign the fallback URL with a SharedKey instead.
        const string settings = "key=webhooks_sharedkey_01JXAMPLE,algorithm=HMAC_SHA256";
        await using var app = new FallbackAppFactory().With("Twilio:RequestValidation:SharedKeySecrets:0", "fallback-shared-secret");
        using var client = app.CreateClient();
        var form = path.EndsWith("sms", StringComparison.Ordinal)
            ? Webhooks.FailedMessage("11200", null, "hi")
            : Webhooks.FailedCall("11205", null);
        var url = new Uri(FallbackAppFactory.PublicBase, path).AbsoluteUri;
        var pairs = form.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)).ToList();

        using var genuine = await client.SendAsync(TwilioRequestSigner.CreateSharedKeyFormPost(url, pairs, "fallback-shared-secret", settings));
        using var otherSecret = await client.SendAsync(TwilioRequestSigner.CreateSharedKeyFormPost(url, pairs, "another-secret", settings));
        using var authTokenUnderHeader = await client.SendAsync(TwilioRequestSigner.CreateSharedKeyFormPost(url, pairs, FallbackAppFactory.AuthToken, settings));

        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherSecret.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, authTokenUnderHeader.StatusCode);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/fallback/metrics")]
    public async Task OpenEndpoints_Unsigned_Return200(string path)
    {
        await using var app = new FallbackAppFactory();

        using var response = await app.CreateClient().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static void AddForwarded(HttpRequestMessage request, string peer)
    {
        request.Headers.Add("X-Test-Peer", peer);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "fallback.example.net");
        request.Headers.Add("X-Forwarded-Port", "8443");
    }
}
