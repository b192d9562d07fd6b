using System.Net;
using System.Text;
using System.Text.Json;
using IvrService.Twilio.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;

namespace IvrService.Twilio.Tests.Webhooks;

public class TwilioWebhookModelBinderTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApps.StartAsync(_ => { }, mvc: true);
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Mvc_FromFormVoiceRequest_BindsKnownFields_IgnoresUnknown()
    {
        var json = await PostAsync("/bind/voice",
            ("CallSid", "CA1"), ("From", "+15005550006"), ("Digits", "3"), ("SpeechResult", "sales"), ("Confidence", "0.75"),
            ("CallStatus", "in-progress"), ("TotallyNewField", "x"), ("FromCity", "BOSTON"));

        Assert.Equal("CA1", json.GetProperty("callSid").GetString());
        Assert.Equal("+15005550006", json.GetProperty("from").GetString());
        Assert.Equal("3", json.GetProperty("digits").GetString());
        Assert.Equal("sales", json.GetProperty("speechResult").GetString());
        Assert.Equal(0.75, json.GetProperty("confidence").GetDouble());
        Assert.Equal("InProgress", json.GetProperty("status").GetString());
        Assert.Equal("BOSTON", json.GetProperty("fromCity").GetString());
    }

    [Fact]
    public async Task Mvc_GarbageNumbersAndMissingValues_Bind_NeverBadRequest()
    {
        // [ApiController] turns model-state errors into 400s: a garbage number must not produce one.
        var json = await PostAsync("/bind/voice", ("Confidence", "high"), ("RecordingDuration", "x"), ("CallStatus", "new-state"));

        Assert.Equal(JsonValueKind.Null, json.GetProperty("confidence").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("callSid").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("recordingDuration").ValueKind);
        Assert.Equal("Unknown", json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Mvc_EmptyForm_Binds()
    {
        var json = await PostAsync("/bind/voice");

        Assert.Equal(JsonValueKind.Null, json.GetProperty("callSid").ValueKind);
    }

    [Fact]
    public async Task Mvc_SmsRequest_BindsMediaList()
    {
        var json = await PostAsync("/bind/sms",
            ("Body", "pic"), ("NumMedia", "2"), ("MediaUrl0", "https://m/0"), ("MediaContentType0", "image/jpeg"),
            ("MediaUrl1", "https://m/1"), ("MediaContentType1", "image/gif"));

        Assert.Equal("pic", json.GetProperty("body").GetString());
        Assert.Equal("https://m/0 image/jpeg|https://m/1 image/gif", json.GetProperty("media").GetString());
    }

    [Fact]
    public async Task Mvc_FallbackRequest_BindsErrorFamily()
    {
        var json = await PostAsync("/bind/fallback", ("CallSid", "CA1"), ("ErrorCode", "11200"), ("ErrorUrl", "https://p/voice"));

        Assert.Equal("CA1", json.GetProperty("callSid").GetString());
        Assert.Equal(11200, json.GetProperty("code").GetInt32());
        Assert.Equal("PrimaryUnreachable", json.GetProperty("family").GetString());
        Assert.Equal("https://p/voice", json.GetProperty("errorUrl").GetString());
    }

    [Fact]
    public async Task Mvc_StatusCallback_BindsDerivedFields()
    {
        var json = await PostAsync("/bind/status", ("CallSid", "CA1"), ("CallDuration", "30"), ("SequenceNumber", "2"));

        Assert.Equal(30, json.GetProperty("duration").GetInt32());
        Assert.Equal(2, json.GetProperty("sequence").GetInt32());
    }

    [Fact]
    public async Task Mvc_SmsFallback_Binds()
    {
        var json = await PostAsync("/bind/smsfallback", ("Body", "HELP"), ("ErrorCode", "12100"));

        Assert.Equal("HELP", json.GetProperty("body").GetString());
        Assert.Equal("PrimaryAnsweredBadly", json.GetProperty("family").GetString());
    }

    [Fact]
    public async Task Mvc_GetWebhook_BindsFromQuery()
    {
        using var response = await _client.GetAsync("/bind/voice-get?CallSid=CA9&Digits=7&Confidence=0.5");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("CA9", json.GetProperty("callSid").GetString());
        Assert.Equal("7", json.GetProperty("digits").GetString());
    }

    [Fact]
    public async Task Mvc_UnicodeAndMarkupValues_BindVerbatim()
    {
        var json = await PostAsync("/bind/sms", ("Body", "héllo 😀 & <b> \"q\""));

        Assert.Equal("héllo 😀 & <b> \"q\"", json.GetProperty("body").GetString());
    }

    private async Task<JsonElement> PostAsync(string path, params (string Name, string Value)[] fields)
    {
        using var response = await _client.PostAsync(path, TestApps.Form(fields));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(Encoding.UTF8.GetBytes(body)).RootElement.Clone();
    }
}

// MVC discovers actions as instance methods, so CA1822's "make it static" does not apply to controllers.
#pragma warning disable CA1822
[ApiController]
[Route("bind")]
public sealed class WebhookBindingTestController : ControllerBase
{
    [HttpPost("voice")]
    public IActionResult Voice([FromForm] VoiceRequest request) => Ok(new
    {
        callSid = request.CallSid,
        from = request.From,
        digits = request.Digits,
        speechResult = request.SpeechResult,
        confidence = request.ConfidenceValue,
        recordingDuration = request.RecordingDurationValue,
        status = request.CallStatusValue?.ToString(),
        fromCity = request.FromCity,
    });

    [HttpGet("voice-get")]
    public IActionResult VoiceGet([FromQuery] VoiceRequest request) =>
        Ok(new { callSid = request.CallSid, digits = request.Digits });

    [HttpPost("sms")]
    public IActionResult Sms([FromForm] SmsRequest request) => Ok(new
    {
        body = request.Body,
        media = string.Join('|', request.Media.Select(m => $"{m.Url} {m.ContentType}")),
    });

    [HttpPost("fallback")]
    public IActionResult Fallback([FromForm] FallbackRequest request) => Ok(new
    {
        callSid = request.CallSid,
        code = request.Error.Code,
        family = request.Error.Family.ToString(),
        errorUrl = request.ErrorUrl,
    });

    [HttpPost("status")]
    public IActionResult Status([FromForm] StatusCallbackRequest request) =>
        Ok(new { duration = request.CallDurationValue, sequence = request.SequenceNumberValue });

    [HttpPost("smsfallback")]
    public IActionResult SmsFallback([FromForm] SmsFallbackRequest request) =>
        Ok(new { body = request.Body, family = request.Error.Family.ToString() });
}
#pragma warning restore CA1822
