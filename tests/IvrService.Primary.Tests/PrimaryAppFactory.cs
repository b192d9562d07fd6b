using IvrService.Testing;
using IvrService.Testing.Logging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace IvrService.Primary.Tests;

/// <summary>
/// The primary app in Production mode with a known token and public URL, a fake clock (Monday 23 Nov 2026,
/// 10:00 in New York: the sample flow's office is open) and captured logs. Tests sign every request like Twilio.
/// </summary>
public class PrimaryAppFactory : WebApplicationFactory<Program>
{
    public const string AuthToken = "primary-test-auth-token";
    public const string AccountSid = "AC00000000000000000000000000000001";
    public const string TrustedProxy = "10.0.0.5";
    public static readonly Uri PublicBase = new("https://ivr.example.com");

    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal)
    {
        ["Twilio:AuthToken"] = AuthToken,
        // The sample flow texts callers (option 5): off here, so no test can reach Twilio's REST API by accident
        // (the messaging tests turn it on against a stand-in).
        ["Messaging:Enabled"] = "false",
        ["Twilio:RequestValidation:BaseUrlOverride"] = PublicBase.AbsoluteUri,
        ["Hosting:JsonLogs"] = "true",
    };

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));

    public InMemoryLogSink Logs { get; } = new();

    /// <summary>Overrides a setting before the host is built (null removes an embedded default).</summary>
    public PrimaryAppFactory With(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <summary>A client whose requests carry a valid signature for <see cref="PublicBase"/>.</summary>
    public HttpClient CreateSignedClient() => this.CreateTwilioClient(AuthToken, PublicBase);

    /// <summary>More test services, applied after the common ones (a subclass's stand-ins).</summary>
    protected virtual void ConfigureMoreTestServices(IServiceCollection services)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddIvrTestHost(Time, Logs);
            ConfigureMoreTestServices(services);
        });
    }
}
