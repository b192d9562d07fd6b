using IvrService.Cli.Simulator;
using IvrService.Twilio.Security;
using IvrService.Twilio.Webhooks;
using static IvrService.Cli.Tests.Simulator.SimulatorTestHelpers;

namespace IvrService.Cli.Tests.Simulator;

public sealed class CallSimulatorTests : IAsyncLifetime
{
    private TwimlStandIn _app = null!;

    public async Task InitializeAsync() => _app = await TwimlStandIn.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task RunAsync_SayThenEnd_CompletesAndReportsWhatWasSaid()
    {
        _app.Twiml("/voice", "<Say voice=\"Polly.Joanna\">Welcome to Acme.</Say><Pause length=\"2\"/><Say>Goodbye.</Say>");

        var transcript = await CallAsync(_app.Url("/voice"));

        Assert.Equal(CallOutcome.Completed, transcript.Outcome);
        Assert.Equal(["Welcome to Acme.", "Goodbye."], transcript.Heard);
        Assert.Equal("2 s", transcript.Single(CallEventKind.Pause).Detail);
        var request = transcript.Single(CallEventKind.Request);
        Assert.Equal(200, request.Status);
        Assert.Equal(_app.Authority, request.App);
        Assert.False(transcript.FallbackUsed);
    }

    [Fact]
    public async Task RunAsync_FirstRequest_SendsTwiliosParameterSet()
    {
        _app.Twiml("/voice", "<Hangup/>");

        var transcript = await CallAsync(_app.Url("/voice"), configure: o => new CallSimulatorOptions
        {
            VoiceUrl = o.VoiceUrl,
            AuthToken = o.AuthToken,
            From = "+14155551234",
            To = "+18005550000",
        });

        var received = Assert.Single(_app.Received);
        Assert.Equal("POST", received.Method);
        Assert.Equal(transcript.CallSid, received["CallSid"]);
        Assert.Matches("^CA[0-9a-f]{32}$", received["CallSid"]);
        Assert.Matches("^AC[0-9a-f]{32}$", received["AccountSid"]);
        Assert.Equal("+14155551234", received["From"]);
        Assert.Equal("+14155551234", received["Caller"]);
        Assert.Equal("+18005550000", received["To"]);
        Assert.Equal("+18005550000", received["Called"]);
        Assert.Equal("ringing", received["CallStatus"]);
        Assert.Equal("inbound", received["Direction"]);
        Assert.Equal("2010-04-01", received["ApiVersion"]);
        Assert.Equal("SAN FRANCISCO", received["FromCity"]);
        Assert.Equal("TwilioProxy/1.1", received.UserAgent);
        Assert.Equal(CallOutcome.Hangup, transcript.Outcome);
    }

