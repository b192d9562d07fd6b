using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace IvrService.Primary.Tests.Startup;

/// <summary>What runs on every webhook: only what the primary uses.</summary>
public class PipelineTests
{
    /// <summary>
    /// Webhooks are authenticated by their signature filter. Registering authorization or authentication services
    /// makes the host put both middlewares in front of every request; the primary must not pay for them.
    /// </summary>
    [Fact]
    public void Services_HaveNoAuthenticationOrAuthorization()
    {
        using var factory = new PrimaryAppFactory();

        Assert.Null(factory.Services.GetService<IAuthorizationHandlerProvider>());
        Assert.Null(factory.Services.GetService<IAuthenticationSchemeProvider>());
    }
}
