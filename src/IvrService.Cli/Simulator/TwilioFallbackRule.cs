using System.Globalization;

namespace IvrService.Cli.Simulator;

/// <summary>
/// Twilio's fallback rule, written once for the call and SMS simulators: when a webhook fails (no answer in time, an
/// HTTP error, not TwiML) and the number has a fallback URL, Twilio requests the fallback URL with the failed
/// request's parameters plus <c>ErrorCode</c> (11200 when no more specific code applies) and <c>ErrorUrl</c>.
/// </summary>
internal static class TwilioFallbackRule
{
    /// <summary>
    /// Requests <paramref name="url"/> for TwiML and, when that fails and <paramref name="fallback"/> is set, the
    /// fallback URL as Twilio does (the hand-over reported on <paramref name="emit"/>).
    /// </summary>
    /// <param name="client">Sends and checks each request.</param>
    /// <param name="role">The request's role in the transcript.</param>
    /// <param name="url">The URL to request.</param>
    /// <param name="method">Its method.</param>
    /// <param name="parameters">The webhook's parameters; the failure's are added to them for the fallback.</param>
    /// <param name="fallback">The fallback URL and method, or null when there is none (or this request is the fallback).</param>
    /// <param name="finish">What is sent of <paramref name="parameters"/> each time (the call simulator's fuzzing).</param>
    /// <param name="emit">The transcript.</param>
    /// <param name="now">Seconds into the call or message.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>The answer that counts, and whether it came from the fallback URL.</returns>
    public static async Task<(WebhookResponse Response, bool FellBack)> RequestAsync(
        WebhookClient client,
        string role,
        Uri url,
        HttpMethod method,
        List<KeyValuePair<string, string>> parameters,
        (Uri Url, HttpMethod Method)? fallback,
        Func<List<KeyValuePair<string, string>>, IReadOnlyList<KeyValuePair<string, string>>> finish,
        Action<CallEvent> emit,
        Func<double> now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(finish);
        ArgumentNullException.ThrowIfNull(emit);
        var response = await client.RequestAsync(role, url, method, finish(parameters), expectTwiml: true, cancellationToken).ConfigureAwait(false);
        if (response.Succeeded || fallback is not { } target)
        {
            return (response, false);
        }

        // Twilio sends the failed request's parameters again, plus what went wrong and where.
        emit(HandOver(response, target.Url, now()));
        AddFailure(parameters, response);
        var fromFallback = await client.RequestAsync("fallback", target.Url, target.Method, finish(parameters), expectTwiml: true, cancellationToken)
            .ConfigureAwait(false);
        return (fromFallback, true);
    }

    /// <summary>"HTTP retrieval failure": Twilio's code when nothing more specific applies.</summary>
    public const int DefaultErrorCode = 11200;

    /// <summary>The transcript event for the hand-over to <paramref name="fallbackUrl"/>.</summary>
    private static CallEvent HandOver(WebhookResponse failed, Uri fallbackUrl, double at)
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
    private static void AddFailure(List<KeyValuePair<string, string>> parameters, WebhookResponse failed)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(failed);
        parameters.Add(new("ErrorCode", (failed.ErrorCode ?? DefaultErrorCode).ToString(CultureInfo.InvariantCulture)));
        parameters.Add(new("ErrorUrl", failed.Url.ToString()));
    }
}
