using System.Net;
using System.Text;
using IvrService.Testing.Twilio;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using IvrService.Twilio.Security;

namespace IvrService.Twilio.Tests.AspNetCore;

public class TwilioRequestValidationTests
{
    private const string LocalUrl = "http://localhost/hook/voice";

    private static readonly KeyValuePair<string, string?>[] Form =
    [
        new("CallSid", "CA0123456789abcdef0123456789abcdef"), new("From", "+15005550006"), new("To", "+15005550001"),
        new("Digits", "1"), new("Body", "héllo 😀"),
    ];

    public static TheoryData<GuardStyle> Styles => new() { GuardStyle.Middleware, GuardStyle.EndpointFilter, GuardStyle.MvcAttribute };

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Post_SignedForm_Returns200AndFormStillReadable(GuardStyle style)
    {
        await using var app = await ValidationTestApp.StartAsync(style);

        var response = await app.Client.SendAsync(TwilioRequestSigner.CreateFormPost(LocalUrl, Form, ValidationTestApp.Token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("form:CA0123456789abcdef0123456789abcdef", await response.Content.ReadAsStringAsync());
        Assert.Empty(app.Logs.ByEvent("TwilioRequestRejected"));
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Post_ForgedSignature_Returns403AndLogsNoMatch(GuardStyle style)
    {
        await using var app = await ValidationTestApp.StartAsync(style);
        var request = Post(LocalUrl, Form);
        request.Headers.Add(TwilioSignature.HeaderName, "RSOYDt4T1cUTdK1PDd93/VVr8B8=");

        var response = await app.Client.SendAsync(request);

        await AssertRejected(app, response, HttpStatusCode.Forbidden, TwilioSignatureFailure.NoMatch);
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Post_TamperedField_Returns403(GuardStyle style)
    {
        await using var app = await ValidationTestApp.StartAsync(style);
        var request = Post(LocalUrl, Form.Select(p => p.Key == "Digits" ? new KeyValuePair<string, string?>("Digits", "9") : p));
        request.Headers.Add(TwilioSignature.HeaderName, TwilioRequestSigner.Sign(LocalUrl, Form, ValidationTestApp.Token));

        var response = await app.Client.SendAsync(request);

        await AssertRejected(app, response, HttpStatusCode.Forbidden, TwilioSignatureFailure.NoMatch);
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Post_NoSignatureHeader_Returns403AndLogsNoHeader(GuardStyle style)
    {
        await using var app = await ValidationTestApp.StartAsync(style);

        var response = await app.Client.SendAsync(Post(LocalUrl, Form));

        await AssertRejected(app, response, HttpStatusCode.Forbidden, TwilioSignatureFailure.NoHeader);
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Post_WrongToken_Returns403AndLogNeverHoldsTokenOrSignature(GuardStyle style)
    {
        await using var app = await ValidationTestApp.StartAsync(style);
        var request = TwilioRequestSigner.CreateFormPost(LocalUrl, Form, "some-other-token");
        var signature = request.Headers.GetValues(TwilioSignature.HeaderName).Single();

        var response = await app.Client.SendAsync(request);

        var entry = await AssertRejected(app, response, HttpStatusCode.Forbidden, TwilioSignatureFailure.NoMatch);
        Assert.Equal("CA0123456789abcdef0123456789abcdef", entry.Properties["CallSid"]);
        Assert.Contains(LocalUrl, (IEnumerable<string>)entry.Properties["UrlCandidates"]!);
        Assert.Equal(LocalUrl, entry.Properties["PublicUrl"]);
        Assert.All(app.Logs.Entries, e =>
        {
            Assert.DoesNotContain(ValidationTestApp.Token, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(signature, e.Message, StringComparison.Ordinal);
        });
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Post_SignedWithRotationToken_Returns200AndLogsTokenIndex(GuardStyle style)
    {
        await using var app = await ValidationTestApp.StartAsync(style, ("Twilio:RequestValidation:AdditionalAuthTokens:0", "next-token-abcdef"));

        var response = await app.Client.SendAsync(TwilioRequestSigner.CreateFormPost(LocalUrl, Form, "next-token-abcdef"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var used = Assert.Single(app.Logs.ByEvent("TwilioAdditionalTokenUsed"));
        Assert.Equal(1, used.Properties["TokenIndex"]);
    }

    private const string SharedKeySecret = "shared-key-secret-0123456789";
    private const string SharedKeySettings = "key=webhooks_sharedkey_01JXAMPLE,algorithm=HMAC_SHA256";

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Post_SignedWithSharedKeyHmacSha256_Returns200AndLogsKey(GuardStyle style)
    {
        await using var app = await ValidationTestApp.StartAsync(
            style, ("Twilio:RequestValidation:SharedKeySecrets:0", "old-shared-secret"), ("Twilio:RequestValidation:SharedKeySecrets:1", SharedKeySecret));

        var response = await app.Client.SendAsync(TwilioRequestSigner.CreateSharedKeyFormPost(LocalUrl, Form, SharedKeySecret, SharedKeySettings));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("form:CA0123456789abcdef0123456789abcdef", await response.Content.ReadAsStringAsync());
        var used = Assert.Single(app.Logs.ByEvent("TwilioSharedKeyUsed"));
        Assert.Equal("webhooks_sharedkey_01JXAMPLE", used.Properties["SharedKeyId"]);
        Assert.Equal(1, used.Properties["SecretIndex"]);
        Assert.All(app.Logs.Entries, e => Assert.DoesNotContain(SharedKeySecret, e.Message, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Post_SharedKeyHeaderWithoutConfiguredSecret_Returns403WithHint(GuardStyle style)
    {
        await using var app = await ValidationTestApp.StartAsync(style);

        var response = await app.Client.SendAsync(TwilioRequestSigner.CreateSharedKeyFormPost(LocalUrl, Form, SharedKeySecret, SharedKeySettings));

        var entry = await AssertRejected(app, response, HttpStatusCode.Forbidden, TwilioSignatureFailure.NoSharedKeyConfigured);
        Assert.Contains("Twilio__RequestValidation__SharedKeySecrets__0", entry.Message, StringComparison.Ordinal);
        Assert.Contains("webhooks_sharedkey_01JXAMPLE", entry.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Post_SharedKeyHeaderButAuthTokenSignature_Returns403(GuardStyle style)
    {
        // A forger who only has a request signed with the auth token cannot make it pass by adding the header.
        await using var app = await ValidationTestApp.StartAsync(style, ("Twilio:RequestValidation:SharedKeySecrets:0", SharedKeySecret));
        var request = TwilioRequestSigner.CreateFormPost(LocalUrl, Form, ValidationTestApp.Token);
        request.Headers.TryAddWithoutValidation(TwilioSignatureSettings.HeaderName, "key=k,algorithm=HMAC_SHA1");

        var response = await app.Client.SendAsync(request);

        var entry = await AssertRejected(app, response, HttpStatusCode.Forbidden, TwilioSignatureFailure.NoMatch);
        Assert.Contains("SharedKeySecrets", entry.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("key=k,algorithm=HMAC_SHA512", TwilioSignatureFailure.UnsupportedAlgorithm)]
    [InlineData(null, TwilioSignatureFailure.MultipleHeaders)]
    public async Task Post_BadSignatureSettings_Returns403WithReason(string? header, TwilioSignatureFailure reason)
    {
        await using var app = await ValidationTestApp.StartAsync(GuardStyle.Middleware, ("Twilio:RequestValidation:SharedKeySecrets:0", SharedKeySecret));
        var request = TwilioRequestSigner.CreateSharedKeyFormPost(LocalUrl, Form, SharedKeySecret, header ?? SharedKeySettings);
        if (header is null)
        {
            request.Headers.TryAddWithoutValidation(TwilioSignatureSettings.HeaderName, "key=k2,algorithm=HMAC_SHA1");
        }

        var response = await app.Client.SendAsync(request);

        await AssertRejected(app, response, HttpStatusCode.Forbidden, reason);
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Post_ForwardedHeadersFromTrustedProxy_Returns200(GuardStyle style)
    {
        await using var app = await ValidationTestApp.StartAsync(style, ("Twilio:RequestValidation:TrustedProxies:0", "10.0.0.0/8"));
        var request = TwilioRequestSigner.CreateFormPost("https://ivr.example.com/hook/voice", Form, ValidationTestApp.Token);
        AddForwarded(request, "10.1.2.3", proto: "https", host: "ivr.example.com");

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Post_ForwardedHeadersFromUntrustedPeer_Returns403(GuardStyle style)
    {
        await using var app = await ValidationTestApp.StartAsync(style, ("Twilio:RequestValidation:TrustedProxies:0", "10.0.0.0/8"));
        var request = TwilioRequestSigner.CreateFormPost("https://ivr.example.com/hook/voice", Form, ValidationTestApp.Token);
        AddForwarded(request, "203.0.113.9", proto: "https", host: "ivr.example.com");

        var response = await app.Client.SendAsync(request);

        var entry = await AssertRejected(app, response, HttpStatusCode.Forbidden, TwilioSignatureFailure.NoMatch);
        Assert.Equal("203.0.113.9", entry.Properties["RemoteIp"]);
        Assert.Contains("TrustedProxies", entry.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Post_ForwardedFromLoopbackNotListed_Returns403(GuardStyle style)
    {
        // "Local" callers get no special treatment: loopback is trusted only when configured.
        await using var app = await ValidationTestApp.StartAsync(style);
        var request = TwilioRequestSigner.CreateFormPost("https://ivr.example.com/hook/voice", Form, ValidationTestApp.Token);
        AddForwarded(request, "127.0.0.1", proto: "https", host: "ivr.example.com");

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData(GuardStyle.Middleware, "https://ivr.example.com:8443/hook/voice")]
    [InlineData(GuardStyle.EndpointFilter, "https://ivr.example.com:8443/hook/voice")]
    [InlineData(GuardStyle.MvcAttribute, "https://ivr.example.com:8443/hook/voice")]
    [InlineData(GuardStyle.Middleware, "https://ivr.example.com/hook/voice")]
    [InlineData(GuardStyle.MvcAttribute, "https://ivr.example.com/hook/voice")]
    public async Task Post_HttpsNonDefaultPortBehindProxy_AcceptsWithAndWithoutPort(GuardStyle style, string signedUrl)
    {
        // SMS keeps the port in what it signs; Voice over HTTPS drops it: both must pass.
        await using var app = await ValidationTestApp.StartAsync(style, ("Twilio:RequestValidation:TrustedProxies:0", "::1"));
        var request = TwilioRequestSigner.CreateFormPost(signedUrl, Form, ValidationTestApp.Token);
        AddForwarded(request, "::1", proto: "https", host: "ivr.example.com", port: "8443");

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Post_BaseUrlOverride_SignedForPublicUrlOnly(GuardStyle style)
    {
        await using var app = await ValidationTestApp.StartAsync(style, ("Twilio:RequestValidation:BaseUrlOverride", "https://abc123.ngrok.app/"));

        var good = await app.Client.SendAsync(TwilioRequestSigner.CreateFormPost("https://abc123.ngrok.app/hook/voice?lang=es", Form, ValidationTestApp.Token));
        var local = await app.Client.SendAsync(TwilioRequestSigner.CreateFormPost(LocalUrl + "?lang=es", Form, ValidationTestApp.Token));

        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, local.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Post_SignedOverPlainHttpInProduction_WarnsOnceAboutReplay(GuardStyle style)
    {
        await using var app = await ValidationTestApp.StartAsync(style);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await app.Client.SendAsync(TwilioRequestSigner.CreateFormPost(LocalUrl, Form, ValidationTestApp.Token))).StatusCode);
        }

        var warning = Assert.Single(app.Logs.ByEvent("TwilioWebhookOverPlainHttp"));
        Assert.Contains(LocalUrl, warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Post_SignedOverHttpsOrInDevelopment_NoReplayWarning(GuardStyle style)
    {
        await using var https = await ValidationTestApp.StartAsync(style, ("Twilio:RequestValidation:BaseUrlOverride", "https://abc123.ngrok.app/"));
        await using var development = await ValidationTestApp.StartAsync(style, "Development");

        var overHttps = await https.Client.SendAsync(TwilioRequestSigner.CreateFormPost("https://abc123.ngrok.app/hook/voice", Form, ValidationTestApp.Token));
        var local = await development.Client.SendAsync(TwilioRequestSigner.CreateFormPost(LocalUrl, Form, ValidationTestApp.Token));

        Assert.Equal(HttpStatusCode.OK, overHttps.StatusCode);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Empty(https.Logs.ByEvent("TwilioWebhookOverPlainHttp"));
        Assert.Empty(development.Logs.ByEvent("TwilioWebhookOverPlainHttp"));
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Get_SignedUrl_Returns200(GuardStyle style)
    {
        await using var app = await ValidationTestApp.StartAsync(style);
        const string url = LocalUrl + "?CallSid=CA123&From=%2B15005550006";
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(TwilioSignature.HeaderName, TwilioRequestSigner.Sign(url, [], ValidationTestApp.Token));

        var response = await app.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Post_JsonBodyWithMatchingHash_Returns200AndBodyStillReadable(GuardStyle style)
    {
        await using var app = await ValidationTestApp.StartAsync(style);
        var body = Encoding.UTF8.GetBytes("""{"CallSid":"CA1","Text":"héllo"}""");
        var (url, signature) = TwilioRequestSigner.SignJson(LocalUrl, body, ValidationTestApp.Token);

        var response = await app.Client.SendAsync(Json(url, body, signature));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("body:" + Encoding.UTF8.GetString(body), await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Post_JsonBodyChanged_Returns403WithBodyHashMismatch(GuardStyle style)
    {
        await using var app = await ValidationTestApp.StartAsync(style);
        var (url, signature) = TwilioRequestSigner.SignJson(LocalUrl, Encoding.UTF8.GetBytes("""{"a":1}"""), ValidationTestApp.Token);

        var response = await app.Client.SendAsync(Json(url, Encoding.UTF8.GetBytes("""{"a":2}"""), signature));

        await AssertRejected(app, response, HttpStatusCode.Forbidden, TwilioSignatureFailure.BodyHashMismatch);
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Post_JsonBodyWithoutHash_Returns403WithBodyHashMissing(GuardStyle style)
    {
        await using var app = await ValidationTestApp.StartAsync(style);

        var response = await app.Client.SendAsync(Json(LocalUrl, Encoding.UTF8.GetBytes("""{"a":1}"""), TwilioRequestSigner.Sign(LocalUrl, [], ValidationTestApp.Token)));

        await AssertRejected(app, response, HttpStatusCode.Forbidden, TwilioSignatureFailure.BodyHashMissing);
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Post_BodyOverLimit_Returns413NotServerError(GuardStyle style)
    {
        await using var app = await ValidationTestApp.StartAsync(style, ("Twilio:RequestValidation:MaxBodyBytes", "4096"));
        var request = Post(LocalUrl, [new("Body", new string('x', 10_000))]);
        request.Headers.Add(TwilioSignature.HeaderName, "AAAAAAAAAAAAAAAAAAAAAAAAAAA=");

        var response = await app.Client.SendAsync(request);

        await AssertRejected(app, response, HttpStatusCode.RequestEntityTooLarge, TwilioSignatureFailure.UnreadableBody);
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Post_TwoSignatureHeaders_Returns403MultipleHeaders(GuardStyle style)
    {
        await using var app = await ValidationTestApp.StartAsync(style);
        var form = new List<KeyValuePair<string, string?>> { new("CallSid", "CA1") };
        var request = Post(LocalUrl, form);
        var valid = TwilioSignature.Compute(LocalUrl, form, ValidationTestApp.Token);
        request.Headers.Add(TwilioSignature.HeaderName, [valid, valid]);

        var response = await app.Client.SendAsync(request);

        await AssertRejected(app, response, HttpStatusCode.Forbidden, TwilioSignatureFailure.MultipleHeaders);
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Post_ChunkedFormOverLimit_Returns400NotServerError(GuardStyle style)
    {
        // No Content-Length to check up front, and every field is small: only the total gives it away.
        await using var app = await ValidationTestApp.StartAsync(style, ("Twilio:RequestValidation:MaxBodyBytes", "4096"));
        var form = string.Join('&', Enumerable.Range(0, 40).Select(i => $"f{i}={new string('x', 200)}"));
        var request = new HttpRequestMessage(HttpMethod.Post, LocalUrl)
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(form))),
        };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add(TwilioSignature.HeaderName, "AAAAAAAAAAAAAAAAAAAAAAAAAAA=");

        var response = await app.Client.SendAsync(request);

        await AssertRejected(app, response, HttpStatusCode.BadRequest, TwilioSignatureFailure.UnreadableBody);
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Post_TooManyFormFields_Returns400NotServerError(GuardStyle style)
    {
        await using var app = await ValidationTestApp.StartAsync(style, ("Twilio:RequestValidation:MaxFormFields", "10"));
        var request = Post(LocalUrl, Enumerable.Range(0, 50).Select(i => new KeyValuePair<string, string?>("f" + i, "v")));
        request.Headers.Add(TwilioSignature.HeaderName, "AAAAAAAAAAAAAAAAAAAAAAAAAAA=");

        var response = await app.Client.SendAsync(request);

        await AssertRejected(app, response, HttpStatusCode.BadRequest, TwilioSignatureFailure.UnreadableBody);
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Post_GarbageBytesAsForm_NeverServerError(GuardStyle style)
    {
        await using var app = await ValidationTestApp.StartAsync(style);
        var garbage = new byte[3000];
        new Random(7).NextBytes(garbage);
        var request = new HttpRequestMessage(HttpMethod.Post, "/hook/voice") { Content = new ByteArrayContent(garbage) };
        request.Content.Headers.ContentType = new("application/x-www-form-urlencoded");
        request.Headers.Add(TwilioSignature.HeaderName, "AAAAAAAAAAAAAAAAAAAAAAAAAAA=");

        var response = await app.Client.SendAsync(request);

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.Forbidden });
    }

    [Fact]
    public async Task Healthz_Unsigned_StaysOpenUnderMiddleware()
    {
        await using var app = await ValidationTestApp.StartAsync(GuardStyle.Middleware);

        var response = await app.Client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Middleware_PathOutsidePrefix_NotValidated()
    {
        await using var app = await ValidationTestApp.StartAsync(GuardStyle.Middleware);

        // "/hookx" shares the characters of "/hook" but not its segment.
        var response = await app.Client.PostAsync(new Uri("/hookx", UriKind.Relative), new FormUrlEncodedContent(Form));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Post_SigningHandlerClient_Returns200(GuardStyle style)
    {
        await using var app = await ValidationTestApp.StartAsync(style);
        using var client = ((TestServer)app.App.Services.GetRequiredService<IServer>()).CreateHandler().CreateTwilioClient(new Uri("http://localhost"), ValidationTestApp.Token);

        var form = await client.PostAsync(new Uri("/hook/voice", UriKind.Relative), new FormUrlEncodedContent(Form));
        var get = await client.GetAsync(new Uri("/hook/voice?CallSid=CA9", UriKind.Relative));
        var json = await client.PostAsync(new Uri("/hook/voice", UriKind.Relative), new StringContent("""{"x":1}""", Encoding.UTF8, "application/json"));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], new[] { form.StatusCode, get.StatusCode, json.StatusCode });
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Post_DevelopmentWithoutToken_Returns403AndLogsHowToSetIt(GuardStyle style)
    {
        await using var app = await ValidationTestApp.StartAsync(style, "Development", ("Twilio:AuthToken", null));

        var response = await app.Client.SendAsync(TwilioRequestSigner.CreateFormPost(LocalUrl, Form, ValidationTestApp.Token));

        var entry = await AssertRejected(app, response, HttpStatusCode.Forbidden, TwilioSignatureFailure.NoTokenConfigured);
        Assert.Contains("Twilio__AuthToken", entry.Message, StringComparison.Ordinal);
        Assert.Single(app.Logs.ByEvent("TwilioNoAuthToken"));
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public async Task Post_DevelopmentSwitchOff_AcceptsUnsignedAndWarnsEachTime(GuardStyle style)
    {
        await using var app = await ValidationTestApp.StartAsync(style, "Development", ("Twilio:RequestValidation:Enabled", "false"));

        var response = await app.Client.SendAsync(Post(LocalUrl, Form));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, Assert.Single(app.Logs.ByEvent("TwilioValidationDisabledAtStartup")).Level);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, Assert.Single(app.Logs.ByEvent("TwilioValidationDisabled")).Level);
    }

    private static HttpRequestMessage Post(string url, IEnumerable<KeyValuePair<string, string?>> form) =>
        new(HttpMethod.Post, new Uri(url).PathAndQuery) { Content = new FormUrlEncodedContent(form) };

    private static HttpRequestMessage Json(string url, byte[] body, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url).PathAndQuery) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(TwilioSignature.HeaderName, signature);
        return request;
    }

    private static void AddForwarded(HttpRequestMessage request, string remoteIp, string proto, string host, string? port = null)
    {
        request.Headers.Add(ValidationTestApp.RemoteIpHeader, remoteIp);
        request.Headers.Add("X-Forwarded-Proto", proto);
        request.Headers.Add("X-Forwarded-Host", host);
        if (port is not null)
        {
            request.Headers.Add("X-Forwarded-Port", port);
        }
    }

    private static async Task<IvrService.Testing.Logging.LogEntry> AssertRejected(
        ValidationTestApp app, HttpResponseMessage response, HttpStatusCode status, TwilioSignatureFailure reason)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        var entry = Assert.Single(app.Logs.ByEvent("TwilioRequestRejected"));
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, entry.Level);
        Assert.Equal(reason, entry.Properties["Reason"]);
        return entry;
    }
}
