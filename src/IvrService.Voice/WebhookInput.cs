using System.Globalization;
using IvrService.Flow;
using IvrService.Twilio.Webhooks;

namespace IvrService.Voice;

/// <summary>
/// A webhook's answer to the previous turn as the engine's <see cref="CallInput"/>. Twilio's parameter names and
/// values live here and in the protocol library, never in the engine.
/// </summary>
public static class WebhookInput
{
    /// <summary>
    /// Builds the input from a webhook's parameters by their Twilio names (<c>DialCallStatus</c>, then
    /// <c>RecordingUrl</c>/<c>RecordingDuration</c>, <c>Digits</c>, <c>SpeechResult</c>/<c>Confidence</c>); lenient
    /// about missing or malformed values. <c>Digits=hangup</c> (the caller hung up during a Record) is no key press.
    /// </summary>
    public static CallInput From(IReadOnlyDictionary<string, string?> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        string? Get(string name) => parameters.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

        if (Get("DialCallStatus") is { } status)
        {
            return CallInput.DialResult(DialOutcomeOf(TwilioDialCallStatuses.Parse(status)));
        }

        if (Get("RecordingUrl") is { } url)
        {
            var seconds = int.TryParse(Get("RecordingDuration"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) ? d : 0;
            return CallInput.RecordingResult(url, seconds);
        }

        if (Get("Digits") is { } digits && !string.Equals(digits, "hangup", StringComparison.Ordinal))
        {
            return CallInput.Digits(digits);
        }

        if (Get("SpeechResult") is { } speech)
        {
            double? confidence = double.TryParse(Get("Confidence"), NumberStyles.Float, CultureInfo.InvariantCulture, out var c) ? c : null;
            return CallInput.Speech(speech, confidence);
        }

        return CallInput.Unknown;
    }

    /// <summary>The engine's view of how a transfer ended.</summary>
    public static DialOutcome DialOutcomeOf(TwilioDialCallStatus status) => status switch
    {
        TwilioDialCallStatus.Completed => DialOutcome.Completed,
        TwilioDialCallStatus.Answered => DialOutcome.Answered,
        TwilioDialCallStatus.Busy => DialOutcome.Busy,
        TwilioDialCallStatus.NoAnswer => DialOutcome.NoAnswer,
        TwilioDialCallStatus.Failed => DialOutcome.Failed,
        TwilioDialCallStatus.Canceled => DialOutcome.Canceled,
        _ => DialOutcome.Unknown,
    };
}
