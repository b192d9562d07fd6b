namespace IvrService.Twilio.Rest;

/// <summary>Twilio answered with an error status (4xx, or a 5xx after the retries). Carries Twilio's error body.</summary>
public class TwilioApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TwilioApiException(int statusCode, int? errorCode, string? twilioMessage, string? moreInfo, string requestDescription)
        : base(Describe(statusCode, errorCode, twilioMessage, moreInfo, requestDescription))
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        TwilioMessage = twilioMessage;
        MoreInfo = moreInfo;
    }

    /// <summary>The HTTP status.</summary>
    public int StatusCode { get; }

    /// <summary>Twilio's <c>code</c> (e.g. 20003 authentication, 20404 not found, 21402 invalid URL).</summary>
    public int? ErrorCode { get; }

    /// <summary>Twilio's <c>message</c>.</summary>
    public string? TwilioMessage { get; }

    /// <summary>Twilio's <c>more_info</c> link.</summary>
    public string? MoreInfo { get; }

    private static string Describe(int status, int? code, string? message, string? moreInfo, string request) =>
        $"Twilio returned {status}{(code is null ? "" : $" (error {code})")} for {request}: {message ?? "no message"}"
        + (moreInfo is null ? "" : $" — {moreInfo}");
}

/// <summary>401: the Account SID / Auth Token (or API key) were rejected.</summary>
public sealed class TwilioAuthenticationException(int statusCode, int? errorCode, string? twilioMessage, string? moreInfo, string requestDescription)
    : TwilioApiException(statusCode, errorCode, twilioMessage, moreInfo, requestDescription);

/// <summary>404: the account, number or resource does not exist (or is not visible to these credentials).</summary>
public sealed class TwilioNotFoundException(int statusCode, int? errorCode, string? twilioMessage, string? moreInfo, string requestDescription)
    : TwilioApiException(statusCode, errorCode, twilioMessage, moreInfo, requestDescription);

/// <summary>Every attempt failed with a connection error, a timeout, a 5xx or a 429.</summary>
public sealed class TwilioUnavailableException(string message, IReadOnlyList<string> attempts, Exception? innerException)
    : Exception(message, innerException)
{
    /// <summary>One line per attempt: host and outcome, in order.</summary>
    public IReadOnlyList<string> Attempts { get; } = attempts;
}
