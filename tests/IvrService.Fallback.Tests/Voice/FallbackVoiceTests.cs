using System.Net;
using System.Xml.Linq;
using IvrService.Testing.Logging;

namespace IvrService.Fallback.Tests.Voice;

/// <summary>The caller's experience after each kind of primary failure.</summary>
public class FallbackVoiceTests
{
    private const string PrimaryMenu = "https://primary.example.com/voice/continue?n=main&l=es-US&f=1";

    [Fact]
    public async Task Incoming_TimeoutAtMenu_ResumesAtTheMenuOnTheFallbacksOwnUrls()
    {
        await using var app = new FallbackAppFactory();

        var (status, twiml, body) = await app.PostAsync("/fallback/voice", Webhooks.FailedCall("11205", PrimaryMenu));

        Assert.Equal(HttpStatusCode.OK, status);
        var gather = Assert.Single(Verbs(twiml!, "Gather"));
        Assert.StartsWith("https://fallback.example.net/fallback/voice/continue?n=main&l=es-US", (string?)gather.Attribute("action"), StringComparison.Ordinal);
        Assert.Equal("https://fallback.example.net/fallback/audio/es-US/main-long.wav", gather.Element("Play")?.Value);
        Assert.DoesNotContain("primary.example.com", body, StringComparison.Ordinal);
        var logged = FallbackEvent(app);
        Assert.Equal("11205", InMemoryLogSink.Property(logged, "ErrorCode"));
        Assert.Equal("PrimaryUnreachable", InMemoryLogSink.Property(logged, "ErrorFamily"));
        Assert.Equal(Webhooks.CallSid, InMemoryLogSink.Property(logged, "CallSid"));
        Assert.Equal("+1******0100", InMemoryLogSink.Property(logged, "From"));
    }

