using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IvrService.Twilio.AspNetCore;

/// <summary>Normalises bound values, the way Twilio.AspNet.Core's post-configure does.</summary>
internal sealed class TwilioOptionsSanitizer : IPostConfigureOptions<TwilioOptions>
{
    public void PostConfigure(string? name, TwilioOptions options)
    {
        options.AuthToken = Blank(options.AuthToken);
        options.AccountSid = Blank(options.AccountSid);
        options.ApiKeySid = Blank(options.ApiKeySid);
        options.ApiKeySecret = Blank(options.ApiKeySecret);
        var validation = options.RequestValidation;
        validation.AuthToken = Blank(validation.AuthToken);
        validation.BaseUrlOverride = Blank(validation.BaseUrlOverride)?.TrimEnd('/');
        if (validation.BaseUrlOverride?.Length == 0)
        {
            validation.BaseUrlOverride = null;
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Start-up validation: a setting that cannot work stops the app with a message naming it.</summary>
internal sealed class TwilioOptionsValidator(IHostEnvironment environment) : IValidateOptions<TwilioOptions>
{
    public ValidateOptionsResult Validate(string? name, TwilioOptions options)
    {
        var failures = new List<string>();
        var validation = options.RequestValidation;
        var development = environment.IsDevelopment();

        if (validation.Enabled && (validation.AuthToken ?? options.AuthToken) is null && !development)
        {
            failures.Add(
                "Twilio:AuthToken is not set: webhook signatures cannot be validated, so every Twilio request would be " +
                "refused. Set it to the account's auth token (environment variable Twilio__AuthToken).");
        }

        if (!validation.Enabled && !development)
        {
            failures.Add(
                $"Twilio:RequestValidation:Enabled is false in the '{environment.EnvironmentName}' environment; " +
                "turning signature validation off is allowed only in Development.");
        }

        if (validation.BaseUrlOverride is { } baseUrl
            && (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || uri.Query.Length > 0 || uri.Fragment.Length > 0))
        {
            failures.Add(
                $"Twilio:RequestValidation:BaseUrlOverride '{baseUrl}' is not an absolute http(s) URL without query " +
                "or fragment (for example https://abc123.ngrok.app).");
        }

        for (var i = 0; i < validation.TrustedProxies.Count; i++)
        {
            if (!TrustedProxies.TryParse(validation.TrustedProxies[i], out _))
            {
                failures.Add(
                    $"Twilio:RequestValidation:TrustedProxies:{i} '{validation.TrustedProxies[i]}' is not an IP address " +
                    "or CIDR range (e.g. 10.0.0.0/8).");
            }
        }

        if (validation.MaxBodyBytes <= 0)
        {
            failures.Add("Twilio:RequestValidation:MaxBodyBytes must be positive.");
        }

        if (validation.MaxFormFields <= 0)
        {
            failures.Add("Twilio:RequestValidation:MaxFormFields must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>The parsed <see cref="TwilioRequestValidationOptions.TrustedProxies"/>.</summary>
internal sealed class TrustedProxies
{
    private readonly IPNetwork[] _networks;

    public TrustedProxies(IEnumerable<string> entries)
    {
        _networks = entries.Select(e => TryParse(e, out var n) ? n : (IPNetwork?)null)
            .OfType<IPNetwork>().ToArray();
    }

    public bool Contains(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return _networks.Any(n => n.Contains(address));
    }

    public static bool TryParse(string? entry, out IPNetwork network)
    {
        network = default;
        if (string.IsNullOrWhiteSpace(entry))
        {
            return false;
        }

        entry = entry.Trim();
        if (IPAddress.TryParse(entry, out var address) && !entry.Contains('/', StringComparison.Ordinal))
        {
            if (address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }

            network = new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return IPNetwork.TryParse(entry, out network);
    }
}

internal static class TwilioOptionsExtensions
{
    /// <summary>The accepted tokens, primary first, without blanks or duplicates.</summary>
    public static List<string> EffectiveAuthTokens(this TwilioOptions options) =>
        Distinct(options.RequestValidation.AdditionalAuthTokens.Prepend(options.RequestValidation.AuthToken ?? options.AuthToken));

    /// <summary>The accepted SharedKey secrets, in configured order, without blanks or duplicates.</summary>
    public static List<string> EffectiveSharedKeySecrets(this TwilioOptions options) =>
        Distinct(options.RequestValidation.SharedKeySecrets);

    private static List<string> Distinct(IEnumerable<string?> secrets)
    {
        var kept = new List<string>();
        foreach (var secret in secrets)
        {
            if (!string.IsNullOrWhiteSpace(secret) && !kept.Contains(secret.Trim(), StringComparer.Ordinal))
            {
                kept.Add(secret.Trim());
            }
        }

        return kept;
    }
}
