using System.Diagnostics;
using IvrService.Cli.Simulator;
using static IvrService.Cli.Tests.Simulator.SimulatorTestHelpers;

namespace IvrService.Cli.Tests.Simulator;

/// <summary>Twilio's failover: one request to the fallback with ErrorCode and ErrorUrl, then an application error.</summary>
public sealed class CallSimulatorFailoverTests : IAsyncLifetime
{
    private TwimlStandIn _primary = null!;
    private TwimlStandIn _fallback = null!;

    public async Task InitializeAsync()
    {
        _primary = await TwimlStandIn.StartAsync();
        _fallback = await TwimlStandIn.StartAsync();
        _fallback.Twiml("/fallback/voice", "<Say>Our systems are busy. Goodbye.</Say><Hangup/>");
    }

    public async Task DisposeAsync()
    {
        await _primary.DisposeAsync();
        await _fallback.DisposeAsync();
    }

    private Uri FallbackUrl => _fallback.Url("/fallback/voice");

    [Theory]
    [InlineData(ErrorCodeStyle.Classic, 11205)]
    [InlineData(ErrorCodeStyle.Specific, 11202)]
    public async Task RunAsync_PrimaryNotListening_FallbackGetsConnectionErrorCode(ErrorCodeStyle style, int expected)
    {
        var dead = DeadUrl("/voice");

        var transcript = await CallAsync(dead, fallbackUrl: FallbackUrl, configure: o => With(o, style));

        var failed = transcript.All(CallEventKind.Request)[0];
        Assert.Equal(expected, failed.ErrorCode);
        Assert.Equal(2, failed.Attempts);
        AssertFellBack(transcript, expected, dead.ToString());
        Assert.Equal(["Our systems are busy. Goodbye."], transcript.Heard);
        Assert.Equal(CallOutcome.Hangup, transcript.Outcome);
    }

    [Fact]
    public async Task RunAsync_PrimaryTooSlow_ReadTimeoutFromFragmentGives11205Quickly()
    {
        _primary.Twiml("/voice", "<Say>Too late.</Say>", delay: TimeSpan.FromSeconds(5));
        var stopwatch = Stopwatch.StartNew();

        var transcript = await CallAsync(_primary.Url("/voice#rt=300&tt=2000"), fallbackUrl: FallbackUrl, configure: o => With(o, connection: ConnectionSettings.TwilioDefaults));

        stopwatch.Stop();
        AssertFellBack(transcript, 11205, _primary.Url("/voice").ToString());
        Assert.Contains("rt=300", transcript.All(CallEventKind.Request)[0].Detail, StringComparison.Ordinal);
        // The upper bound only has to stay under the 5 s the primary takes; the machine may be busy.
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(4.5));
        Assert.DoesNotContain("#", _primary.Received[0].Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TotalTimeoutShorterThanRead_GivesTotalTimeout()
    {
        _primary.Twiml("/voice", "<Say>Too late.</Say>", delay: TimeSpan.FromSeconds(5));

        var transcript = await CallAsync(_primary.Url("/voice#tt=300"), fallbackUrl: FallbackUrl, configure: o => With(o, connection: ConnectionSettings.TwilioDefaults));

        var failed = transcript.All(CallEventKind.Request)[0];
        Assert.Equal(11205, failed.ErrorCode);
        Assert.Contains("tt=300", failed.Detail, StringComparison.Ordinal);
        Assert.True(failed.LatencyMs < 4000, $"latency {failed.LatencyMs}");
    }

    [Fact]
    public async Task RunAsync_ConnectHangs_ConnectTimeoutTriedTwiceThen11205()
    {
        using var hole = new BlackHole();
        var stopwatch = Stopwatch.StartNew();

        var transcript = await CallAsync(hole.Url("/voice#ct=200"), fallbackUrl: FallbackUrl, configure: o => With(o, connection: ConnectionSettings.TwilioDefaults));

        stopwatch.Stop();
        var failed = transcript.All(CallEventKind.Request)[0];
        Assert.Equal(11205, failed.ErrorCode);
        Assert.Equal(2, failed.Attempts);
        Assert.Contains("timed out", failed.Detail, StringComparison.Ordinal);
        // Without ct the connect would hang until tt (15 s); generous bound for a busy machine.
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(380), TimeSpan.FromSeconds(6));
        AssertFellBack(transcript, 11205, hole.Url("/voice").ToString());
    }

    [Fact]
    public async Task RunAsync_NoRetries_ConnectAttemptedOnce()
    {
        var dead = DeadUrl("/voice");

        var transcript = await CallAsync(new Uri(dead + "#rc=0"), fallbackUrl: FallbackUrl);

        Assert.Equal(1, transcript.All(CallEventKind.Request)[0].Attempts);
    }

