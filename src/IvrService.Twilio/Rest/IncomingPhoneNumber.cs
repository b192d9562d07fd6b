namespace IvrService.Twilio.Rest;

/// <summary>An IncomingPhoneNumber resource (the fields IvrService uses; JSON is snake_case).</summary>
public sealed record IncomingPhoneNumber
{
    /// <summary><c>sid</c> (PN…).</summary>
    public string? Sid { get; init; }

    /// <summary><c>account_sid</c>.</summary>
    public string? AccountSid { get; init; }

    /// <summary><c>phone_number</c> (E.164).</summary>
    public string? PhoneNumber { get; init; }

    /// <summary><c>friendly_name</c>.</summary>
    public string? FriendlyName { get; init; }

    /// <summary><c>voice_url</c>.</summary>
    public string? VoiceUrl { get; init; }

    /// <summary><c>voice_method</c>.</summary>
    public string? VoiceMethod { get; init; }

    /// <summary><c>voice_fallback_url</c>.</summary>
    public string? VoiceFallbackUrl { get; init; }

    /// <summary><c>voice_fallback_method</c>.</summary>
    public string? VoiceFallbackMethod { get; init; }

    /// <summary><c>voice_caller_id_lookup</c>.</summary>
    public bool? VoiceCallerIdLookup { get; init; }

    /// <summary><c>voice_application_sid</c>: when set, the voice URLs are ignored.</summary>
    public string? VoiceApplicationSid { get; init; }

    /// <summary><c>trunk_sid</c>: when set, the voice URLs are ignored.</summary>
    public string? TrunkSid { get; init; }

    /// <summary><c>status_callback</c>.</summary>
    public string? StatusCallback { get; init; }

    /// <summary><c>status_callback_method</c>.</summary>
    public string? StatusCallbackMethod { get; init; }

    /// <summary><c>sms_url</c>.</summary>
    public string? SmsUrl { get; init; }

    /// <summary><c>sms_method</c>.</summary>
    public string? SmsMethod { get; init; }

    /// <summary><c>sms_fallback_url</c>.</summary>
    public string? SmsFallbackUrl { get; init; }

    /// <summary><c>sms_fallback_method</c>.</summary>
    public string? SmsFallbackMethod { get; init; }

    /// <summary><c>sms_application_sid</c>: when set, the SMS URLs are ignored.</summary>
    public string? SmsApplicationSid { get; init; }

    /// <summary><c>date_updated</c> (RFC 2822, as sent).</summary>
    public string? DateUpdated { get; init; }
}

/// <summary>
/// Fields to change on an IncomingPhoneNumber. Null = leave unchanged; <c>""</c> = clear (e.g. an
/// <see cref="VoiceApplicationSid"/> that would make Twilio ignore the voice URLs).
/// </summary>
public sealed record IncomingPhoneNumberUpdate
{
    /// <summary><c>VoiceUrl</c>.</summary>
    public string? VoiceUrl { get; init; }

    /// <summary><c>VoiceMethod</c>.</summary>
    public TwilioHttpMethod? VoiceMethod { get; init; }

    /// <summary><c>VoiceFallbackUrl</c>.</summary>
    public string? VoiceFallbackUrl { get; init; }

    /// <summary><c>VoiceFallbackMethod</c>.</summary>
    public TwilioHttpMethod? VoiceFallbackMethod { get; init; }

    /// <summary><c>StatusCallback</c>.</summary>
    public string? StatusCallback { get; init; }

    /// <summary><c>StatusCallbackMethod</c>.</summary>
    public TwilioHttpMethod? StatusCallbackMethod { get; init; }

    /// <summary><c>SmsUrl</c>.</summary>
    public string? SmsUrl { get; init; }

    /// <summary><c>SmsMethod</c>.</summary>
    public TwilioHttpMethod? SmsMethod { get; init; }

    /// <summary><c>SmsFallbackUrl</c>.</summary>
    public string? SmsFallbackUrl { get; init; }

    /// <summary><c>SmsFallbackMethod</c>.</summary>
    public TwilioHttpMethod? SmsFallbackMethod { get; init; }

    /// <summary><c>VoiceCallerIdLookup</c>.</summary>
    public bool? VoiceCallerIdLookup { get; init; }

    /// <summary><c>VoiceApplicationSid</c> (<c>""</c> clears it).</summary>
    public string? VoiceApplicationSid { get; init; }

    /// <summary><c>SmsApplicationSid</c> (<c>""</c> clears it).</summary>
    public string? SmsApplicationSid { get; init; }

    /// <summary><c>TrunkSid</c> (<c>""</c> clears it).</summary>
    public string? TrunkSid { get; init; }

    /// <summary><c>FriendlyName</c>.</summary>
    public string? FriendlyName { get; init; }

    internal List<KeyValuePair<string, string>> ToForm()
    {
        var form = new List<KeyValuePair<string, string>>();
        Add(form, "VoiceUrl", VoiceUrl);
        Add(form, "VoiceMethod", VoiceMethod?.ToWireString());
        Add(form, "VoiceFallbackUrl", VoiceFallbackUrl);
        Add(form, "VoiceFallbackMethod", VoiceFallbackMethod?.ToWireString());
        Add(form, "StatusCallback", StatusCallback);
        Add(form, "StatusCallbackMethod", StatusCallbackMethod?.ToWireString());
        Add(form, "SmsUrl", SmsUrl);
        Add(form, "SmsMethod", SmsMethod?.ToWireString());
        Add(form, "SmsFallbackUrl", SmsFallbackUrl);
        Add(form, "SmsFallbackMethod", SmsFallbackMethod?.ToWireString());
        Add(form, "VoiceCallerIdLookup", VoiceCallerIdLookup switch { true => "true", false => "false", null => null });
        Add(form, "VoiceApplicationSid", VoiceApplicationSid);
        Add(form, "SmsApplicationSid", SmsApplicationSid);
        Add(form, "TrunkSid", TrunkSid);
        Add(form, "FriendlyName", FriendlyName);
        return form;
    }

    private static void Add(List<KeyValuePair<string, string>> form, string name, string? value)
    {
        if (value is not null)
        {
            form.Add(new(name, value));
        }
    }
}

/// <summary>One page of the IncomingPhoneNumbers list.</summary>
internal sealed record IncomingPhoneNumberPage
{
    public List<IncomingPhoneNumber>? IncomingPhoneNumbers { get; init; }

    public string? NextPageUri { get; init; }
}
