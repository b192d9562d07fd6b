using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Options;

namespace IvrService.Hosting.Tests;

public class IvrServiceDefaultsExtensionsTests
{
    private static WebApplication BuildApp(params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseTestServer();
        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        builder.AddIvrServiceDefaults();
        var app = builder.Build();
        app.UseIvrServiceDefaults();
        app.MapIvrServiceDefaults();
        app.MapPost("/echo", () => "ok");
        return app;
    }

    [Fact]
    public async Task Healthz_NoSignature_Returns200()
    {
        await using var app = BuildApp();
        await app.StartAsync();

        var response = await app.GetTestClient().GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Start_BodyLimitOutOfRange_FailsNamingTheSetting()
    {
        await using var app = BuildApp(("Hosting:MaxRequestBodyBytes", "12"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("MaxRequestBodyBytes", error.Message, StringComparison.Ordinal);
    }
}
