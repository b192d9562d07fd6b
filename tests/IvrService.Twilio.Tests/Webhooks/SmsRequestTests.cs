using IvrService.Twilio.Webhooks;

namespace IvrService.Twilio.Tests.Webhooks;

public class SmsRequestTests
{
    [Fact]
    public void FromForm_IncomingMms_ReadsFieldsAndMediaInOrder()
    {
        var request = SmsRequest.FromForm(FormBuilder.Of(
            ("MessageSid", "MM1"), ("SmsSid", "MM1"), ("SmsMessageSid", "MM1"), ("AccountSid", "AC1"),
            ("MessagingServiceSid", "MG1"), ("From", "+15005550006"), ("To", "+15005550001"), ("Body", "héllo 😀 & <b>"),
            ("NumMedia", "2"), ("NumSegments", "1"), ("SmsStatus", "received"), ("ApiVersion", "2010-04-01"),
            ("MediaUrl1", "https://m/1"), ("MediaContentType1", "image/png"),
            ("MediaUrl0", "https://m/0"), ("MediaContentType0", "image/jpeg"),
            ("FromCountry", "US"), ("ProfileName", "Ann"), ("WaId", "15005550006"), ("OptOutType", "STOP")));

        Assert.Equal("MM1", request.MessageSid);
        Assert.Equal("MM1", request.SmsSid);
        Assert.Equal("MM1", request.SmsMessageSid);
        Assert.Equal("MG1", request.MessagingServiceSid);
        Assert.Equal("héllo 😀 & <b>", request.Body);
        Assert.Equal(2, request.NumMediaValue);
        Assert.Equal(1, request.NumSegmentsValue);
        Assert.Equal("received", request.SmsStatus);
        Assert.Equal("US", request.FromCountry);
        Assert.Equal(("Ann", "15005550006", "STOP"), (request.ProfileName, request.WaId, request.OptOutType));
        Assert.Equal(
            [new SmsMedia(0, "https://m/0", "image/jpeg"), new SmsMedia(1, "https://m/1", "image/png")],
            request.Media);
    }

    [Fact]
    public void Media_GarbageNumMedia_StillReadsPresentUrls()
    {
        var request = SmsRequest.FromForm(FormBuilder.Of(("NumMedia", "lots"), ("MediaUrl0", "https://m/0")));

        Assert.Null(request.NumMediaValue);
        Assert.Equal([new SmsMedia(0, "https://m/0", null)], request.Media);
    }

    [Fact]
    public void Media_GapBelowDeclaredCount_IsSkipped()
    {
        var request = SmsRequest.FromForm(FormBuilder.Of(("NumMedia", "3"), ("MediaUrl0", "a"), ("MediaUrl2", "c")));

        Assert.Equal([0, 2], request.Media.Select(m => m.Index));
    }

    [Fact]
    public void Media_None_IsEmptyNotNull()
    {
        var request = SmsRequest.FromForm(FormBuilder.Of(("NumMedia", "0"), ("Body", "hi")));

        Assert.Empty(request.Media);
    }

    [Fact]
    public void FromForm_Missing_AllNull()
    {
        var request = SmsRequest.FromForm(FormBuilder.Of(("Whatever", "1")));

        Assert.Null(request.Body);
        Assert.Null(request.From);
        Assert.Null(request.NumMediaValue);
        Assert.Empty(request.Media);
    }
}
