using System.CommandLine;
using IvrService.Twilio;
using IvrService.Twilio.Rest;

namespace IvrService.Cli.Commands.Number;

/// <summary>What <c>ivr number configure</c> was asked to set.</summary>
/// <param name="Connection">Account, number and REST connection.</param>
/// <param name="VoiceUrl">The primary's voice webhook.</param>
/// <param name="FallbackUrl">The fallback's voice webhook.</param>
/// <param name="StatusCallback">Call status callback URL, if any.</param>
/// <param name="SmsUrl">Messaging webhook URL, if any.</param>
/// <param name="SmsFallbackUrl">Messaging fallback URL, if any.</param>
/// <param name="Overrides">Explicit fragment values (<c>--connect-timeout</c>, …); unset ones come from the URL or the defaults.</param>
/// <param name="NoOverrides">Send the URLs exactly as given.</param>
/// <param name="DryRun">Look the number up and print what would change, without changing it.</param>
internal sealed record NumberConfigureOptions(
    NumberConnectionOptions Connection,
    string VoiceUrl,
    string FallbackUrl,
    string? StatusCallback = null,
    string? SmsUrl = null,
    string? SmsFallbackUrl = null,
    ConnectionOverrides? Overrides = null,
    bool NoOverrides = false,
    bool DryRun = false);

