using System.Xml.Linq;
using IvrService.Twilio.AspNetCore;
using IvrService.Twilio.TwiML;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;

namespace IvrService.Twilio.Tests.AspNetCore;

public class TwiMLResultTests
{
    [Fact]
    public async Task MinimalApi_VoiceResponse_WritesXmlWithContentTypeAndLength()
    {
        await using var app = await TestApps.StartAsync(a =>
            a.MapPost("/voice", () => new TwiMLResult(new VoiceResponse().Say("Hi & bye").Hangup())));
        using var client = app.GetTestClient();

        using var response = await client.PostAsync("/voice", TestApps.Form(("CallSid", "CA1")));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/xml; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(body), response.Content.Headers.ContentLength);
        var root = XDocument.Parse(body).Root!;
        Assert.Equal(["Say", "Hangup"], root.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("Hi & bye", root.Element("Say")!.Value);
    }

    [Fact]
    public async Task MinimalApi_NullResponse_WritesEmptyResponse()
    {
        await using var app = await TestApps.StartAsync(a => a.MapPost("/status", () => new TwiMLResult(null)));
        using var client = app.GetTestClient();

        using var response = await client.PostAsync("/status", TestApps.Form());
        var root = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;

        Assert.Equal("Response", root.Name.LocalName);
        Assert.False(root.HasElements);
        Assert.Equal(string.Empty, root.Value);
    }

    [Fact]
    public async Task Mvc_ActionResult_WritesMessagingResponse()
    {
        await using var app = await TestApps.StartAsync(_ => { }, mvc: true);
        using var client = app.GetTestClient();

        using var response = await client.PostAsync("/test-twiml/sms", TestApps.Form(("Body", "hello")));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/xml; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", body, StringComparison.Ordinal);
        Assert.Equal("You said: hello", XDocument.Parse(body).Root!.Element("Message")!.Value);
    }

    [Fact]
    public async Task Mvc_EmptyResult_WritesEmptyResponse()
    {
        await using var app = await TestApps.StartAsync(_ => { }, mvc: true);
        using var client = app.GetTestClient();

        using var response = await client.PostAsync("/test-twiml/empty", TestApps.Form());

        Assert.Equal("application/xml; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.False(XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.HasElements);
    }

    [Fact]
    public void Metadata_ExposesContentTypeAndStatus()
    {
        var result = new TwiMLResult();

        Assert.Equal("application/xml; charset=utf-8", ((IContentTypeHttpResult)result).ContentType);
        Assert.Equal(200, ((IStatusCodeHttpResult)result).StatusCode);
    }
}

// MVC discovers actions as instance methods, so CA1822's "make it static" does not apply to controllers.
#pragma warning disable CA1822
[ApiController]
[Route("test-twiml")]
public sealed class TwiMLResultTestController : ControllerBase
{
    [HttpPost("sms")]
    public IActionResult Sms([FromForm] string body) =>
        new TwiMLResult(new MessagingResponse().Message("You said: " + body));

    [HttpPost("empty")]
    public IActionResult EmptyTwiML() => new TwiMLResult(new VoiceResponse());
}
#pragma warning restore CA1822
