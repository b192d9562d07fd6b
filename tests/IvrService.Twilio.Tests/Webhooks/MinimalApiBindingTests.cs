using System.Net;
using IvrService.Twilio.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace IvrService.Twilio.Tests.Webhooks;

/// <summary>The models' static BindAsync: minimal APIs take them as plain parameters.</summary>
public class MinimalApiBindingTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApps.StartAsync(a =>
        {
            a.MapPost("/voice", (VoiceRequest r) => Results.Text($"{r.GetType().Name}|{r.CallSid}|{r.Digits}|{r.ConfidenceValue}"));
            a.MapGet("/voice", (VoiceRequest r) => Results.Text($"{r.GetType().Name}|{r.CallSid}|{r.Digits}"));
            a.MapPost("/status", (StatusCallbackRequest r) => Results.Text($"{r.GetType().Name}|{r.CallSid}|{r.CallDurationValue}"));
            a.MapPost("/fallback/voice", (FallbackRequest r) => Results.Text($"{r.GetType().Name}|{r.CallSid}|{r.Error.Code}|{r.Error.Family}"));
            a.MapPost("/sms", (SmsRequest r) => Results.Text($"{r.GetType().Name}|{r.Body}|{r.Media.Count}"));
            a.MapPost("/fallback/sms", (SmsFallbackRequest r) => Results.Text($"{r.GetType().Name}|{r.Body}|{r.ErrorUrl}|{r.Error.Family}"));
        });
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("/voice", "VoiceRequest|CA1|5|0.5")]
    [InlineData("/status", "StatusCallbackRequest|CA1|12|")]
    [InlineData("/fallback/voice", "FallbackRequest|CA1|11205|PrimaryUnreachable")]
    [InlineData("/sms", "SmsRequest|hi|1|")]
    [InlineData("/fallback/sms", "SmsFallbackRequest|hi|https://p/x|PrimaryUnreachable|")]
    public async Task Post_EachModel_BindsItsOwnType(string path, string expectedPrefix)
    {
        using var response = await _client.PostAsync(path, TestApps.Form(
            ("CallSid", "CA1"), ("Digits", "5"), ("Confidence", "0.5"), ("CallDuration", "12"), ("ErrorCode", "11205"),
            ("ErrorUrl", "https://p/x"), ("Body", "hi"), ("NumMedia", "1"), ("MediaUrl0", "https://m/0"), ("Surprise", "new")));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith(expectedPrefix.TrimEnd('|'), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_BindsFromQuery()
    {
        var text = await _client.GetStringAsync("/voice?CallSid=CA7&Digits=9");

        Assert.Equal("VoiceRequest|CA7|9", text);
    }

    [Fact]
    public async Task Post_GarbageValues_Bind()
    {
        using var response = await _client.PostAsync("/fallback/voice", TestApps.Form(("ErrorCode", "oops"), ("Confidence", "x")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("FallbackRequest||0|Other", await response.Content.ReadAsStringAsync());
    }
}