    [Fact]
    public async Task RunAsync_RetryPolicy5xx_RetriesOnceThenFallsBack()
    {
        _primary.Twiml("/voice", "<Say>x</Say>", status: 503);

        var transcript = await CallAsync(_primary.Url("/voice#rp=5xx&rc=1"), fallbackUrl: FallbackUrl);

        Assert.Equal(2, _primary.Received.Count);
        Assert.Equal(2, transcript.All(CallEventKind.Request)[0].Attempts);
        AssertFellBack(transcript, 11200, _primary.Url("/voice").ToString());
    }

    [Fact]
    public async Task RunAsync_DefaultRetryPolicy_DoesNotRetry5xx()
    {
        _primary.Twiml("/voice", "<Say>x</Say>", status: 503);

        await CallAsync(_primary.Url("/voice"), fallbackUrl: FallbackUrl);

        Assert.Single(_primary.Received);
    }

    [Theory]
    [InlineData(500, ErrorCodeStyle.Classic, 11200)]
    [InlineData(404, ErrorCodeStyle.Classic, 11200)]
    [InlineData(503, ErrorCodeStyle.Specific, 11217)]
    public async Task RunAsync_PrimaryAnswersErrorStatus_FallbackGetsHttpErrorCode(int status, ErrorCodeStyle style, int expected)
    {
        _primary.Twiml("/voice", "<Say>Ignored</Say>", status: status);

        var transcript = await CallAsync(_primary.Url("/voice"), fallbackUrl: FallbackUrl, configure: o => With(o, style));

        Assert.Equal(status, transcript.All(CallEventKind.Request)[0].Status);
        AssertFellBack(transcript, expected, _primary.Url("/voice").ToString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/json")]
    [InlineData(null)]
    public async Task RunAsync_WrongContentType_FallbackGets12300(string? contentType)
    {
        _primary.Raw("/voice", "<Response><Say>Hi</Say></Response>", contentType);

        var transcript = await CallAsync(_primary.Url("/voice"), fallbackUrl: FallbackUrl);

        AssertFellBack(transcript, 12300, _primary.Url("/voice").ToString());
    }

    [Theory]
    [InlineData("text/xml")]
    [InlineData("text/html; charset=utf-8")]
    [InlineData("application/xml")]
    public async Task RunAsync_AcceptedContentTypes_NoFallback(string contentType)
    {
        _primary.Raw("/voice", "<Response><Say>Hi</Say></Response>", contentType);

        var transcript = await CallAsync(_primary.Url("/voice"), fallbackUrl: FallbackUrl);

        Assert.False(transcript.FallbackUsed);
        Assert.Equal(["Hi"], transcript.Heard);
    }

    [Theory]
    [InlineData("<Response><Say>unclosed</Response>", 12100)]
    [InlineData("Warning: debug output\n<?xml version=\"1.0\"?><Response/>", 12100)]
    [InlineData("<Response><Say>A & B</Say></Response>", 12100)]
    [InlineData("", 12100)]
    [InlineData("<Reply><Say>Hi</Say></Reply>", 12102)]
    public async Task RunAsync_BadTwiml_FallbackGetsParseErrorCode(string body, int expected)
    {
        _primary.Raw("/voice", body);

        var transcript = await CallAsync(_primary.Url("/voice"), fallbackUrl: FallbackUrl);

        AssertFellBack(transcript, expected, _primary.Url("/voice").ToString());
    }

    [Fact]
    public async Task RunAsync_BodyOver64kB_FallbackGets11750()
    {
        var filler = new string('x', 64 * 1024);
        _primary.Raw("/voice", $"<Response><Say>{filler}</Say></Response>");

        var transcript = await CallAsync(_primary.Url("/voice"), fallbackUrl: FallbackUrl);

        AssertFellBack(transcript, 11750, _primary.Url("/voice").ToString());
    }

    [Fact]
    public async Task RunAsync_BodyJustUnder64kB_Accepted()
    {
        const string Open = "<Response><Say>";
        const string Close = "</Say></Response>";
        var filler = new string('x', (64 * 1024) - Open.Length - Close.Length);
        _primary.Raw("/voice", Open + filler + Close);

        var transcript = await CallAsync(_primary.Url("/voice"), fallbackUrl: FallbackUrl);

        Assert.False(transcript.FallbackUsed);
        Assert.Equal(64 * 1024, transcript.All(CallEventKind.Request)[0].Bytes);
    }

    [Fact]
    public async Task RunAsync_RedirectLoopOverHttp_FallbackGets11215()
    {
        _primary.Route("/voice", context =>
        {
            context.Response.Redirect("/voice");
            return Task.CompletedTask;
        });

        var transcript = await CallAsync(_primary.Url("/voice"), fallbackUrl: FallbackUrl);

        AssertFellBack(transcript, 11215, _primary.Url("/voice").ToString());
    }

    [Theory]
    [InlineData("e=mars", 11241)]
    [InlineData("e=ashburn-ix", 11242)]
    public async Task RunAsync_EdgeTwilioRefuses_FallbackGetsEdgeError(string fragment, int expected)
    {
        _primary.Twiml("/voice", "<Say>Hi</Say>");

        var transcript = await CallAsync(_primary.Url("/voice#" + fragment), fallbackUrl: FallbackUrl);

        AssertFellBack(transcript, expected, _primary.Url("/voice").ToString());
        Assert.Empty(_primary.Received);
    }

    [Fact]
    public async Task RunAsync_LaterStepFails_FallbackGetsTheStepsParametersAndUrl()
    {
        _primary.Twiml("/voice", "<Gather action=\"/menu?node=main\" numDigits=\"1\"><Say>Press 2.</Say></Gather>");
        _primary.Twiml("/menu", "<Say>broken</Say>", status: 500);

        var transcript = await CallAsync(_primary.Url("/voice"), "2", fallbackUrl: FallbackUrl);

        var fallback = Assert.Single(_fallback.Received);
        Assert.Equal("2", fallback["Digits"]);
        Assert.Equal("in-progress", fallback["CallStatus"]);
        Assert.Equal("11200", fallback["ErrorCode"]);
        Assert.Equal(_primary.Url("/menu?node=main").ToString(), fallback["ErrorUrl"]);
        Assert.Equal(["Press 2.", "Our systems are busy. Goodbye."], transcript.Heard);
    }

    [Fact]
    public async Task RunAsync_FallbackAlsoFails_ApplicationErrorAfterExactlyOneFallbackRequest()
    {
        _primary.Twiml("/voice", "<Say>x</Say>", status: 500);
        _fallback.Twiml("/fallback/voice", "<Say>x</Say>", status: 502);

        var transcript = await CallAsync(_primary.Url("/voice"), fallbackUrl: FallbackUrl);

        Assert.Equal(CallOutcome.ApplicationError, transcript.Outcome);
        Assert.Single(_fallback.Received);
        Assert.Single(_primary.Received);
        Assert.Equal(CallSimulator.ApplicationErrorMessage, transcript.Single(CallEventKind.ApplicationError).Text);
        Assert.Equal(11200, transcript.ErrorCode);
    }

    [Fact]
    public async Task RunAsync_NoFallbackConfigured_ApplicationError()
    {
        var transcript = await CallAsync(DeadUrl(), fallbackUrl: null);

        Assert.Equal(CallOutcome.ApplicationError, transcript.Outcome);
        Assert.Equal(11205, transcript.ErrorCode);
        Assert.Empty(transcript.All(CallEventKind.Fallback));
    }

    [Fact]
    public async Task RunAsync_FallbackByGet_SendsErrorCodeInQuery()
    {
        _primary.Twiml("/voice", "<Say>x</Say>", status: 500);

        await CallAsync(_primary.Url("/voice"), fallbackUrl: FallbackUrl, configure: o => new CallSimulatorOptions
        {
            VoiceUrl = o.VoiceUrl,
            FallbackUrl = o.FallbackUrl,
            FallbackMethod = HttpMethod.Get,
            AuthToken = o.AuthToken,
        });

        var fallback = Assert.Single(_fallback.Received);
        Assert.Equal("GET", fallback.Method);
        Assert.Contains("ErrorCode=11200", fallback.Url, StringComparison.Ordinal);
    }

    private void AssertFellBack(CallTranscript transcript, int errorCode, string errorUrl)
    {
        var fallbackEvent = transcript.Single(CallEventKind.Fallback);
        Assert.Equal(errorCode, fallbackEvent.ErrorCode);
        Assert.Equal(errorUrl, fallbackEvent.ErrorUrl);
        var received = Assert.Single(_fallback.Received);
        Assert.Equal(errorCode.ToString(System.Globalization.CultureInfo.InvariantCulture), received["ErrorCode"]);
        Assert.Equal(errorUrl, received["ErrorUrl"]);
        Assert.Equal(transcript.CallSid, received["CallSid"]);
        Assert.NotNull(received.Signature);
        var answered = transcript.All(CallEventKind.Request).Last();
        Assert.Equal("fallback", answered.Role);
        Assert.Equal(_fallback.Authority, answered.App);
        Assert.True(transcript.FallbackUsed);
    }

    private static CallSimulatorOptions With(CallSimulatorOptions o, ErrorCodeStyle style = ErrorCodeStyle.Classic, ConnectionSettings? connection = null) => new()
    {
        VoiceUrl = o.VoiceUrl,
        FallbackUrl = o.FallbackUrl,
        AuthToken = o.AuthToken,
        Input = o.Input,
        ErrorCodes = style,
        Connection = connection ?? o.Connection,
    };
}
