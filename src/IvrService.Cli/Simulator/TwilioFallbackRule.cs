using System.Globalization;

namespace IvrService.Cli.Simulator;

/// <summary>
/// Twilio's fallback rule, written once for the call and SMS simulators: when a webhook fails (no answer in time, an
/// HTTP error, not TwiML) and the number has a fallback URL, Twilio requests the fallback URL with the failed
/// request's parameters plus <c>ErrorCode</c> (11200 when no more specific code applies) and <c>ErrorUrl</c>.
/// </summary>
internal static class TwilioFallbackRule
{
    /// <summary>"HTTP retrieval failure": Twilio's code when nothing more specific applies.</summary>
    public const int DefaultErrorCode = 11200;

    /// <summary>The transcript event for the hand-over to <paramref name="fallbackUrl"/>.</summary>
    public static CallEvent HandOver(WebhookResponse failed, Uri fallbackUrl, double at)
    {
        ArgumentNullException.ThrowIfNull(failed);
        ArgumentNullException.ThrowIfNull(fallbackUrl);
        return new CallEvent
        {
            Kind = CallEventKind.Fallback,
            At = at,
            Url = fallbackUrl.ToString(),
            ErrorCode = failed.ErrorCode,
            ErrorUrl = failed.Url.ToString(),
            Detail = failed.Reason,
        };
    }

    /// <summary>Adds what Twilio adds to the failed request's <paramref name="parameters"/> for the fallback URL.</summary>
    public static void AddFailure(List<KeyValuePair<string, string>> parameters, WebhookResponse failed)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(failed);
        parameters.Add(new("ErrorCode", (failed.ErrorCode ?? DefaultErrorCode).ToString(CultureInfo.InvariantCulture)));
        parameters.Add(new("ErrorUrl", failed.Url.ToString()));
    }
}