    [Fact]
    public async Task Incoming_FailedWhileHandlingDigits_AppliesTheDigitsAtTheMenu()
    {
        await using var app = new FallbackAppFactory();

        var (_, twiml, _) = await app.PostAsync("/fallback/voice", Webhooks.FailedCall("11200", PrimaryMenu, ("Digits", "1")));

        // Option 1 is the sales transfer: the caller gets where they were going.
        var dial = Assert.Single(Verbs(twiml!, "Dial"));
        Assert.Equal("+15005550006", dial.Element("Number")?.Value);
        Assert.StartsWith("https://fallback.example.net/fallback/voice/continue?n=sales", (string?)dial.Attribute("action"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Incoming_FailedWhilePressingTextOption_SkipsTheTextSaysSoAndReturnsToTheMenu()
    {
        await using var app = new FallbackAppFactory();

        var (status, twiml, _) = await app.PostAsync("/fallback/voice", Webhooks.FailedCall("11200", PrimaryMenu, ("Digits", "5")));

        Assert.Equal(HttpStatusCode.OK, status);
        var root = twiml!.Root!;
        // The fallback has no REST credentials: the caller hears the unavailable prompt, never "we have sent you a text".
        Assert.Equal("https://fallback.example.net/fallback/audio/es-US/text-unavailable.wav", root.Element("Play")?.Value);
        Assert.DoesNotContain(twiml.Descendants("Play"), p => p.Value.Contains("text-sent", StringComparison.Ordinal));
        Assert.Single(Verbs(twiml, "Gather"));
        var skipped = Assert.Single(app.Logs.Events, e => e.MessageTemplate.Text.Contains("not sent by the fallback", StringComparison.Ordinal));
        Assert.Equal("text-link", InMemoryLogSink.Property(skipped, "Node"));
        Assert.Equal("resumed", InMemoryLogSink.Property(FallbackEvent(app), "Decision"));
    }

    [Fact]
    public async Task Incoming_IncomingCallWebhookFailed_StartsTheFlow()
    {
        await using var app = new FallbackAppFactory();

        var (_, twiml, _) = await app.PostAsync("/fallback/voice", Webhooks.FailedCall("11217", "https://primary.example.com/voice"));

        var root = twiml!.Root!;
        Assert.Equal("https://fallback.example.net/fallback/audio/en-US/welcome.wav", root.Element("Play")?.Value);
        Assert.Single(Verbs(twiml, "Gather"));
    }

    [Theory]
    [InlineData("https://evil.example.org/voice/continue?n=main&l=es-US")]
    [InlineData("https://primary.example.com.evil.example.org/voice/continue?n=main")]
    [InlineData("https://user@evil.example.org/voice?x=primary.example.com")]
    public async Task Incoming_ErrorUrlNotAllowListed_ApologisesWithoutResumingOrEchoing(string errorUrl)
    {
        await using var app = new FallbackAppFactory();

        var (status, twiml, body) = await app.PostAsync("/fallback/voice", Webhooks.FailedCall("11205", errorUrl));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(Verbs(twiml!, "Gather"));
        Assert.Contains("technical difficulties", twiml!.Root!.Elements("Say").First().Value, StringComparison.Ordinal);
        Assert.DoesNotContain("evil", body, StringComparison.Ordinal);
        Assert.Empty(Verbs(twiml, "Redirect"));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData("abc", "not a url")]
    [InlineData("-1", "javascript:alert(1)")]
    [InlineData("99999999999999", "ftp://primary.example.com/voice")]
    [InlineData("11205", "https://primary.example.com/voice/continue?n=%ZZ&l=<x>&f=999999999999")]
    [InlineData("12100", "https://primary.example.com/voice/continue?n=../../etc&b=main.main.main.nope")]
    public async Task Incoming_GarbledOrMissingErrorFields_StillAnswers(string? errorCode, string? errorUrl)
    {
        await using var app = new FallbackAppFactory();

        var (status, twiml, _) = await app.PostAsync("/fallback/voice", Webhooks.FailedCall(errorCode, errorUrl));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(twiml);
        Assert.NotEmpty(twiml!.Root!.Elements());
        FallbackEvent(app);
    }

    [Fact]
    public async Task Incoming_HugeErrorUrl_IsCappedInTheLog()
    {
        await using var app = new FallbackAppFactory();
        var errorUrl = "https://primary.example.com/voice/continue?n=main&token=" + new string('s', 5000);

        await app.PostAsync("/fallback/voice", Webhooks.FailedCall("11205", errorUrl));

        var logged = FallbackEvent(app);
        var url = InMemoryLogSink.Property(logged, "ErrorUrl")!;
        Assert.True(url.Length <= 256, url);
        Assert.DoesNotContain("sssss", url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Incoming_ErrorUrlWithSecretsInQuery_LogsOnlyTheStateParameters()
    {
        await using var app = new FallbackAppFactory();

        await app.PostAsync("/fallback/voice", Webhooks.FailedCall("11205", "https://u:p@primary.example.com/voice/continue?n=main&l=en-US&api_key=hunter2#frag"));

        var url = InMemoryLogSink.Property(FallbackEvent(app), "ErrorUrl")!;
        Assert.Equal("https://primary.example.com/voice/continue?n=main&l=en-US&api_key=***", url);
    }

    [Theory]
    [InlineData("11205", "PrimaryUnreachable")]
    [InlineData("11200", "PrimaryUnreachable")]
    [InlineData("11217", "PrimaryAnsweredBadly")]
    [InlineData("12100", "PrimaryAnsweredBadly")]
    [InlineData("12300", "PrimaryAnsweredBadly")]
    [InlineData("13420", "MediaProblem")]
    [InlineData("32018", "Other")]
    [InlineData("54321", "Other")]
    public async Task Incoming_EachErrorFamily_IsLoggedWithItsFamilyAndAnswered(string code, string family)
    {
        await using var app = new FallbackAppFactory();

        var (status, twiml, _) = await app.PostAsync("/fallback/voice", Webhooks.FailedCall(code, PrimaryMenu));

        Assert.Equal(HttpStatusCode.OK, status);
        var logged = FallbackEvent(app);
        Assert.Equal(code, InMemoryLogSink.Property(logged, "ErrorCode"));
        Assert.Equal(family, InMemoryLogSink.Property(logged, "ErrorFamily"));
        Assert.Equal(Serilog.Events.LogEventLevel.Warning, logged.Level);
        // Every family keeps the caller at the menu they were in; only a media problem changes how it sounds.
        Assert.Single(Verbs(twiml!, "Gather"));
        Assert.Equal(family == "MediaProblem", !Verbs(twiml!, "Play").Any());
    }

    [Fact]
    public async Task Incoming_MediaProblem_SpeaksPromptsAndKeepsSayingThemForTheRestOfTheCall()
    {
        await using var app = new FallbackAppFactory();

        var (_, twiml, _) = await app.PostAsync("/fallback/voice", Webhooks.FailedCall("13420", "https://primary.example.com/voice"));

        Assert.Empty(Verbs(twiml!, "Play"));
        Assert.Equal("Thank you for calling Example Company.", twiml!.Root!.Element("Say")?.Value);
        var gather = Assert.Single(Verbs(twiml, "Gather"));
        var action = (string)gather.Attribute("action")!;
        Assert.Contains("m=say", action, StringComparison.Ordinal);

        // The caller presses 3 (opening hours): still spoken, still flagged.
        var next = await app.PostAsync(new Uri(action).PathAndQuery, Webhooks.FailedCall(null, null, ("Digits", "3")));
        Assert.Empty(Verbs(next.TwiML!, "Play"));
        Assert.NotEmpty(Verbs(next.TwiML!, "Say"));
        Assert.All(Verbs(next.TwiML!, "Gather").Concat(Verbs(next.TwiML!, "Redirect")),
            v => Assert.Contains("m=say", (string?)v.Attribute("action") ?? v.Value, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Incoming_NoSupportNumber_ApologyThenVoicemailWithItsOwnCallback()
    {
        await using var app = new FallbackAppFactory();

        var (_, twiml, _) = await app.PostAsync("/fallback/voice", Webhooks.FailedCall("11205", null));

        var record = Assert.Single(Verbs(twiml!, "Record"));
        Assert.Equal("https://fallback.example.net/fallback/voice/continue?fs=rec", (string?)record.Attribute("action"));
        Assert.Equal("Hangup", twiml!.Root!.Elements().Last().Name.LocalName);

        var thanks = await app.PostAsync("/fallback/voice/continue?fs=rec",
            Webhooks.FailedCall(null, null, ("RecordingUrl", "https://api.twilio.com/rec/RE1"), ("RecordingDuration", "7")));
        Assert.Contains("Thank you", thanks.TwiML!.Root!.Element("Say")?.Value, StringComparison.Ordinal);
        Assert.NotNull(thanks.TwiML.Root.Element("Hangup"));
    }

    [Fact]
    public async Task Incoming_SupportNumberConfigured_ApologyThenTransfer()
    {
        await using var app = new FallbackAppFactory().With("Fallback:SupportNumber", "sip:desk@support.example.com");

        var (_, twiml, _) = await app.PostAsync("/fallback/voice", Webhooks.FailedCall("11205", "https://elsewhere.example/voice"));

        var dial = Assert.Single(Verbs(twiml!, "Dial"));
        Assert.Equal("sip:desk@support.example.com", dial.Element("Sip")?.Value);
        Assert.Equal("https://fallback.example.net/fallback/voice/continue?fs=dial", (string?)dial.Attribute("action"));

        var unanswered = await app.PostAsync("/fallback/voice/continue?fs=dial", Webhooks.FailedCall(null, null, ("DialCallStatus", "no-answer")));
        Assert.Contains("Goodbye", unanswered.TwiML!.Root!.Element("Say")?.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Incoming_GoodbyeMode_ApologyThenGoodbye()
    {
        await using var app = new FallbackAppFactory().With("Fallback:Mode", "Goodbye").With("Fallback:ApologyText", "Oops.");

        var (_, twiml, _) = await app.PostAsync("/fallback/voice", Webhooks.FailedCall("11205", null));

        Assert.Equal(["Say", "Say", "Hangup"], twiml!.Root!.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("Oops.", twiml.Root.Elements("Say").First().Value);
    }

    [Fact]
    public async Task Incoming_SipTrunkDisasterRecovery_AnswersSipCallers()
    {
        await using var app = new FallbackAppFactory();
        var form = Webhooks.FailedCall(null, null);
        form["From"] = "sip:+14155550100@pbx.example.com";
        form["To"] = "sip:+15005550006@trunk.pstn.twilio.com";

        var (status, twiml, _) = await app.PostAsync("/fallback/voice", form);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEmpty(Verbs(twiml!, "Say"));
        var logged = FallbackEvent(app);
        Assert.Equal("sip:***", InMemoryLogSink.Property(logged, "From"));
    }

    [Fact]
    public async Task Continue_TamperedState_IsRepairedAndAnswered()
    {
        await using var app = new FallbackAppFactory();

        var (status, twiml, _) = await app.PostAsync("/fallback/voice/continue?n=../../secret&l=xx&f=abc", Webhooks.FailedCall(null, null, ("Digits", "1")));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotEmpty(twiml!.Root!.Elements());
        Assert.Contains(app.Logs.Events, e => e.Properties.ContainsKey("Repairs"));
    }

    internal static Serilog.Events.LogEvent FallbackEvent(FallbackAppFactory app) =>
        Assert.Single(app.Logs.Events, e => e.Properties.ContainsKey("ErrorUrl") && e.Properties.ContainsKey("Decision"));

    private static IEnumerable<XElement> Verbs(XDocument twiml, string name) => twiml.Descendants(name);
}