    [Fact]
    public async Task RunAsync_EveryRequest_CarriesAValidTwilioSignature()
    {
        _app.Twiml("/voice", "<Gather action=\"/menu?node=main&amp;try=1\" numDigits=\"1\"><Say>Press 1.</Say></Gather>");
        _app.Twiml("/menu", "<Redirect method=\"GET\">/bye?x=1</Redirect>");
        _app.Twiml("/bye", "<Say>Bye</Say>");

        var transcript = await CallAsync(_app.Url("/voice"), "1");

        Assert.Equal(CallOutcome.Completed, transcript.Outcome);
        Assert.Equal(3, _app.Received.Count);
        foreach (var request in _app.Received)
        {
            Assert.NotNull(request.Signature);
            var form = request.Form.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)).ToArray();
            var result = TwilioSignatureValidator.Validate(new TwilioSignedRequest(request.Url, request.Signature) { FormParameters = form }, [Token]);
            Assert.True(result.IsValid, $"{request.Method} {request.Url}: {result.Failure}");
            var wrong = TwilioSignatureValidator.Validate(new TwilioSignedRequest(request.Url, request.Signature) { FormParameters = form }, ["other-token"]);
            Assert.False(wrong.IsValid);
        }
    }

    [Fact]
    public async Task RunAsync_NoToken_SendsUnsignedRequests()
    {
        _app.Twiml("/voice", "<Say>Hi</Say>");

        var transcript = await CallAsync(_app.Url("/voice"), token: null);

        Assert.Null(Assert.Single(_app.Received).Signature);
        Assert.False(transcript.Single(CallEventKind.Request).SignatureSent);
    }

    [Fact]
    public async Task RunAsync_GatherWithDigits_PostsDigitsToRelativeActionResolvedAgainstDocument()
    {
        _app.Twiml("/ivr/voice", "<Gather action=\"menu?node=main\" numDigits=\"1\"><Say>Press 1 for sales.</Say></Gather><Say>No input.</Say>");
        _app.Twiml("/ivr/menu", "<Say>Sales.</Say><Hangup/>");

        var transcript = await CallAsync(_app.Url("/ivr/voice"), "1");

        var action = Assert.Single(_app.To("/ivr/menu"));
        Assert.Equal("1", action["Digits"]);
        Assert.Equal("in-progress", action["CallStatus"]);
        Assert.Equal("Gather End", action["msg"]);
        Assert.EndsWith("/ivr/menu?node=main", action.Url, StringComparison.Ordinal);
        Assert.Equal(["Press 1 for sales.", "Sales."], transcript.Heard);
        Assert.Equal(CallOutcome.Hangup, transcript.Outcome);
    }

    [Fact]
    public async Task RunAsync_GatherWithoutAction_PostsToTheCurrentDocument()
    {
        _app.Twiml("/voice", "<Gather numDigits=\"1\"><Say>Press a key.</Say></Gather>");

        var transcript = await CallAsync(_app.Url("/voice?step=1"), "5,hangup");

        var requests = _app.To("/voice");
        Assert.Equal(2, requests.Count);
        Assert.Equal("5", requests[1]["Digits"]);
        Assert.EndsWith("/voice?step=1", requests[1].Url, StringComparison.Ordinal);
        Assert.Equal(CallOutcome.CallerHangup, transcript.Outcome);
    }

    [Fact]
    public async Task RunAsync_GatherTimeout_FallsThroughToNextVerbWithoutRequest()
    {
        _app.Twiml("/voice", "<Gather action=\"/menu\"><Say>Press a key.</Say></Gather><Say>We did not get your choice.</Say>");

        var transcript = await CallAsync(_app.Url("/voice"), "timeout");

        Assert.Empty(_app.To("/menu"));
        Assert.Equal("We did not get your choice.", transcript.Heard.Last());
        Assert.Equal(CallOutcome.Completed, transcript.Outcome);
    }

    [Fact]
    public async Task RunAsync_GatherTimeoutWithActionOnEmptyResult_PostsWithoutDigits()
    {
        _app.Twiml("/voice", "<Gather action=\"/menu\" actionOnEmptyResult=\"true\"><Say>Press a key.</Say></Gather><Say>Not reached.</Say>");
        _app.Twiml("/menu", "<Hangup/>");

        var transcript = await CallAsync(_app.Url("/voice"), "timeout");

        var action = Assert.Single(_app.To("/menu"));
        Assert.Null(action["Digits"]);
        Assert.DoesNotContain("Not reached.", transcript.Heard);
    }

    [Theory]
    [InlineData("1234#", null, "#", "1234", "#")]
    [InlineData("12#34", null, "#", "12", "#")]
    [InlineData("98765", "3", "#", "987", "")]
    [InlineData("12*", null, "*", "12", "*")]
    [InlineData("12#", null, "", "12#", "")]
    public async Task RunAsync_GatherKeys_AppliesNumDigitsAndFinishOnKey(string pressed, string? numDigits, string finishOnKey, string digits, string finishedOn)
    {
        var num = numDigits is null ? "" : $" numDigits=\"{numDigits}\"";
        _app.Twiml("/voice", $"<Gather action=\"/got\" finishOnKey=\"{finishOnKey}\"{num}/>");
        _app.Twiml("/got", "<Hangup/>");

        await CallAsync(_app.Url("/voice"), pressed);

        var action = Assert.Single(_app.To("/got"));
        Assert.Equal(digits, action["Digits"]);
        Assert.Equal(finishedOn, action["FinishedOnKey"]);
    }

    [Fact]
    public async Task RunAsync_GatherSpeech_PostsSpeechResult()
    {
        _app.Twiml("/voice", "<Gather input=\"speech dtmf\" action=\"/heard\"><Say>Say something.</Say></Gather>");
        _app.Twiml("/heard", "<Hangup/>");

        await CallAsync(_app.Url("/voice"), "speech:opening hours");

        var action = Assert.Single(_app.To("/heard"));
        Assert.Equal("opening hours", action["SpeechResult"]);
        Assert.NotNull(action["Confidence"]);
    }

    [Fact]
    public async Task RunAsync_ScriptExhausted_CallerHangsUp()
    {
        _app.Twiml("/voice", "<Gather numDigits=\"1\"><Say>Menu.</Say></Gather>");

        var transcript = await CallAsync(_app.Url("/voice"), "1");

        Assert.Equal(CallOutcome.CallerHangup, transcript.Outcome);
        Assert.Equal(2, _app.Received.Count);
    }

    [Theory]
    [InlineData("completed", TwilioDialCallStatus.Completed, true)]
    [InlineData("busy", TwilioDialCallStatus.Busy, false)]
    [InlineData("no-answer", TwilioDialCallStatus.NoAnswer, false)]
    [InlineData("failed", TwilioDialCallStatus.Failed, false)]
    public async Task RunAsync_DialWithAction_PostsChosenOutcome(string status, TwilioDialCallStatus outcome, bool hasDuration)
    {
        _app.Twiml("/voice", "<Dial action=\"/dialed\" timeout=\"20\"><Number>+14155550111</Number></Dial><Say>Not reached.</Say>");
        _app.Twiml("/dialed", "<Say>After dial.</Say>");

        var transcript = await CallAsync(_app.Url("/voice"), configure: o => new CallSimulatorOptions
        {
            VoiceUrl = o.VoiceUrl,
            AuthToken = o.AuthToken,
            DialOutcome = outcome,
            DialDuration = TimeSpan.FromSeconds(33),
        });

        var action = Assert.Single(_app.To("/dialed"));
        Assert.Equal(status, action["DialCallStatus"]);
        Assert.Matches("^CA[0-9a-f]{32}$", action["DialCallSid"]);
        Assert.Equal(hasDuration ? "33" : null, action["DialCallDuration"]);
        Assert.Contains("Number +14155550111", transcript.Single(CallEventKind.Dial).Text, StringComparison.Ordinal);
        Assert.Equal(["After dial."], transcript.Heard);
    }

    [Fact]
    public async Task RunAsync_DialWithoutAction_ContinuesWithNextVerb()
    {
        _app.Twiml("/voice", "<Dial>+14155550111</Dial><Say>Call ended, goodbye.</Say>");

        var transcript = await CallAsync(_app.Url("/voice"));

        Assert.Single(_app.Received);
        Assert.Equal(["Call ended, goodbye."], transcript.Heard);
        Assert.Equal("+14155550111", transcript.Single(CallEventKind.Dial).Text);
    }

    [Fact]
    public async Task RunAsync_Record_PostsSimulatedRecordingToAction()
    {
        _app.Twiml("/voice", "<Say>Leave a message.</Say><Record action=\"/voicemail/done\" maxLength=\"5\" finishOnKey=\"#\"/>");
        _app.Twiml("/voicemail/done", "<Say>Thanks.</Say><Hangup/>");

        var transcript = await CallAsync(_app.Url("/voice"), configure: o => new CallSimulatorOptions
        {
            VoiceUrl = o.VoiceUrl,
            AuthToken = o.AuthToken,
            RecordingDuration = TimeSpan.FromSeconds(9),
        });

        var action = Assert.Single(_app.To("/voicemail/done"));
        Assert.Equal("5", action["RecordingDuration"]);
        Assert.Matches("^RE[0-9a-f]{32}$", action["RecordingSid"]);
        Assert.Equal($"https://api.twilio.com/2010-04-01/Accounts/{transcript.AccountSid}/Recordings/{action["RecordingSid"]}", action["RecordingUrl"]);
        Assert.Equal("#", action["Digits"]);
        Assert.Equal(CallOutcome.Hangup, transcript.Outcome);
    }

    [Fact]
    public async Task RunAsync_Reject_EndsRejected()
    {
        _app.Twiml("/voice", "<Reject reason=\"busy\"/><Say>Not reached.</Say>");

        var transcript = await CallAsync(_app.Url("/voice"));

        Assert.Equal(CallOutcome.Rejected, transcript.Outcome);
        Assert.Empty(transcript.Heard);
    }

    [Fact]
    public async Task RunAsync_Enqueue_EndsEnqueued()
    {
        _app.Twiml("/voice", "<Enqueue waitUrl=\"/wait\">support</Enqueue>");

        var transcript = await CallAsync(_app.Url("/voice"));

        Assert.Equal(CallOutcome.Enqueued, transcript.Outcome);
        Assert.Equal("support", transcript.Single(CallEventKind.Enqueue).Text);
    }

    [Fact]
    public async Task RunAsync_SmsInVoiceAndUnknownVerb_NotedAndSkipped()
    {
        _app.Twiml("/voice", "<Sms>Your code is 1234</Sms><Bogus/><Say>Still here.</Say>");

        var transcript = await CallAsync(_app.Url("/voice"));

        Assert.Equal("Your code is 1234", transcript.Single(CallEventKind.Message).Text);
        Assert.Equal(12200, transcript.Single(CallEventKind.Warning).ErrorCode);
        Assert.Equal(["Still here."], transcript.Heard);
        Assert.Equal(CallOutcome.Completed, transcript.Outcome);
    }

    [Fact]
    public async Task RunAsync_PlayDigits_ReportedWithoutFetch()
    {
        _app.Twiml("/voice", "<Play digits=\"ww1234\"/>");

        var transcript = await CallAsync(_app.Url("/voice"));

        Assert.Equal("ww1234", transcript.Single(CallEventKind.PlayDigits).Digits);
        Assert.Single(_app.Received);
    }

    [Fact]
    public async Task RunAsync_RedirectLoop_StoppedBySafetyNet()
    {
        _app.Twiml("/voice", "<Redirect>/voice</Redirect>");

        var transcript = await CallAsync(_app.Url("/voice"), configure: o => new CallSimulatorOptions
        {
            VoiceUrl = o.VoiceUrl,
            MaxSteps = 5,
        });

        Assert.Equal(CallOutcome.Aborted, transcript.Outcome);
        Assert.Equal(5, _app.Received.Count);
    }

    [Fact]
    public async Task RunAsync_GetMethod_SendsParametersInQueryAndSignsUrlOnly()
    {
        _app.Twiml("/voice", "<Say>Hi</Say>");

        await CallAsync(_app.Url("/voice?a=1"), configure: o => new CallSimulatorOptions
        {
            VoiceUrl = o.VoiceUrl,
            VoiceMethod = HttpMethod.Get,
            AuthToken = Token,
        });

        var received = Assert.Single(_app.Received);
        Assert.Equal("GET", received.Method);
        Assert.Contains("a=1&AccountSid=", received.Url, StringComparison.Ordinal);
        Assert.Contains("From=%2B14155550100", received.Url, StringComparison.Ordinal);
        Assert.Equal(TwilioSignature.Compute(received.Url, Token), received.Signature);
    }

    [Fact]
    public async Task RunAsync_UserInfoInUrl_SentAsBasicAuthAndLeftOutOfSignature()
    {
        _app.Twiml("/voice", "<Say>Hi</Say>");
        var url = new Uri($"http://twilio:s3cret@{_app.Authority}/voice");

        await CallAsync(url);

        var received = Assert.Single(_app.Received);
        Assert.Equal("Basic " + Convert.ToBase64String("twilio:s3cret"u8.ToArray()), received.Authorization);
        var form = received.Form.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value));
        Assert.Equal(TwilioSignature.Compute($"http://{_app.Authority}/voice", form, Token), received.Signature);
    }

    [Fact]
    public async Task RunAsync_StatusCallback_PostedAfterTheCallEnds()
    {
        _app.Twiml("/voice", "<Say>Hi</Say><Hangup/>");
        _app.Raw("/status", "", contentType: null, status: 204);

        var transcript = await CallAsync(_app.Url("/voice"), configure: o => new CallSimulatorOptions
        {
            VoiceUrl = o.VoiceUrl,
            AuthToken = Token,
            StatusCallbackUrl = _app.Url("/status"),
        });

        var status = Assert.Single(_app.To("/status"));
        Assert.Equal("completed", status["CallStatus"]);
        Assert.Equal("call-progress-events", status["CallbackSource"]);
        Assert.NotNull(status["CallDuration"]);
        Assert.Equal(CallEventKind.StatusCallback, transcript.Events[^1].Kind);
    }

    [Fact]
    public async Task RunAsync_FuzzParameters_AddsUnknownNonAsciiParameterStillSigned()
    {
        _app.Twiml("/voice", "<Say>Hi</Say>");

        await CallAsync(_app.Url("/voice"), configure: o => new CallSimulatorOptions
        {
            VoiceUrl = o.VoiceUrl,
            AuthToken = Token,
            FuzzParameters = true,
        });

        var received = Assert.Single(_app.Received);
        Assert.Equal("caf\u00e9 \u2713", received["SimulatorProbe"]);
        var form = received.Form.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)).ToArray();
        Assert.True(TwilioSignatureValidator.Validate(new TwilioSignedRequest(received.Url, received.Signature) { FormParameters = form }, [Token]).IsValid);
    }

    [Fact]
    public async Task RunAsync_InjectedHandlerSharedByCalls_UsedAndNotDisposed()
    {
        _app.Twiml("/voice", "<Say>Hi</Say>");
        using var handler = new CountingHandler();
        CallSimulatorOptions Options(CallSimulatorOptions o) => new() { VoiceUrl = o.VoiceUrl, HandlerFactory = () => handler };

        var first = await CallAsync(_app.Url("/voice"), configure: Options);
        var second = await CallAsync(_app.Url("/voice"), configure: Options);

        Assert.Equal(CallOutcome.Completed, first.Outcome);
        Assert.Equal(CallOutcome.Completed, second.Outcome);
        Assert.Equal(2, handler.Count);
    }
}
