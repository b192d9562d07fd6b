using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace IvrService.Twilio.Webhooks;

/// <summary>
/// A voice webhook: the incoming-call TwiML fetch and the <c>&lt;Gather&gt;</c>, <c>&lt;Record&gt;</c> and
/// <c>&lt;Dial&gt;</c> action callbacks. Bind with <c>[FromForm] VoiceRequest request</c> in MVC or
/// <see cref="FromForm"/> anywhere.
/// </summary>
[ModelBinder(typeof(TwilioWebhookModelBinder))]
[ValidateNever]
public class VoiceRequest : TwilioRequest
{
    /// <summary><c>CallSid</c> (CA…, 34 characters).</summary>
    public string? CallSid { get; set; }

    /// <summary><c>CallStatus</c>; typed as <see cref="CallStatusValue"/>.</summary>
    public string? CallStatus { get; set; }

    /// <summary><c>Direction</c>; typed as <see cref="DirectionValue"/>.</summary>
    public string? Direction { get; set; }

    /// <summary><c>ForwardedFrom</c> (carrier-dependent).</summary>
    public string? ForwardedFrom { get; set; }

    /// <summary><c>CallerName</c> (only with caller-ID lookup enabled on the number).</summary>
    public string? CallerName { get; set; }

    /// <summary><c>ParentCallSid</c>.</summary>
    public string? ParentCallSid { get; set; }

    /// <summary><c>CallToken</c>.</summary>
    public string? CallToken { get; set; }

    /// <summary><c>Caller</c> (legacy alias of From).</summary>
    public string? Caller { get; set; }

    /// <summary><c>CallerCity</c>.</summary>
    public string? CallerCity { get; set; }

    /// <summary><c>CallerState</c>.</summary>
    public string? CallerState { get; set; }

    /// <summary><c>CallerZip</c>.</summary>
    public string? CallerZip { get; set; }

    /// <summary><c>CallerCountry</c>.</summary>
    public string? CallerCountry { get; set; }

    /// <summary><c>Called</c> (legacy alias of To).</summary>
    public string? Called { get; set; }

    /// <summary><c>CalledCity</c>.</summary>
    public string? CalledCity { get; set; }

    /// <summary><c>CalledState</c>.</summary>
    public string? CalledState { get; set; }

    /// <summary><c>CalledZip</c>.</summary>
    public string? CalledZip { get; set; }

    /// <summary><c>CalledCountry</c>.</summary>
    public string? CalledCountry { get; set; }

    /// <summary><c>StirVerstat</c> (SHAKEN/STIR attestation).</summary>
    public string? StirVerstat { get; set; }

    /// <summary><c>ApplicationSid</c>.</summary>
    public string? ApplicationSid { get; set; }

    /// <summary><c>SipDomain</c>.</summary>
    public string? SipDomain { get; set; }

    /// <summary><c>SipUsername</c>.</summary>
    public string? SipUsername { get; set; }

    /// <summary><c>SipCallId</c>.</summary>
    public string? SipCallId { get; set; }

    /// <summary><c>SipSourceIp</c>.</summary>
    public string? SipSourceIp { get; set; }

    /// <summary><c>Digits</c>: keys pressed in a Gather (without finishOnKey), or the key/<c>hangup</c> that ended a Record.</summary>
    public string? Digits { get; set; }

    /// <summary><c>SpeechResult</c>: the transcribed speech of a Gather.</summary>
    public string? SpeechResult { get; set; }

    /// <summary><c>Confidence</c> (0.0–1.0); typed as <see cref="ConfidenceValue"/>.</summary>
    public string? Confidence { get; set; }

    /// <summary><c>FinishedOnKey</c>: the key that ended a Gather.</summary>
    public string? FinishedOnKey { get; set; }

    /// <summary><c>RecordingUrl</c>.</summary>
    public string? RecordingUrl { get; set; }

    /// <summary><c>RecordingDuration</c> in seconds; typed as <see cref="RecordingDurationValue"/>.</summary>
    public string? RecordingDuration { get; set; }

    /// <summary><c>RecordingSid</c>.</summary>
    public string? RecordingSid { get; set; }

    /// <summary><c>RecordingStatus</c> (recording status callback).</summary>
    public string? RecordingStatus { get; set; }

    /// <summary><c>RecordingChannels</c>.</summary>
    public string? RecordingChannels { get; set; }

    /// <summary><c>RecordingSource</c>.</summary>
    public string? RecordingSource { get; set; }

    /// <summary><c>TranscriptionSid</c>.</summary>
    public string? TranscriptionSid { get; set; }

    /// <summary><c>TranscriptionText</c>.</summary>
    public string? TranscriptionText { get; set; }

    /// <summary><c>TranscriptionStatus</c>.</summary>
    public string? TranscriptionStatus { get; set; }

    /// <summary><c>TranscriptionUrl</c>.</summary>
    public string? TranscriptionUrl { get; set; }

    /// <summary><c>DialCallStatus</c>; typed as <see cref="DialCallStatusValue"/>.</summary>
    public string? DialCallStatus { get; set; }

