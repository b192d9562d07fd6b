using System.Globalization;
using IvrService.Twilio.Webhooks;

namespace IvrService.Twilio.Tests.Webhooks;

public class VoiceRequestTests
{
    [Fact]
    public void FromForm_IncomingCall_ReadsEveryDocumentedParameter()
    {
        var form = FormBuilder.Of(
            ("CallSid", "CA1234567890abcdef1234567890abcdef"), ("AccountSid", "AC123"), ("From", "+14158675309"),
            ("To", "+18005551212"), ("CallStatus", "ringing"), ("ApiVersion", "2010-04-01"), ("Direction", "inbound"),
            ("ForwardedFrom", "+14155550000"), ("CallerName", "Jane"), ("ParentCallSid", "CA999"), ("CallToken", "tok"),
            ("FromCity", "SAN FRANCISCO"), ("FromState", "CA"), ("FromZip", "94103"), ("FromCountry", "US"),
            ("ToCity", "OAKLAND"), ("ToState", "CA"), ("ToZip", "94612"), ("ToCountry", "US"),
            ("Caller", "+14158675309"), ("CallerCity", "SF"), ("CallerState", "CA"), ("CallerZip", "94103"), ("CallerCountry", "US"),
            ("Called", "+18005551212"), ("CalledCity", "OAK"), ("CalledState", "CA"), ("CalledZip", "94612"), ("CalledCountry", "US"),
            ("StirVerstat", "TN-Validation-Passed-A"), ("ApplicationSid", "AP1"), ("SipDomain", "d.sip.twilio.com"),
            ("SipUsername", "bob"), ("SipCallId", "abc@1.2.3.4"), ("SipSourceIp", "1.2.3.4"));

        var request = VoiceRequest.FromForm(form);

        Assert.Equal("CA1234567890abcdef1234567890abcdef", request.CallSid);
        Assert.Equal("AC123", request.AccountSid);
        Assert.Equal("+14158675309", request.From);
        Assert.Equal("+18005551212", request.To);
        Assert.Equal(TwilioCallStatus.Ringing, request.CallStatusValue);
        Assert.Equal("2010-04-01", request.ApiVersion);
        Assert.Equal(TwilioCallDirection.Inbound, request.DirectionValue);
        Assert.Equal("+14155550000", request.ForwardedFrom);
        Assert.Equal("Jane", request.CallerName);
        Assert.Equal("CA999", request.ParentCallSid);
        Assert.Equal("tok", request.CallToken);
        Assert.Equal(("SAN FRANCISCO", "CA", "94103", "US"), (request.FromCity, request.FromState, request.FromZip, request.FromCountry));
        Assert.Equal(("OAKLAND", "CA", "94612", "US"), (request.ToCity, request.ToState, request.ToZip, request.ToCountry));
        Assert.Equal(("+14158675309", "SF", "CA", "94103", "US"), (request.Caller, request.CallerCity, request.CallerState, request.CallerZip, request.CallerCountry));
        Assert.Equal(("+18005551212", "OAK", "CA", "94612", "US"), (request.Called, request.CalledCity, request.CalledState, request.CalledZip, request.CalledCountry));
        Assert.Equal("TN-Validation-Passed-A", request.StirVerstat);
        Assert.Equal("AP1", request.ApplicationSid);
        Assert.Equal(("d.sip.twilio.com", "bob", "abc@1.2.3.4", "1.2.3.4"), (request.SipDomain, request.SipUsername, request.SipCallId, request.SipSourceIp));
    }

    [Fact]
    public void FromForm_GatherResult_ReadsDigitsSpeechConfidenceAndKey()
    {
        var request = VoiceRequest.FromForm(FormBuilder.Of(
            ("Digits", "1234"), ("SpeechResult", "talk to sales"), ("Confidence", "0.9241"), ("FinishedOnKey", "#")));

        Assert.Equal("1234", request.Digits);
        Assert.Equal("talk to sales", request.SpeechResult);
        Assert.Equal("0.9241", request.Confidence);
        Assert.Equal(0.9241, request.ConfidenceValue);
        Assert.Equal("#", request.FinishedOnKey);
    }

    [Fact]
    public void FromForm_RecordResult_ReadsRecordingFields()
    {
        var request = VoiceRequest.FromForm(FormBuilder.Of(
            ("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1"), ("RecordingDuration", "17"),
            ("RecordingSid", "RE1"), ("Digits", "hangup")));

        Assert.Equal("https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1", request.RecordingUrl);
        Assert.Equal(17, request.RecordingDurationValue);
        Assert.Equal("RE1", request.RecordingSid);
        Assert.Equal("hangup", request.Digits);
    }

