using System.Globalization;
using System.Text.Json;
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

        // A <Connect><ConversationRelay> session ended: its action carries the agent's handoff, or how it failed.
        if (Get("SessionId") is not null || Get("HandoffData") is not null || Get("SessionStatus") is not null)
        {
            return AgentEnded(Get("HandoffData"), Get("SessionStatus"), Get("ErrorCode"));
        }

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

    /// <summary>
    /// The end of an agent session: <c>HandoffData</c> is the agent's <c>end</c> message's string, JSON with a
    /// <c>target</c> and/or <c>reason</c> (or <c>reasonCode</c>) by convention, else taken whole as the reason. A session
    /// with an <c>ErrorCode</c> or a <c>failed</c> status and no handoff failed.
    /// </summary>
    public static CallInput AgentEnded(string? handoffData, string? sessionStatus, string? errorCode)
    {
        if (handoffData is null)
        {
            var failed = errorCode is not null || string.Equals(sessionStatus, "failed", StringComparison.OrdinalIgnoreCase);
            return CallInput.AgentEnded(null, null, failed);
        }

        if (handoffData.Length <= MaxHandoffLength && handoffData.TrimStart().StartsWith('{'))
        {
            try
            {
                using var json = JsonDocument.Parse(handoffData, new JsonDocumentOptions { MaxDepth = 8 });
                if (json.RootElement.ValueKind == JsonValueKind.Object)
                {
                    string? Field(string name) =>
                        json.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;
                    return CallInput.AgentEnded(Field("target"), Field("reason") ?? Field("reasonCode"));
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: the whole string is the reason, as below.
            }
        }

        return CallInput.AgentEnded(null, handoffData.Length <= MaxHandoffLength ? handoffData.Trim() : null);
    }

    /// <summary>The longest <c>HandoffData</c> read; a longer one hands off with no reason (the default way).</summary>
    public const int MaxHandoffLength = 4096;

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