/// <summary>
/// <c>ivr number configure</c>: point the number at the primary (voice URL with a fast-failover fragment) and the
/// fallback, every method POST, clearing an application SID that would make Twilio ignore the URLs.
/// </summary>
internal static class NumberConfigureCommand
{
    public static Command Create(NumberServices services)
    {
        var command = new Command(
            "configure",
            "Point the number at the primary (voice URL, with a fast-failover fragment) and the fallback, all methods POST.");
        var connection = new NumberConnectionOptionSet(command);
        var defaults = VoiceUrlFragments.DefaultOverrides;
        var voiceUrl = new Option<string>("--voice-url") { Description = "The primary's voice webhook, e.g. https://ivr.example.com/voice", Required = true };
        var fallbackUrl = new Option<string>("--fallback-url") { Description = "The fallback's voice webhook, e.g. https://fallback.example.net/fallback/voice", Required = true };
        var statusCallback = new Option<string?>("--status-callback") { Description = "Call status callback URL, e.g. https://ivr.example.com/voice/status" };
        var smsUrl = new Option<string?>("--sms-url") { Description = "Messaging webhook URL" };
        var smsFallbackUrl = new Option<string?>("--sms-fallback-url") { Description = "Messaging fallback URL" };
        var connectTimeout = new Option<int?>("--connect-timeout") { Description = $"ct: TCP connect timeout in ms, 100-10000 (default {defaults.ConnectTimeoutMs})" };
        var readTimeout = new Option<int?>("--read-timeout") { Description = $"rt: read timeout in ms, 100-15000 (default {defaults.ReadTimeoutMs})" };
        var totalTimeout = new Option<int?>("--total-timeout") { Description = $"tt: total time for all attempts in ms, 100-15000 (default {defaults.TotalTimeoutMs})" };
        var retries = new Option<int?>("--retries") { Description = $"rc: Twilio's retries of the voice URL, 0-5 (default {defaults.RetryCount})" };
        var noOverrides = new Option<bool>("--no-overrides") { Description = "Send the URLs exactly as given: no fragment is added" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Look the number up and print what would change, without changing it" };
        foreach (var option in (Option[])[voiceUrl, fallbackUrl, statusCallback, smsUrl, smsFallbackUrl, connectTimeout, readTimeout, totalTimeout, retries, noOverrides, dryRun])
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => RunAsync(
            new NumberConfigureOptions(
                connection.Read(parse),
                parse.GetValue(voiceUrl)!,
                parse.GetValue(fallbackUrl)!,
                parse.GetValue(statusCallback),
                parse.GetValue(smsUrl),
                parse.GetValue(smsFallbackUrl),
                new ConnectionOverrides
                {
                    ConnectTimeoutMs = parse.GetValue(connectTimeout),
                    ReadTimeoutMs = parse.GetValue(readTimeout),
                    TotalTimeoutMs = parse.GetValue(totalTimeout),
                    RetryCount = parse.GetValue(retries),
                },
                parse.GetValue(noOverrides),
                parse.GetValue(dryRun)),
            services,
            CliOutput.From(parse),
            cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(NumberConfigureOptions options, NumberServices services, CliOutput console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(console);
        var (output, error) = (console.Out, console.Error);
        if (!NumberTarget.TryResolve(options.Connection, services.Environment, error, out var target))
        {
            return NumberCommands.ExitUsage;
        }

        foreach (var (name, text) in new (string Name, string? Text)[]
                 {
                     ("--voice-url", options.VoiceUrl), ("--fallback-url", options.FallbackUrl), ("--status-callback", options.StatusCallback),
                     ("--sms-url", options.SmsUrl), ("--sms-fallback-url", options.SmsFallbackUrl),
                 })
        {
            if (text is not null && !CliText.TryUrl(text, name, error, out _))
            {
                return NumberCommands.ExitUsage;
            }
        }

        var voice = options.VoiceUrl;
        var fallback = options.FallbackUrl;
        if (!options.NoOverrides)
        {
            if (!VoiceUrlFragments.TryVoiceUrl(voice, options.Overrides ?? new ConnectionOverrides(), target.Edges, out var voiceWithFragment, out var problem)
                || !VoiceUrlFragments.TryFallbackUrl(fallback, target.Edges, out var fallbackWithFragment, out problem))
            {
                await error.WriteLineAsync(problem).ConfigureAwait(false);
                return NumberCommands.ExitUsage;
            }

            voice = voiceWithFragment;
            fallback = fallbackWithFragment;
        }

        return await NumberRestSession.RunAsync(target, services, error, async client =>
        {
            var number = await NumberRestSession.FindAsync(client, target, error, cancellationToken).ConfigureAwait(false);
            if (number is null)
            {
                return NumberCommands.ExitNotFound;
            }

            var update = Update(options, voice, fallback, number);
            await output.WriteLineAsync($"Number {number.PhoneNumber} ({number.Sid}) in account {target.Credentials.AccountSid}").ConfigureAwait(false);
            await output.WriteLineAsync("Before:").ConfigureAwait(false);
            await output.WriteAsync(NumberDescription.Describe(number)).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(number.TrunkSid))
            {
                // Clearing a trunk could break someone's SIP routing, so it is pointed out rather than changed.
                await error.WriteLineAsync($"warning: the number is on trunk {number.TrunkSid}; Twilio ignores its voice URLs until it is removed from the trunk").ConfigureAwait(false);
            }

            if (options.DryRun)
            {
                await output.WriteLineAsync("Would set (dry run, nothing changed):").ConfigureAwait(false);
                await output.WriteAsync(NumberDescription.Describe(NumberDescription.Preview(number, update))).ConfigureAwait(false);
                return NumberCommands.ExitOk;
            }

            var updated = await client.UpdateIncomingPhoneNumberAsync(number.Sid!, update, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync("After:").ConfigureAwait(false);
            await output.WriteAsync(NumberDescription.Describe(updated)).ConfigureAwait(false);
            return NumberCommands.ExitOk;
        }).ConfigureAwait(false);
    }

    private static IncomingPhoneNumberUpdate Update(NumberConfigureOptions options, string voice, string fallback, IncomingPhoneNumber number) => new()
    {
        VoiceUrl = voice,
        VoiceMethod = TwilioHttpMethod.Post,
        VoiceFallbackUrl = fallback,
        VoiceFallbackMethod = TwilioHttpMethod.Post,
        StatusCallback = options.StatusCallback,
        StatusCallbackMethod = options.StatusCallback is null ? null : TwilioHttpMethod.Post,
        SmsUrl = options.SmsUrl,
        SmsMethod = options.SmsUrl is null ? null : TwilioHttpMethod.Post,
        SmsFallbackUrl = options.SmsFallbackUrl,
        SmsFallbackMethod = options.SmsFallbackUrl is null ? null : TwilioHttpMethod.Post,

        // An application SID makes Twilio ignore the URLs being set, which would silently undo this command.
        VoiceApplicationSid = string.IsNullOrEmpty(number.VoiceApplicationSid) ? null : "",
        SmsApplicationSid = options.SmsUrl is not null && !string.IsNullOrEmpty(number.SmsApplicationSid) ? "" : null,
    };
}
