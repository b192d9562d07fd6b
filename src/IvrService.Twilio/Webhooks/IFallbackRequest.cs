using IvrService.Twilio.Errors;

namespace IvrService.Twilio.Webhooks;

/// <summary>What Twilio adds when it calls a Fallback URL because the primary failed (voice or SMS).</summary>
public interface IFallbackRequest
{
    /// <summary><c>ErrorCode</c> as received.</summary>
    string? ErrorCode { get; }

    /// <summary><c>ErrorUrl</c>: the primary URL that failed.</summary>
    string? ErrorUrl { get; }

    /// <summary><see cref="ErrorCode"/> parsed, or null.</summary>
    int? ErrorCodeValue { get; }

    /// <summary>The catalog entry for <see cref="ErrorCode"/> (<see cref="TwilioErrorCatalog.Unknown"/> when absent or garbage).</summary>
    TwilioError Error { get; }
}
