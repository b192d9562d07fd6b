namespace IvrService.Cli.Simulator;

/// <summary>Why a webhook or media request failed, before it is turned into a Twilio error code.</summary>
public enum FetchFailure
{
    None,
    InvalidUrl,
    EdgeRejected,
    ConnectRefused,
    ConnectTimeout,
    ConnectFailed,
    NameResolution,
    Tls,
    ReadTimeout,
    TotalTimeout,
    Protocol,
    ConnectionClosed,
    TooManyRedirects,
    HttpStatus,
    BodyTooLarge,
    ContentType,
    XmlParse,
    NoResponseRoot,
}

/// <summary>Which code family the simulator reports for connection refusals and 4xx/5xx answers.</summary>
public enum ErrorCodeStyle
{
    /// <summary>
    /// What Twilio's logs and fallback requests have long shown: 11205 for every connection failure (refused or timed
    /// out), 11200 for a 4xx/5xx answer. The default.
    /// </summary>
    Classic,

    /// <summary>The narrower codes of Twilio's current error dictionary: 11202 (refused twice) and 11217 (4xx/5xx).</summary>
    Specific,
}

/// <summary>Maps a failure to the Twilio error code (twilio-protocol.md §3) and a short reason.</summary>
public static class FetchFailureCodes
{
    /// <summary>The Twilio error code for <paramref name="failure"/>, or null for <see cref="FetchFailure.None"/>.</summary>
    public static int? ToErrorCode(this FetchFailure failure, ErrorCodeStyle style = ErrorCodeStyle.Classic) => failure switch
    {
        FetchFailure.None => null,
        FetchFailure.InvalidUrl => 11100,
        FetchFailure.EdgeRejected => 11241,
        FetchFailure.ConnectRefused => style == ErrorCodeStyle.Specific ? 11202 : 11205,
        FetchFailure.ConnectTimeout or FetchFailure.ConnectFailed or FetchFailure.ReadTimeout or FetchFailure.TotalTimeout => 11205,
        FetchFailure.NameResolution => 11210,
        FetchFailure.Tls => 11220,
        FetchFailure.Protocol => 11206,
        FetchFailure.TooManyRedirects => 11215,
        FetchFailure.HttpStatus => style == ErrorCodeStyle.Specific ? 11217 : 11200,
        FetchFailure.BodyTooLarge => 11750,
        FetchFailure.ContentType => 12300,
        FetchFailure.XmlParse => 12100,
        FetchFailure.NoResponseRoot => 12102,
        _ => 11200,
    };

    /// <summary>A short human description of <paramref name="failure"/>.</summary>
    public static string Describe(this FetchFailure failure) => failure switch
    {
        FetchFailure.None => "ok",
        FetchFailure.InvalidUrl => "invalid URL",
        FetchFailure.EdgeRejected => "edge refused",
        FetchFailure.ConnectRefused => "connection refused",
        FetchFailure.ConnectTimeout => "connect timeout",
        FetchFailure.ConnectFailed => "connection failure",
        FetchFailure.NameResolution => "bad host name",
        FetchFailure.Tls => "TLS handshake error",
        FetchFailure.ReadTimeout => "read timeout",
        FetchFailure.TotalTimeout => "total timeout",
        FetchFailure.Protocol => "HTTP protocol violation",
        FetchFailure.ConnectionClosed => "connection closed before the response",
        FetchFailure.TooManyRedirects => "too many redirects",
        FetchFailure.HttpStatus => "HTTP error status",
        FetchFailure.BodyTooLarge => "response body over 64 kB",
        FetchFailure.ContentType => "invalid Content-Type",
        FetchFailure.XmlParse => "TwiML is not well-formed XML",
        FetchFailure.NoResponseRoot => "root element is not <Response>",
        _ => failure.ToString(),
    };
}