    [Theory]
    [InlineData("completed", TwilioDialCallStatus.Completed)]
    [InlineData("answered", TwilioDialCallStatus.Answered)]
    [InlineData("busy", TwilioDialCallStatus.Busy)]
    [InlineData("no-answer", TwilioDialCallStatus.NoAnswer)]
    [InlineData("failed", TwilioDialCallStatus.Failed)]
    [InlineData("canceled", TwilioDialCallStatus.Canceled)]
    [InlineData("NO-ANSWER", TwilioDialCallStatus.NoAnswer)]
    [InlineData("transferred-to-mars", TwilioDialCallStatus.Unknown)]
    public void FromForm_DialResult_ParsesStatus(string raw, TwilioDialCallStatus expected)
    {
        var request = VoiceRequest.FromForm(FormBuilder.Of(("DialCallStatus", raw), ("DialCallSid", "CA2"), ("DialCallDuration", "42")));

        Assert.Equal(expected, request.DialCallStatusValue);
        Assert.Equal(raw, request.DialCallStatus);
        Assert.Equal("CA2", request.DialCallSid);
        Assert.Equal(42, request.DialCallDurationValue);
    }

    [Theory]
    [InlineData("queued", TwilioCallStatus.Queued)]
    [InlineData("ringing", TwilioCallStatus.Ringing)]
    [InlineData("in-progress", TwilioCallStatus.InProgress)]
    [InlineData("completed", TwilioCallStatus.Completed)]
    [InlineData("busy", TwilioCallStatus.Busy)]
    [InlineData("failed", TwilioCallStatus.Failed)]
    [InlineData("no-answer", TwilioCallStatus.NoAnswer)]
    [InlineData("canceled", TwilioCallStatus.Canceled)]
    [InlineData("teleporting", TwilioCallStatus.Unknown)]
    public void CallStatusValue_EveryDocumentedValue(string raw, TwilioCallStatus expected) =>
        Assert.Equal(expected, VoiceRequest.FromForm(FormBuilder.Of(("CallStatus", raw))).CallStatusValue);

    [Theory]
    [InlineData("outbound-api", TwilioCallDirection.OutboundApi)]
    [InlineData("outbound-dial", TwilioCallDirection.OutboundDial)]
    [InlineData("sideways", TwilioCallDirection.Unknown)]
    public void DirectionValue_Parses(string raw, TwilioCallDirection expected) =>
        Assert.Equal(expected, VoiceRequest.FromForm(FormBuilder.Of(("Direction", raw))).DirectionValue);

    [Fact]
    public void FromForm_UnknownParameters_AreIgnored()
    {
        var request = VoiceRequest.FromForm(FormBuilder.Of(
            ("CallSid", "CA1"), ("BrandNewTwilioField", "x"), ("AddOns", "{\"status\":\"successful\"}"), ("Digits", "5")));

        Assert.Equal("CA1", request.CallSid);
        Assert.Equal("5", request.Digits);
    }

    [Fact]
    public void FromForm_GarbageNumbers_KeepRawAndParseToNull()
    {
        var request = VoiceRequest.FromForm(FormBuilder.Of(
            ("Confidence", "very"), ("RecordingDuration", "12s"), ("DialCallDuration", "99999999999999"), ("Direction", "")));

        Assert.Equal("very", request.Confidence);
        Assert.Null(request.ConfidenceValue);
        Assert.Equal("12s", request.RecordingDuration);
        Assert.Null(request.RecordingDurationValue);
        Assert.Null(request.DialCallDurationValue);
        Assert.Null(request.Direction);
        Assert.Null(request.DirectionValue);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e999")]
    public void ConfidenceValue_NonFinite_IsNull(string raw) =>
        Assert.Null(VoiceRequest.FromForm(FormBuilder.Of(("Confidence", raw))).ConfidenceValue);

    [Fact]
    public void FromForm_Missing_AllNull()
    {
        var request = VoiceRequest.FromForm(FormBuilder.Of());

        Assert.Null(request.CallSid);
        Assert.Null(request.Digits);
        Assert.Null(request.CallStatusValue);
        Assert.Null(request.ConfidenceValue);
        Assert.Null(request.DialCallStatusValue);
        Assert.Null(request.RecordingDurationValue);
    }

    [Fact]
    public void FromForm_EmptyValue_IsNull()
    {
        var request = VoiceRequest.FromForm(FormBuilder.Of(("Digits", ""), ("CallStatus", "")));

        Assert.Null(request.Digits);
        Assert.Null(request.CallStatusValue);
    }

    [Fact]
    public void FromForm_RepeatedName_FirstValueWins()
    {
        var request = VoiceRequest.FromForm(FormBuilder.Of(("Digits", "1"), ("Digits", "2")));

        Assert.Equal("1", request.Digits);
    }

    [Fact]
    public void ConfidenceValue_UsesInvariantCulture_UnderCommaCulture()
    {
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");

            Assert.Equal(0.5, VoiceRequest.FromForm(FormBuilder.Of(("Confidence", "0.5"))).ConfidenceValue);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Fact]
    public void FromForm_Null_Throws() => Assert.Throws<ArgumentNullException>(() => VoiceRequest.FromForm(null!));
}
