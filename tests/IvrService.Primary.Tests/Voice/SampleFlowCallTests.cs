using IvrService.Testing.Logging;

namespace IvrService.Primary.Tests.Voice;

/// <summary>
/// Walks calls through every node type of the sample flow (content/flow.json) over signed webhooks. The fake clock
/// starts on Monday 23 Nov 2026 at 10:00 New York time, when the sample office is open.
/// </summary>
public class SampleFlowCallTests : IClassFixture<PrimaryAppFactory>
{
    private readonly PrimaryAppFactory _app;

    public SampleFlowCallTests(PrimaryAppFactory app)
    {
        _app = app;
        _app.Time.AdjustTime(new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero));
    }

    private CallDriver NewCall() => new(_app.CreateSignedClient());

    [Fact]
    public async Task IncomingCall_PlaysWelcomeThenGathersMainMenuLongGreeting()
    {
        var response = await NewCall().StartAsync();

        Assert.Equal(["Play", "Gather", "Redirect"], response.Verbs());
        Assert.Equal(["en-US/welcome.wav", "en-US/main-long.wav"], response.PlayedKeys());
        var gather = response.Element("Gather")!;
        Assert.Equal("5", gather.Attribute("timeout")?.Value);
        Assert.Equal("", gather.Attribute("finishOnKey")?.Value);
        Assert.StartsWith("https://ivr.example.com/voice/continue?", gather.Attribute("action")!.Value, StringComparison.Ordinal);
        Assert.StartsWith("https://ivr.example.com/audio/en-US/", response.Plays()[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("es-US", "es-US")]
    [InlineData("fr-FR", "en-US")]
    public async Task IncomingCall_VoiceUrlNamesLocale_StartsInItIfTheFlowSpeaksIt(string asked, string started)
    {
        var response = await NewCall().PostAsync("/voice?l=" + asked, []);

        Assert.Equal([$"{started}/welcome.wav", $"{started}/main-long.wav"], response.PlayedKeys());
        Assert.Contains("l=" + started, response.Element("Gather")!.Attribute("action")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sales_NoAnswer_GoesToVoicemailThenThanksAndHangsUp()
    {
        var call = NewCall();
        await call.StartAsync();

        var dial = await call.PressAsync("1");
        Assert.Equal(["Play", "Dial"], dial.Verbs());
        Assert.Equal("+15005550006", dial.Element("Dial")!.Element("Number")!.Value);
        Assert.Equal("20", dial.Element("Dial")!.Attribute("timeout")?.Value);

        var voicemail = await call.DialEndsAsync("no-answer");
        Assert.Contains("en-US/agent-unavailable.wav", voicemail.PlayedKeys());
        var record = voicemail.Element("Record")!;
        Assert.Equal("120", record.Attribute("maxLength")?.Value);
        Assert.Equal("true", record.Attribute("transcribe")?.Value);

        var thanks = await call.RecordingEndsAsync();
        Assert.Equal(["en-US/voicemail-thanks.wav"], thanks.PlayedKeys());
        Assert.Equal("Hangup", thanks.Verbs()[^1]);
    }

    [Fact]
    public async Task Sales_BridgedCallCompleted_EndsTheCall()
    {
        var call = NewCall();
        await call.StartAsync();
        await call.PressAsync("1");

        var after = await call.DialEndsAsync("completed");

        Assert.Equal("Hangup", after.Verbs()[^1]);
        Assert.Empty(after.Descendants("Record"));
    }

    [Fact]
    public async Task Support_DuringOpeningHours_DialsTheSipDesk()
    {
        var call = NewCall();
        await call.StartAsync();

        var response = await call.PressAsync("2");

        Assert.Equal("sip:support@example.sip.twilio.com", response.Element("Dial")!.Element("Sip")!.Value);
    }

    [Theory]
    [InlineData("2026-11-22T15:00:00Z", "Sunday")]
    [InlineData("2026-11-23T23:30:00Z", "Monday 18:30, after closing")]
    [InlineData("2026-11-26T15:00:00Z", "Thanksgiving Day, a holiday")]
    public async Task Support_OutsideOpeningHours_PlaysClosedAndRecords(string utc, string when)
    {
        _app.Time.AdjustTime(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));
        var call = NewCall();
        await call.StartAsync();

        var response = await call.PressAsync("2");

        Assert.True(response.PlayedKeys().Contains("en-US/support-closed.wav"), when);
        Assert.Single(response.Elements("Record"));
    }

    [Fact]
    public async Task OpeningHoursInfo_PlaysInfoThenReturnsToTheMenu()
    {
        var call = NewCall();
        await call.StartAsync();

        var response = await call.PressAsync("3");

        Assert.Equal("en-US/hours-info.wav", response.PlayedKeys()[0]);
        Assert.Single(response.Descendants("Pause"));
        Assert.Single(response.Elements("Gather"));
    }

    [Fact]
    public async Task Spanish_SwitchesEveryPromptToEsUs()
    {
        var call = NewCall();
        await call.StartAsync();

        var menu = await call.PressAsync("9");
        Assert.All(menu.PlayedKeys(), key => Assert.StartsWith("es-US/", key, StringComparison.Ordinal));

        var dial = await call.PressAsync("1");
        Assert.Equal(["es-US/connecting-sales.wav"], dial.PlayedKeys());
    }

    [Fact]
    public async Task InvalidDigits_RetryUpToMaxFailuresThenVoicemail()
    {
        var call = NewCall();
        await call.StartAsync();

        var first = await call.PressAsync("7");
        Assert.Equal(["en-US/invalid.wav", "en-US/main-short.wav"], first.PlayedKeys());
        await call.PressAsync("6");
        var third = await call.PressAsync("#");

        Assert.Single(third.Elements("Record"));
        Assert.Empty(third.Elements("Gather"));
    }

    [Fact]
    public async Task Silence_RetriesUpToMaxTimeoutsThenSaysGoodbye()
    {
        var call = NewCall();
        await call.StartAsync();

        var first = await call.SilenceAsync();
        Assert.Equal(["en-US/no-input.wav", "en-US/main-short.wav"], first.PlayedKeys());
        await call.SilenceAsync();
        var last = await call.SilenceAsync();

        Assert.Equal(["en-US/no-input.wav", "en-US/goodbye.wav"], last.PlayedKeys());
        Assert.Equal("Hangup", last.Verbs()[^1]);
    }

    [Fact]
    public async Task RepeatKey_ReplaysTheLongGreetingWithoutCountingAFailure()
    {
        var call = NewCall();
        await call.StartAsync();

        var response = await call.PressAsync("*");

        Assert.Contains("en-US/main-long.wav", response.PlayedKeys());
        Assert.DoesNotContain("en-US/invalid.wav", response.PlayedKeys());
    }

    [Theory]
    [InlineData("/voice/continue?n=does-not-exist&l=en-US")]
    [InlineData("/voice/continue?n=main&l=xx-XX&f=-5&t=99999999999")]
    [InlineData("/voice/continue?n=%00%FF&l=")]
    [InlineData("/voice/continue")]
    public async Task Continue_TamperedState_AnswersSafeTwimlAndLogsTheRepair(string url)
    {
        var call = NewCall();

        var response = await call.PostAsync(url, new() { ["Digits"] = "1" });

        Assert.NotEmpty(response.Elements());
        await _app.Logs.WaitForAsync(e => e.MessageTemplate.Text.Contains("repaired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Continue_AbsurdDigits_TreatedAsInvalid()
    {
        var call = NewCall();
        await call.StartAsync();

        var response = await call.PressAsync(new string('9', 5000) + "abc<>&");

        Assert.Contains("en-US/invalid.wav", response.PlayedKeys());
    }

    [Fact]
    public async Task StatusCallback_AnswersEmptyResponseAndLogsTheStatus()
    {
        var call = NewCall();

        var response = await call.PostAsync("/voice/status", new() { ["CallStatus"] = "completed", ["CallDuration"] = "42" });

        Assert.Empty(response.Elements());
        await _app.Logs.WaitForAsync(e => InMemoryLogSink.Property(e, "CallStatus") == "completed"
            && InMemoryLogSink.Property(e, "CallDuration") == "42");
    }

    [Fact]
    public async Task CompletionEvent_CarriesCallSidNodeAndMaskedNumbers()
    {
        var call = NewCall();
        await call.StartAsync();

        var completion = await _app.Logs.WaitForAsync(e => InMemoryLogSink.Property(e, "RequestPath") == "/voice");
        Assert.Equal("main", InMemoryLogSink.Property(completion, "Node"));
        Assert.Equal("+1******0100", InMemoryLogSink.Property(completion, "From"));
        Assert.StartsWith("CA", InMemoryLogSink.Property(completion, "CallSid"), StringComparison.Ordinal);
        Assert.DoesNotContain(_app.Logs.Events, e => e.RenderMessage().Contains("+14155550100", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PlayUrls_ServedByTheAppAsRealAudio()
    {
        var response = await NewCall().StartAsync();
        using var client = _app.CreateClient();

        foreach (var url in response.Plays())
        {
            using var audio = await client.GetAsync(new Uri(new Uri(url).PathAndQuery, UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.OK, audio.StatusCode);
            Assert.StartsWith("audio/", audio.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
            Assert.NotNull(audio.Headers.CacheControl);
            var bytes = await audio.Content.ReadAsByteArrayAsync();
            Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        }
    }
}
