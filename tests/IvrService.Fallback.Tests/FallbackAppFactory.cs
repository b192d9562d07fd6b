using System.Net;
using System.Xml.Linq;
using IvrService.Testing;
using IvrService.Testing.Logging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Time.Testing;

namespace IvrService.Fallback.Tests;

/// <summary>
/// The fallback app in Production mode with its own public URL and token, the primary's host allow-listed, a fake
/// clock (Monday 23 Nov 2026, 10:00 in New York: the sample flow's office is open) and captured logs.
/// </summary>
public class FallbackAppFactory : WebApplicationFactory<Program>
{
    public const string AuthToken = "fallback-test-auth-token";
    public const string PrimaryHost = "primary.example.com";
    public const string TrustedProxy = "10.0.0.5";
    public static readonly Uri PublicBase = new("https://fallback.example.net");

    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal)
    {
        ["Twilio:AuthToken"] = AuthToken,
        ["Twilio:RequestValidation:BaseUrlOverride"] = PublicBase.AbsoluteUri,
        ["Fallback:PrimaryHosts:0"] = PrimaryHost,
        ["Hosting:JsonLogs"] = "true",
    };

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));

    public InMemoryLogSink Logs { get; } = new();

    /// <summary>Overrides a setting before the host is built (null removes an embedded default).</summary>
    public FallbackAppFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>A client whose requests carry a valid signature for <see cref="PublicBase"/>.</summary>
    public HttpClient CreateSignedClient() => this.CreateTwilioClient(AuthToken, PublicBase);

    /// <summary>Posts a signed form to <paramref name="path"/> and returns the status and parsed TwiML (null when not XML).</summary>
    public async Task<(HttpStatusCode Status, XDocument? TwiML, string Body)> PostAsync(string path, IDictionary<string, string> form)
    {
        using var client = CreateSignedClient();
        using var content = new FormUrlEncodedContent(form);
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        var xml = response.Content.Headers.ContentType?.MediaType == "application/xml" ? XDocument.Parse(body) : null;
        return (response.StatusCode, xml, body);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddIvrTestHost(Time, Logs));
    }
}