    /// <summary><c>DialCallSid</c>.</summary>
    public string? DialCallSid { get; set; }

    /// <summary><c>DialCallDuration</c> in seconds; typed as <see cref="DialCallDurationValue"/>.</summary>
    public string? DialCallDuration { get; set; }

    /// <summary><see cref="CallStatus"/> parsed; <see cref="TwilioCallStatus.Unknown"/> for an unfamiliar value.</summary>
    public TwilioCallStatus? CallStatusValue => WebhookValues.CallStatus(CallStatus);

    /// <summary><see cref="Direction"/> parsed.</summary>
    public TwilioCallDirection? DirectionValue => WebhookValues.Direction(Direction);

    /// <summary><see cref="Confidence"/> parsed (invariant culture).</summary>
    public double? ConfidenceValue => WebhookValues.Double(Confidence);

    /// <summary><see cref="RecordingDuration"/> parsed.</summary>
    public int? RecordingDurationValue => WebhookValues.Int(RecordingDuration);

    /// <summary><see cref="DialCallStatus"/> parsed.</summary>
    public TwilioDialCallStatus? DialCallStatusValue => WebhookValues.DialCallStatus(DialCallStatus);

    /// <summary><see cref="DialCallDuration"/> parsed.</summary>
    public int? DialCallDurationValue => WebhookValues.Int(DialCallDuration);

    /// <summary>Reads a voice webhook from its form (or query) parameters. Never throws on content.</summary>
    public static VoiceRequest FromForm(IFormCollection form) => Create<VoiceRequest>(form);

    /// <summary>
    /// Minimal-API binding (<c>app.MapPost("/x", (VoiceRequest request) => …)</c>), also under the request-delegate source
    /// generator: reads the form (or the query of a GET) through <see cref="FromForm"/>. Null only for a body that
    /// is not a readable form.
    /// </summary>
    public static ValueTask<VoiceRequest?> BindAsync(HttpContext context) => BindAsync<VoiceRequest>(context);

    private protected override void Read(IFormCollection form)
    {
        base.Read(form);
        CallSid = WebhookValues.Get(form, "CallSid");
        CallStatus = WebhookValues.Get(form, "CallStatus");
        Direction = WebhookValues.Get(form, "Direction");
        ForwardedFrom = WebhookValues.Get(form, "ForwardedFrom");
        CallerName = WebhookValues.Get(form, "CallerName");
        ParentCallSid = WebhookValues.Get(form, "ParentCallSid");
        CallToken = WebhookValues.Get(form, "CallToken");
        Caller = WebhookValues.Get(form, "Caller");
        CallerCity = WebhookValues.Get(form, "CallerCity");
        CallerState = WebhookValues.Get(form, "CallerState");
        CallerZip = WebhookValues.Get(form, "CallerZip");
        CallerCountry = WebhookValues.Get(form, "CallerCountry");
        Called = WebhookValues.Get(form, "Called");
        CalledCity = WebhookValues.Get(form, "CalledCity");
        CalledState = WebhookValues.Get(form, "CalledState");
        CalledZip = WebhookValues.Get(form, "CalledZip");
        CalledCountry = WebhookValues.Get(form, "CalledCountry");
        StirVerstat = WebhookValues.Get(form, "StirVerstat");
        ApplicationSid = WebhookValues.Get(form, "ApplicationSid");
        SipDomain = WebhookValues.Get(form, "SipDomain");
        SipUsername = WebhookValues.Get(form, "SipUsername");
        SipCallId = WebhookValues.Get(form, "SipCallId");
        SipSourceIp = WebhookValues.Get(form, "SipSourceIp");
        Digits = WebhookValues.Get(form, "Digits");
        SpeechResult = WebhookValues.Get(form, "SpeechResult");
        Confidence = WebhookValues.Get(form, "Confidence");
        FinishedOnKey = WebhookValues.Get(form, "FinishedOnKey");
        RecordingUrl = WebhookValues.Get(form, "RecordingUrl");
        RecordingDuration = WebhookValues.Get(form, "RecordingDuration");
        RecordingSid = WebhookValues.Get(form, "RecordingSid");
        RecordingStatus = WebhookValues.Get(form, "RecordingStatus");
        RecordingChannels = WebhookValues.Get(form, "RecordingChannels");
        RecordingSource = WebhookValues.Get(form, "RecordingSource");
        TranscriptionSid = WebhookValues.Get(form, "TranscriptionSid");
        TranscriptionText = WebhookValues.Get(form, "TranscriptionText");
        TranscriptionStatus = WebhookValues.Get(form, "TranscriptionStatus");
        TranscriptionUrl = WebhookValues.Get(form, "TranscriptionUrl");
        DialCallStatus = WebhookValues.Get(form, "DialCallStatus");
        DialCallSid = WebhookValues.Get(form, "DialCallSid");
        DialCallDuration = WebhookValues.Get(form, "DialCallDuration");
    }
}
