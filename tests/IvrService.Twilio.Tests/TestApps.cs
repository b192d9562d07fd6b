using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IvrService.Twilio.Tests;

/// <summary>In-process apps on TestServer for the ASP.NET Core seams (result types, model binding).</summary>
internal static class TestApps
{
    public static async Task<WebApplication> StartAsync(Action<WebApplication> map, bool mvc = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        if (mvc)
        {
            builder.Services.AddControllers().AddApplicationPart(typeof(TestApps).Assembly);
        }

        var app = builder.Build();
        if (mvc)
        {
            app.MapControllers();
        }

        map(app);
        await app.StartAsync();
        return app;
    }

    public static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
}
