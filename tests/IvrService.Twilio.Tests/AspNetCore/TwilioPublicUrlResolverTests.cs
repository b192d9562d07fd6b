using System.Net;
using IvrService.Twilio.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace IvrService.Twilio.Tests.AspNetCore;

public class TwilioPublicUrlResolverTests
{
    [Fact]
    public void GetPublicUrl_PlainRequest_UsesSchemeHostAndRawTarget()
    {
        var request = Request("http", "localhost:5080", "/voice?a=%27x%27&b=1");

        Assert.Equal("http://localhost:5080/voice?a=%27x%27&b=1", Resolver().GetPublicUrl(request));
    }

    [Fact]
    public void GetPublicUrl_NoRawTarget_FallsBackToEscapedPath()
    {
        var request = Request("https", "h", null);
        request.PathBase = "/ivr";
        request.Path = "/voice";
        request.QueryString = new QueryString("?x=1");

        Assert.Equal("https://h/ivr/voice?x=1", Resolver().GetPublicUrl(request));
    }

    [Fact]
    public void GetPublicUrl_BaseUrlOverrideWithPath_PrefixesRawTarget()
    {
        var request = Request("http", "10.0.0.7:8080", "/voice?x=1");

        var url = Resolver(o => o.RequestValidation.BaseUrlOverride = "https://public.example.com/ivr").GetPublicUrl(request);

        Assert.Equal("https://public.example.com/ivr/voice?x=1", url);
    }

    [Theory]
    [InlineData("https", "public.example.com", null, "https://public.example.com/voice")]
    [InlineData("https", "public.example.com", "443", "https://public.example.com/voice")]
    [InlineData("https", "public.example.com", "8443", "https://public.example.com:8443/voice")]
    [InlineData("http, https", "a.example, public.example.com:9443", null, "https://public.example.com:9443/voice")]
    [InlineData("ftp", "public.example.com", null, "http://public.example.com/voice")]
    public void GetPublicUrl_TrustedProxy_UsesNearestForwardedValues(string proto, string host, string? port, string expected)
    {
        var request = Request("http", "internal:8080", "/voice");
        request.HttpContext.Connection.RemoteIpAddress = IPAddress.Parse("::ffff:10.1.2.3");
        request.Headers["X-Forwarded-Proto"] = proto;
        request.Headers["X-Forwarded-Host"] = host;
        if (port is not null)
        {
            request.Headers["X-Forwarded-Port"] = port;
        }

        var url = Resolver(o => o.RequestValidation.TrustedProxies.Add("10.0.0.0/8")).GetPublicUrl(request);

        Assert.Equal(expected, url);
    }

    [Theory]
    [InlineData("for=192.0.2.60;proto=https;host=ivr.example.com", null, "https://ivr.example.com/voice")]
    [InlineData("for=1.1.1.1;proto=http;host=a.example, for=10.0.0.2;Proto=https;Host=\"ivr.example.com:8443\"", null, "https://ivr.example.com:8443/voice")]
    [InlineData("proto=https;host=from-forwarded.example", "x-forwarded.example", "https://x-forwarded.example/voice")]
    [InlineData("for=192.0.2.60", null, "http://internal:8080/voice")]
    public void GetPublicUrl_TrustedProxyForwardedHeader_UsedWhereXForwardedAbsent(string forwarded, string? xForwardedHost, string expected)
    {
        var request = Request("http", "internal:8080", "/voice");
        request.HttpContext.Connection.RemoteIpAddress = IPAddress.Parse("10.0.0.2");
        request.Headers["Forwarded"] = forwarded;
        if (xForwardedHost is not null)
        {
            request.Headers["X-Forwarded-Host"] = xForwardedHost;
        }

        var url = Resolver(o => o.RequestValidation.TrustedProxies.Add("10.0.0.0/8")).GetPublicUrl(request);

        Assert.Equal(expected, url);
    }

    [Fact]
    public void GetPublicUrl_UntrustedPeer_IgnoresForwardedHeaders()
    {
        var request = Request("http", "internal:8080", "/voice");
        request.HttpContext.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.1");
        request.Headers["X-Forwarded-Proto"] = "https";
        request.Headers["X-Forwarded-Host"] = "evil.example";
        request.Headers["Forwarded"] = "proto=https;host=evil.example";

        var url = Resolver(o => o.RequestValidation.TrustedProxies.Add("10.0.0.0/8")).GetPublicUrl(request);

        Assert.Equal("http://internal:8080/voice", url);
    }

    [Fact]
    public void GetPublicBaseUri_TrustedProxy_GivesOriginAndPathBase()
    {
        var request = Request("http", "internal", "/ivr/voice");
        request.PathBase = "/ivr";
        request.HttpContext.Connection.RemoteIpAddress = IPAddress.Loopback;
        request.Headers["X-Forwarded-Proto"] = "https";
        request.Headers["X-Forwarded-Host"] = "ivr.example.com";

        var uri = Resolver(o => o.RequestValidation.TrustedProxies.Add("127.0.0.1")).GetPublicBaseUri(request);

        Assert.Equal(new Uri("https://ivr.example.com/ivr"), uri);
    }

    private static TwilioPublicUrlResolver Resolver(Action<TwilioOptions>? configure = null)
    {
        var options = new TwilioOptions { AuthToken = "t" };
        configure?.Invoke(options);
        return new TwilioPublicUrlResolver(new StaticMonitor(options));
    }

    private static HttpRequest Request(string scheme, string host, string? rawTarget)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = scheme;
        context.Request.Host = new HostString(host);
        if (rawTarget is not null)
        {
            context.Features.Get<IHttpRequestFeature>()!.RawTarget = rawTarget;
        }

        return context.Request;
    }

    private sealed class StaticMonitor(TwilioOptions value) : IOptionsMonitor<TwilioOptions>
    {
        public TwilioOptions CurrentValue => value;

        public TwilioOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<TwilioOptions, string?> listener) => null;
    }
}
