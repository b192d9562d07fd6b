using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace IvrService.Twilio.AspNetCore;

/// <summary>
/// Rebuilds the public URL Twilio requested, the string it signed: <c>BaseUrlOverride</c> plus the request target
/// when configured; otherwise the request's scheme and Host, replaced by <c>X-Forwarded-Proto</c>,
/// <c>X-Forwarded-Host</c> and <c>X-Forwarded-Port</c> only when the immediate peer is a trusted proxy.
/// Non-default ports are kept. The path and query are the request target exactly as received on the wire.
/// </summary>
public sealed class TwilioPublicUrlResolver
{
    private readonly IOptionsMonitor<TwilioOptions> _options;
    private (TwilioRequestValidationOptions Source, TrustedProxies Parsed)? _trusted;

    /// <summary>Creates the resolver over the bound <see cref="TwilioOptions"/>.</summary>
    /// <param name="options">The options monitor.</param>
    public TwilioPublicUrlResolver(IOptionsMonitor<TwilioOptions> options)
    {
        _options = options;
    }

    /// <summary>The full public URL of <paramref name="request"/> (scheme through query).</summary>
    /// <param name="request">The incoming request.</param>
    /// <returns>The URL as Twilio would have requested it.</returns>
    public string GetPublicUrl(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return GetOrigin(request, out var pathPrefix) + pathPrefix + GetRequestTarget(request);
    }

    /// <summary>
    /// The public base of the app (scheme, host, port and path base, no trailing <c>/</c>), for building absolute
    /// URLs Twilio will call back (action URLs, media).
    /// </summary>
    /// <param name="request">The incoming request.</param>
    /// <returns>For example <c>https://abc.ngrok.app</c>.</returns>
    public Uri GetPublicBaseUri(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new Uri(GetOrigin(request, out var pathPrefix) + pathPrefix + request.PathBase.ToUriComponent());
    }

    /// <summary>Whether the immediate peer of <paramref name="request"/> is a configured trusted proxy.</summary>
    /// <param name="request">The incoming request.</param>
    /// <returns>True when forwarded headers from this peer are believed.</returns>
    public bool IsFromTrustedProxy(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return GetTrustedProxies().Contains(request.HttpContext.Connection.RemoteIpAddress);
    }

    private string GetOrigin(HttpRequest request, out string pathPrefix)
    {
        pathPrefix = string.Empty;
        if (_options.CurrentValue.RequestValidation.BaseUrlOverride is { Length: > 0 } baseUrl)
        {
            // Scheme and authority come from the override; a path in it is a prefix a proxy strips.
            var uri = new Uri(baseUrl);
            var authorityEnd = baseUrl.IndexOf('/', uri.Scheme.Length + 3);
            pathPrefix = authorityEnd < 0 ? string.Empty : baseUrl[authorityEnd..];
            return authorityEnd < 0 ? baseUrl : baseUrl[..authorityEnd];
        }

        var scheme = request.Scheme;
        var host = request.Host.Value ?? string.Empty;
        if (IsFromTrustedProxy(request))
        {
            if (Last(request.Headers["X-Forwarded-Proto"]) is { } proto && IsScheme(proto))
            {
                scheme = proto.ToLowerInvariant();
            }

            if (Last(request.Headers["X-Forwarded-Host"]) is { } forwardedHost)
            {
                host = forwardedHost;
            }

            if (Last(request.Headers["X-Forwarded-Port"]) is { } port
                && int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var portNumber)
                && portNumber is > 0 and < 65536)
            {
                var hostOnly = HostString.FromUriComponent(host).Host;
                var isDefault = (portNumber == 443 && scheme == Uri.UriSchemeHttps) || (portNumber == 80 && scheme == Uri.UriSchemeHttp);
                host = isDefault ? hostOnly : new HostString(hostOnly, portNumber).Value!;
            }
        }

        return scheme + "://" + host;
    }

    private static string GetRequestTarget(HttpRequest request)
    {
        // The raw target is what went over the wire; PathString would re-escape a decoded path differently.
        var raw = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (raw is { Length: > 0 } && raw[0] == '/')
        {
            return raw;
        }

        return request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
    }

    private TrustedProxies GetTrustedProxies()
    {
        var current = _options.CurrentValue.RequestValidation;
        var cached = _trusted;
        if (cached is { } c && ReferenceEquals(c.Source, current))
        {
            return c.Parsed;
        }

        var parsed = new TrustedProxies(current.TrustedProxies);
        _trusted = (current, parsed);
        return parsed;
    }

    /// <summary>The value added by the nearest proxy: the last of a comma-separated list.</summary>
    private static string? Last(StringValues values)
    {
        var last = values.Count == 0 ? null : values[^1];
        if (last is null)
        {
            return null;
        }

        var comma = last.LastIndexOf(',');
        var value = (comma < 0 ? last : last[(comma + 1)..]).Trim();
        return value.Length == 0 ? null : value;
    }

    private static bool IsScheme(string value) =>
        value.Equals(Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase)
        || value.Equals(Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase);
}
