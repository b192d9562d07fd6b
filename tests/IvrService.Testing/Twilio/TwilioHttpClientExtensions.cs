using IvrService.Testing.Twilio;

namespace Microsoft.AspNetCore.Mvc.Testing;

/// <summary>Clients for test hosts that sign every request like Twilio.</summary>
public static class TwilioHttpClientExtensions
{
    /// <summary>A client of <paramref name="factory"/> whose requests carry a valid <c>X-Twilio-Signature</c>.</summary>
    /// <typeparam name="TEntryPoint">The app's entry point.</typeparam>
    /// <param name="factory">The factory.</param>
    /// <param name="authToken">The token the app is configured with.</param>
    /// <param name="publicBaseUrl">The public URL the app believes it has (default: the client's base address).</param>
    /// <returns>A signing client.</returns>
    public static HttpClient CreateTwilioClient<TEntryPoint>(
        this WebApplicationFactory<TEntryPoint> factory, string authToken, Uri? publicBaseUrl = null)
        where TEntryPoint : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.CreateDefaultClient(new SigningHandler(authToken, publicBaseUrl));
    }

    /// <summary>Wraps any handler (e.g. <c>TestServer.CreateHandler()</c>) in a signing client.</summary>
    /// <param name="inner">The handler that reaches the app.</param>
    /// <param name="baseAddress">The client's base address.</param>
    /// <param name="authToken">The token the app is configured with.</param>
    /// <param name="publicBaseUrl">The public URL the app believes it has (default: the request URI).</param>
    /// <returns>A signing client.</returns>
    public static HttpClient CreateTwilioClient(
        this HttpMessageHandler inner, Uri baseAddress, string authToken, Uri? publicBaseUrl = null) =>
        new(new SigningHandler(authToken, publicBaseUrl) { InnerHandler = inner }) { BaseAddress = baseAddress };
}
