using System.Net;
using System.Net.Sockets;
using System.Text;
using IvrService.Testing;
using IvrService.Testing.Twilio;
using IvrService.Twilio.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IvrService.Twilio.Tests.AspNetCore;

/// <summary>
/// Over a real socket and Kestrel: the signed URL is the request target exactly as it crossed the wire, so escapes
/// and characters that ASP.NET would decode or re-escape (<c>'</c>, <c>%27</c>, lowercase <c>%c3%a9</c>, <c>%41</c>,
/// <c>%2F</c>) still validate; rebuilding from the decoded <c>Path</c> would fail the last row.
/// </summary>
public class KestrelRawTargetTests
{
    private const string Token = "kestrel-token";

    [Theory]
    [InlineData("/hook/voice?Body=It's+ok&lang=es")]
    [InlineData("/hook/voice?Body=It%27s%20ok&name=%C3%A9")]
    [InlineData("/hook/a%2Fb/voice?state=%7B%22n%22%3A1%7D")]
    [InlineData("/hook/caf%C3%A9?x=|^")]
    [InlineData("/hook/it%27s/caf%c3%a9/%41?x=1")]
    public async Task Post_RawTargetWithEscapes_ValidatesAgainstWireForm(string target)
    {
        await using var app = await StartAsync();
        var origin = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        const string form = "CallSid=CA1&Body=h%C3%A9llo";
        var signature = TwilioRequestSigner.Sign(origin + target, [new("CallSid", "CA1"), new("Body", "héllo")], Token);

        var ok = await SendRawAsync(origin, target, form, signature);
        var forged = await SendRawAsync(origin, target, form, TwilioRequestSigner.Sign(origin + target + "&x=1", [], Token));

        Assert.StartsWith("HTTP/1.1 200", ok, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 403", forged, StringComparison.Ordinal);
    }

    /// <summary>
    /// Issue 17: node signs <c>new URL(received).href</c>; the raw target and Host header cross the wire unnormalised
    /// (host case, dot segments, <c>%2e</c>, <c>'</c>) and must still validate, while a signature over another path
    /// is refused.
    /// </summary>
    [Theory]
    [InlineData("IVR.Example.COM", "/hook/voice?Body=It's")]
    [InlineData("ivr.example.com", "/hook/v/../voice?n=1")]
    [InlineData("Ivr.Example.Com", "/hook/a/%2e%2E/./voice/?x='1'")]
    [InlineData("ivr.example.com", "/hook/./a/%2e/voice/..")]
    public async Task Post_WhatwgNormalisedSignature_ValidatesOverRealHttp(string host, string target)
    {
        await using var app = await StartAsync();
        var origin = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var authority = host + ":" + new Uri(origin).Port;
        var received = "http://" + authority + target;
        using var node = await NodeOracle.RunAsync("oracle/whatwg.js", new
        {
            cases = new[]
            {
                new { token = Token, received, forgedUrl = "http://" + authority.ToLowerInvariant() + "/hook/other", withPort = false,
                      @params = new Dictionary<string, string> { ["CallSid"] = "CA1", ["Body"] = "héllo" } },
            },
        });
        var result = node.RootElement.GetProperty("results")[0];
        const string form = "CallSid=CA1&Body=h%C3%A9llo";

        var ok = await SendRawAsync(origin, target, form, result.GetProperty("signature").GetString()!, authority);
        var forged = await SendRawAsync(origin, target, form, result.GetProperty("forged").GetString()!, authority);

        Assert.True(result.GetProperty("valid").GetBoolean());
        Assert.NotEqual(received, result.GetProperty("href").GetString());
        Assert.StartsWith("HTTP/1.1 200", ok, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 403", forged, StringComparison.Ordinal);
    }

    private static async Task<WebApplication> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["Twilio:AuthToken"] = Token;
        builder.Services.AddTwilioRequestValidation();
        var app = builder.Build();
        app.UseTwilioRequestValidation("/hook");
        app.Run(context => context.Response.WriteAsync("ok"));
        await app.StartAsync();
        return app;
    }

    private static async Task<string> SendRawAsync(string origin, string target, string form, string signature, string? hostHeader = null)
    {
        var uri = new Uri(origin);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, uri.Port);
        await using var stream = tcp.GetStream();
        var body = Encoding.UTF8.GetBytes(form);
        var head = $"POST {target} HTTP/1.1\r\nHost: {hostHeader ?? uri.Authority}\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
                   $"Content-Length: {body.Length}\r\n{TwilioSignature.HeaderName}: {signature}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync();
    }
}
