using System.Globalization;
using IvrService.Flow;
using IvrService.Twilio.AspNetCore;
using IvrService.Twilio.Rest;
using Microsoft.Extensions.Options;

namespace IvrService.Primary.Messaging;

/// <summary>
/// Start-up validation of <see cref="MessagingOptions"/>: every message names the setting. A flow with <c>text</c>
/// nodes needs REST credentials outside Development (in Development texts are logged and dropped instead).
/// </summary>
internal sealed class MessagingOptionsValidator(IHostEnvironment environment, IOptions<TwilioOptions> twilio, FlowDefinition flow)
    : IValidateOptions<MessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagingOptions options)
    {
        var failures = new List<string>();
        var t = twilio.Value;

        if ((t.ApiKeySid is null) != (t.ApiKeySecret is null))
        {
            failures.Add("Twilio:ApiKeySid and Twilio:ApiKeySecret go together: set both (env Twilio__ApiKeySid, Twilio__ApiKeySecret) or neither.");
        }

        if (t.AccountSid is { } account && !TwilioCredentials.IsAccountSid(account))
        {
            failures.Add($"Twilio:AccountSid '{account}' is not an account SID (AC followed by 32 hex digits).");
        }

        var textNodes = flow.Nodes.Where(n => n.Value is TextNode).Select(n => n.Key).ToList();
        if (options.Enabled && textNodes.Count > 0 && TextCredentials.From(t) is null && !environment.IsDevelopment())
        {
            failures.Add(
                $"The flow sends texts (text node{(textNodes.Count == 1 ? "" : "s")} {string.Join(", ", textNodes)}) but Twilio REST credentials are missing: " +
                "set Twilio:AccountSid (env Twilio__AccountSid) with Twilio:AuthToken, or with Twilio:ApiKeySid and Twilio:ApiKeySecret; " +
                "or set Messaging:Enabled=false to play the nodes' unavailable prompt instead.");
        }

        if (options.From is { Length: > 0 } from && !PhoneTargets.IsE164(from))
        {
            failures.Add($"Messaging:From '{from}' is not an E.164 number like +15005550006.");
        }

        if (options.MessagingServiceSid is { Length: > 0 } service && !PhoneTargets.IsMessagingServiceSid(service))
        {
            failures.Add($"Messaging:MessagingServiceSid '{service}' is not a Messaging Service SID (MG followed by 32 hex digits).");
        }

        Range(failures, "Messaging:QueueCapacity", options.QueueCapacity, 1, 1_000_000);
        Range(failures, "Messaging:MaxAttempts", options.MaxAttempts, 1, 20);
        Range(failures, "Messaging:DuplicateCapacity", options.DuplicateCapacity, 1, 10_000_000);
        Positive(failures, "Messaging:BackoffBase", options.BackoffBase);
        Positive(failures, "Messaging:AttemptTimeout", options.AttemptTimeout);
        Positive(failures, "Messaging:DuplicateWindow", options.DuplicateWindow);
        Positive(failures, "Messaging:MaxSenderBacklog", options.MaxSenderBacklog);
        if (options.BackoffCap < options.BackoffBase)
        {
            failures.Add("Messaging:BackoffCap must be at least Messaging:BackoffBase.");
        }

        if (options.MaxRetryAfter < TimeSpan.Zero)
        {
            failures.Add("Messaging:MaxRetryAfter must not be negative.");
        }

        if (options.DrainDeadline < TimeSpan.Zero || options.DrainDeadline > TimeSpan.FromMinutes(5))
        {
            failures.Add("Messaging:DrainDeadline must be between 0 and 5 minutes (and below the host's shutdown timeout).");
        }

        if (!(options.Jitter >= 0 && options.Jitter <= 1))
        {
            failures.Add("Messaging:Jitter must be between 0 and 1.");
        }

        if (!(options.SegmentsPerSecond > 0 && options.SegmentsPerSecond <= 10_000))
        {
            failures.Add("Messaging:SegmentsPerSecond must be above 0 (1 for a US long code, 3 toll-free, 100 short code).");
        }

        foreach (var (sender, rate) in options.SenderSegmentsPerSecond)
        {
            if (!(rate > 0 && rate <= 10_000))
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"Messaging:SenderSegmentsPerSecond:{sender} must be above 0, got {rate}."));
            }
        }

        try
        {
            _ = TextCredentials.RestOptions(options);
        }
        catch (Exception ex) when (ex is ArgumentException or UriFormatException)
        {
            failures.Add($"Messaging:ApiBaseUrl, Messaging:Edges or Messaging:Region is invalid: {ex.Message}");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Range(List<string> failures, string setting, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{setting} must be between {min} and {max}, got {value}."));
        }
    }

    private static void Positive(List<string> failures, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{setting} must be positive.");
        }
    }

}

/// <summary>REST credentials and client options from configuration.</summary>
internal static class TextCredentials
{
    /// <summary>API key (preferred) or auth token with the account SID; null when incomplete.</summary>
    public static TwilioCredentials? From(TwilioOptions options)
    {
        if (options.AccountSid is not { } account)
        {
            return null;
        }

        if (options.ApiKeySid is { } key && options.ApiKeySecret is { } secret)
        {
            return TwilioCredentials.FromApiKey(account, key, secret);
        }

        return (options.AuthToken ?? options.RequestValidation.AuthToken) is { } token ? TwilioCredentials.FromAuthToken(account, token) : null;
    }

    /// <summary>The REST client's options: one attempt per call (the sender retries), the configured edges.</summary>
    public static TwilioRestClientOptions RestOptions(MessagingOptions options)
    {
        var restOptions = new TwilioRestClientOptions
        {
            Edges = options.Edges,
            Region = string.IsNullOrWhiteSpace(options.Region) ? null : options.Region,
            AttemptTimeout = options.AttemptTimeout > TimeSpan.Zero ? options.AttemptTimeout : TimeSpan.FromSeconds(10),
            MaxAttempts = 1,
        };
        if (!string.IsNullOrWhiteSpace(options.ApiBaseUrl))
        {
            restOptions = restOptions with { BaseUri = new Uri(options.ApiBaseUrl, UriKind.Absolute) };
        }

        // Building a client validates base URL, edges and region the way sending will.
        using var http = new HttpClient();
        _ = new TwilioRestClient(http, TwilioCredentials.FromAuthToken("AC0", "validation"), restOptions);
        return restOptions;
    }
}
