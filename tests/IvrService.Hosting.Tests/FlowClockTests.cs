using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Options;

namespace IvrService.Hosting.Tests;

public sealed class FlowClockTests
{
    private static WebApplication BuildApp(string environment, bool header)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Configuration["Hosting:SimulatedClockHeader"] = header ? "true" : "false";
        builder.AddIvrServiceDefaults();
        var app = builder.Build();
        app.UseIvrServiceDefaults();
        app.MapGet("/now", (FlowClock clock) => clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        return app;
    }

    private static async Task<(string Body, bool Echoed)> NowAsync(WebApplication app, string? header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/now", UriKind.Relative));
        if (header is not null)
        {
            request.Headers.Add(FlowClock.Header, header);
        }

        var response = await app.GetTestClient().SendAsync(request);
        return (await response.Content.ReadAsStringAsync(), response.Headers.Contains(FlowClock.Header));
    }

    [Fact]
    public async Task Header_WhenAllowed_SetsTheFlowClockForThatRequestOnly()
    {
        await using var app = BuildApp("Staging", header: true);
        await app.StartAsync();

        Assert.Equal(("2026-12-25T17:00:00.0000000+00:00", true), await NowAsync(app, "2026-12-25T12:00:00-05:00"));
        var (after, echoed) = await NowAsync(app, null);
        Assert.False(echoed);
        Assert.True(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture) > new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.False((await NowAsync(app, "not a time")).Echoed);
    }

    [Fact]
    public async Task Header_ByDefault_IsIgnored()
    {
        await using var app = BuildApp("Production", header: false);
        await app.StartAsync();

        var (body, echoed) = await NowAsync(app, "2020-01-01T00:00:00Z");

        Assert.False(echoed);
        Assert.DoesNotContain("2020", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_HeaderOnInProduction_FailsNamingTheSetting()
    {
        await using var app = BuildApp("Production", header: true);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Hosting:SimulatedClockHeader", error.Message, StringComparison.Ordinal);
    }
}
