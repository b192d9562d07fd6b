using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace IvrService.Twilio.AspNetCore;

/// <summary>
/// Rebuilds the public URL Twilio requested, the string it signed: <c>BaseUrlOverride</c> plus the request target
/// when configured; otherwise the request's scheme and Host, replaced by <c>X-Forwarded-Proto</c>,
/// <c>X-Forwarded-Host</c> and <c>X-Forwarded-Port</c> (or RFC 7239 <c>Forwarded: proto=…;host=…</c>) only when the
/// immediate peer is a trusted proxy.
/// Non-default ports are kept. The path and query are the request target exactly as received on the wire.
/// </summary>
public sealed class TwilioPublicUrlResolver
{
    private readonly IOptionsMonitor<TwilioOptions> _options;
    private TrustedProxyCache? _trusted;

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
            var schemeEnd = baseUrl.IndexOf("://", StringComparison.Ordinal);
            var authorityEnd = baseUrl.IndexOf('/', schemeEnd < 0 ? 0 : schemeEnd + 3);
            pathPrefix = authorityEnd < 0 ? string.Empty : baseUrl[authorityEnd..];
            return authorityEnd < 0 ? baseUrl : baseUrl[..authorityEnd];
        }

        var scheme = request.Scheme;
        var host = request.Host.Value ?? string.Empty;
        if (IsFromTrustedProxy(request))
        {
            // X-Forwarded-* win; RFC 7239 Forwarded fills in what they leave out.
            var (forwardedProto, forwardedHostParam) = ParseForwarded(request.Headers["Forwarded"]);
            if ((Last(request.Headers["X-Forwarded-Proto"]) ?? forwardedProto) is { } proto && IsScheme(proto))
            {
                scheme = proto.ToLowerInvariant();
            }

            if ((Last(request.Headers["X-Forwarded-Host"]) ?? forwardedHostParam) is { } forwardedHost)
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
        if (cached is not null && ReferenceEquals(cached.Source, current))
        {
            return cached.Parsed;
        }

        // Options reloads produce a new instance; one reference swap keeps concurrent readers consistent.
        var parsed = new TrustedProxies(current.TrustedProxies);
        _trusted = new TrustedProxyCache(current, parsed);
        return parsed;
    }

    private sealed record TrustedProxyCache(TwilioRequestValidationOptions Source, TrustedProxies Parsed);

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

    /// <summary>
    /// <c>proto</c> and <c>host</c> of the last element of <c>Forwarded</c> (the nearest proxy's), e.g.
    /// <c>for=192.0.2.60;proto=https;host=example.com</c>; quoted values are unquoted.
    /// </summary>
    private static (string? Proto, string? Host) ParseForwarded(StringValues values)
    {
        var last = values.Count == 0 ? null : values[^1];
        if (string.IsNullOrWhiteSpace(last))
        {
            return (null, null);
        }

        var element = last[(last.LastIndexOf(',') + 1)..];
        string? proto = null, host = null;
        foreach (var pair in element.Split(';'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var name = pair[..eq].Trim();
            var value = pair[(eq + 1)..].Trim().Trim('"');
            if (value.Length == 0)
            {
                continue;
            }

            if (name.Equals("proto", StringComparison.OrdinalIgnoreCase))
            {
                proto = value;
            }
            else if (name.Equals("host", StringComparison.OrdinalIgnoreCase))
            {
                host = value;
            }
        }

        return (proto, host);
    }

    private static bool IsScheme(string value) =>
        value.Equals(Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase)
        || value.Equals(Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase);
}
