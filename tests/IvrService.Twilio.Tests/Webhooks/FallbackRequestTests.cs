using IvrService.Twilio.Errors;
using IvrService.Twilio.Webhooks;

namespace IvrService.Twilio.Tests.Webhooks;

public class FallbackRequestTests
{
    [Fact]
    public void FromForm_VoiceFallback_ReadsErrorAndVoiceFields()
    {
        var request = FallbackRequest.FromForm(FormBuilder.Of(
            ("CallSid", "CA1"), ("From", "+15005550006"), ("Digits", "2"),
            ("ErrorCode", "11205"), ("ErrorUrl", "https://primary.example.com/voice")));

        Assert.Equal("CA1", request.CallSid);
        Assert.Equal("2", request.Digits);
        Assert.Equal(11205, request.ErrorCodeValue);
        Assert.Equal("https://primary.example.com/voice", request.ErrorUrl);
        Assert.Equal(ErrorFamily.PrimaryUnreachable, request.Error.Family);
        Assert.True(request.Error.IsKnown);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("eleven thousand")]
    public void Error_MissingOrGarbage_IsUnknownOther(string? raw)
    {
        var form = raw is null ? FormBuilder.Of(("CallSid", "CA1")) : FormBuilder.Of(("ErrorCode", raw));

        var request = FallbackRequest.FromForm(form);

        Assert.Null(request.ErrorCodeValue);
        Assert.Same(TwilioErrorCatalog.Unknown, request.Error);
        Assert.Equal(ErrorFamily.Other, request.Error.Family);
    }

    [Fact]
    public void FromForm_SmsFallback_ReadsErrorAndMessageFields()
    {
        var request = SmsFallbackRequest.FromForm(FormBuilder.Of(
            ("MessageSid", "SM1"), ("Body", "MENU"), ("ErrorCode", "12300"), ("ErrorUrl", "https://primary/sms"),
            ("NumMedia", "1"), ("MediaUrl0", "https://m/0")));

        Assert.Equal("MENU", request.Body);
        Assert.Equal(12300, request.ErrorCodeValue);
        Assert.Equal(ErrorFamily.PrimaryAnsweredBadly, request.Error.Family);
        Assert.Equal("https://primary/sms", request.ErrorUrl);
        Assert.Single(request.Media);
    }

    [Fact]
    public void BothFallbackModels_ShareTheInterface()
    {
        var voice = Describe(FallbackRequest.FromForm(FormBuilder.Of(("ErrorCode", "13420"))));
        var sms = Describe(SmsFallbackRequest.FromForm(FormBuilder.Of(("ErrorCode", "13420"))));

        Assert.Equal(ErrorFamily.MediaProblem, voice.Family);
        Assert.Equal(voice, sms);
    }

    private static TwilioError Describe(IFallbackRequest request) => request.Error;
}
