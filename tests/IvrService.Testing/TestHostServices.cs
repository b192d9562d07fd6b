using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Serilog.Core;

namespace IvrService.Testing;

/// <summary>What every app factory swaps in for tests: a controllable clock, captured logs, a nameable peer.</summary>
public static class TestHostServices
{
    /// <summary>Header a test sets to play a proxy or a stranger: TestServer has no peer address of its own.</summary>
    public const string PeerHeader = "X-Test-Peer";

    /// <summary>Replaces the clock, adds <paramref name="logs"/> as a Serilog sink and honours <see cref="PeerHeader"/>.</summary>
    public static IServiceCollection AddIvrTestHost(this IServiceCollection services, TimeProvider time, ILogEventSink logs)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.RemoveAll<TimeProvider>();
        services.AddSingleton(time);
        services.AddSingleton(logs);
        services.AddSingleton<IStartupFilter, PeerAddressFilter>();
        return services;
    }

    private sealed class PeerAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(nextMiddleware => context =>
            {
                if (IPAddress.TryParse(context.Request.Headers[PeerHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
