using IvrService.Twilio.Rest;

namespace IvrService.Cli.Commands.Number;

/// <summary>
/// The connection-override fragments <c>ivr number configure</c> writes into the number's URLs: fast failover on the
/// voice URL (a dead primary reaches the fallback in about 3 s), only the edge list on the fallback URL.
/// </summary>
internal static class VoiceUrlFragments
{
    /// <summary>
    /// The voice URL's fragment by default (deploy/twilio-console.md explains each value): connect 1 s, read 2.5 s,
    /// total 3.5 s, no retry, so a dead primary reaches the fallback within about 3 s instead of Twilio's 15.
    /// </summary>
    public static readonly ConnectionOverrides DefaultOverrides = new()
    {
        ConnectTimeoutMs = 1000,
        ReadTimeoutMs = 2500,
        TotalTimeoutMs = 3500,
        RetryCount = 0,
    };

    /// <summary>
    /// The voice URL with its fragment: Twilio's keys already in the URL win over the defaults, explicit options win over
    /// both, and <c>e</c> comes from <c>--edge</c> when given.
    /// </summary>
    internal static bool TryVoiceUrl(string url, ConnectionOverrides explicitValues, IReadOnlyList<string> edges, out string result, out string? problem)
    {
        result = url;
        if (!ConnectionOverrides.TryParse(url, out var inUrl, out var parseError))
        {
            problem = $"--voice-url: its fragment is not valid: {parseError}";
            return false;
        }

        var overrides = inUrl with
        {
            ConnectTimeoutMs = explicitValues.ConnectTimeoutMs ?? inUrl.ConnectTimeoutMs ?? DefaultOverrides.ConnectTimeoutMs,
            ReadTimeoutMs = explicitValues.ReadTimeoutMs ?? inUrl.ReadTimeoutMs ?? DefaultOverrides.ReadTimeoutMs,
            TotalTimeoutMs = explicitValues.TotalTimeoutMs ?? inUrl.TotalTimeoutMs ?? DefaultOverrides.TotalTimeoutMs,
            RetryCount = explicitValues.RetryCount ?? inUrl.RetryCount ?? DefaultOverrides.RetryCount,
            Edges = edges.Count > 0 ? edges : inUrl.Edges,
        };
        return TryApply(overrides, url, out result, out problem);
    }

    /// <summary>
    /// The fallback URL keeps Twilio's patient timers: it is the last line, so only the edge list is added (and a
    /// fragment the user wrote is kept as written).
    /// </summary>
    internal static bool TryFallbackUrl(string url, IReadOnlyList<string> edges, out string result, out string? problem)
    {
        result = url;
        problem = null;
        if (url.Contains('#', StringComparison.Ordinal))
        {
            if (ConnectionOverrides.TryParse(url, out _, out var parseError))
            {
                return true;
            }

            problem = $"--fallback-url: its fragment is not valid: {parseError}";
            return false;
        }

        return edges.Count == 0 || TryApply(new ConnectionOverrides { Edges = edges }, url, out result, out problem);
    }

    private static bool TryApply(ConnectionOverrides overrides, string url, out string result, out string? problem)
    {
        try
        {
            result = overrides.ApplyTo(url);
            problem = null;
            return true;
        }
        catch (ArgumentOutOfRangeException e)
        {
            var option = e.ParamName switch
            {
                "ct" or nameof(ConnectionOverrides.ConnectTimeoutMs) => "--connect-timeout",
                "rt" => "--read-timeout",
                "tt" => "--total-timeout",
                "rc" => "--retries",
                "Edges" => "--edge",
                _ => "fragment",
            };
            result = url;
            problem = $"{option}: {CliText.FirstSentence(e)}" + (e.ActualValue is { } actual ? $" (got {actual})" : "");
            return false;
        }
    }
}
