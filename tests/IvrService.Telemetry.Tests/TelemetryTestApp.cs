using System.Diagnostics;
using System.Xml.Linq;
using IvrService.Testing;
using IvrService.Testing.Logging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry.Trace;

namespace IvrService.Telemetry.Tests;

/// <summary>
/// Either app in Production with a known token and public URL and a fake clock; with <paramref name="spans"/>, tracing
/// on and every span recorded there by the in-memory exporter.
/// </summary>
internal sealed class TelemetryTestApp<TEntryPoint>(Uri publicBase, List<Activity>? spans, params (string Key, string Value)[] settings)
    : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    public const string Token = "telemetry-test-auth-token";

    /// <summary>A client that signs every request like Twilio for the app's public URL.</summary>
    public HttpClient CreateSignedClient() => this.CreateTwilioClient(Token, publicBase);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Twilio:AuthToken", Token);
        builder.UseSetting("Twilio:RequestValidation:BaseUrlOverride", publicBase.AbsoluteUri);
        builder.UseSetting("Hosting:JsonLogs", "true");
        builder.UseSetting("Messaging:Enabled", "false");
        if (spans is not null)
        {
            builder.UseSetting("Telemetry:Tracing", "On");
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddIvrTestHost(new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero)), new InMemoryLogSink());
            if (spans is not null)
            {
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
            }
        });
    }
}

/// <summary>Posting webhook forms and reading the TwiML answers.</summary>
internal static class Webhook
{
    /// <summary>A call's usual parameters (the CallSid padded to Twilio's 34 characters) with <paramref name="extra"/> on top.</summary>
    public static Dictionary<string, string> Call(string sid, params (string Key, string Value)[] extra)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CallSid"] = sid.PadRight(34, '0'), ["AccountSid"] = "AC00000000000000000000000000000001",
            ["From"] = "+14155550100", ["To"] = "+15005550006", ["CallStatus"] = "in-progress", ["Direction"] = "inbound",
        };
        foreach (var (key, value) in extra)
        {
            form[key] = value;
        }

        return form;
    }

    /// <summary>Posts <paramref name="form"/> to <paramref name="url"/> (absolute or a path), asserts a 2xx and returns the TwiML.</summary>
    public static async Task<XElement> PostAsync(HttpClient client, string url, IDictionary<string, string> form, string? traceparent = null)
    {
        var path = url.StartsWith("http", StringComparison.Ordinal) ? new Uri(url).PathAndQuery : url;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new FormUrlEncodedContent(form) };
        if (traceparent is not null)
        {
            request.Headers.Add("traceparent", traceparent);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}: {body}");
        return XDocument.Parse(body).Root!;
    }

    /// <summary>The action URL of the first <paramref name="verb"/> in <paramref name="twiml"/> (any verb when null).</summary>
    public static string Action(XElement twiml, string? verb = null) =>
        twiml.Descendants().First(e => (verb is null || e.Name.LocalName == verb) && e.Attribute("action") is not null).Attribute("action")!.Value;
}
