using IvrService.Cli.Simulator;
using IvrService.Twilio.Security;
using static IvrService.Cli.Tests.Simulator.SimulatorTestHelpers;

namespace IvrService.Cli.Tests.Simulator;

public sealed class SmsSimulatorTests : IAsyncLifetime
{
    private TwimlStandIn _app = null!;

    public async Task InitializeAsync() => _app = await TwimlStandIn.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<CallTranscript> SendAsync(string body, Uri? fallback = null) => new SmsSimulator(new SmsSimulatorOptions
    {
        Url = _app.Url("/sms"),
        FallbackUrl = fallback,
        AuthToken = Token,
        Body = body,
        Connection = FastTimers,
    }).RunAsync();

    [Fact]
    public async Task RunAsync_Keyword_PostsMessagingParametersAndReportsReplySegments()
    {
        _app.Twiml("/sms", $"<Message>{new string('a', 200)}</Message>");

        var transcript = await SendAsync("HOURS");

        var received = Assert.Single(_app.Received);
        Assert.Equal("HOURS", received["Body"]);
        Assert.Matches("^SM[0-9a-f]{32}$", received["MessageSid"]);
        Assert.Equal(received["MessageSid"], received["SmsSid"]);
        Assert.Equal("received", received["SmsStatus"]);
        Assert.Equal("1", received["NumSegments"]);
        Assert.Equal("0", received["NumMedia"]);
        var form = received.Form.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)).ToArray();
        Assert.True(TwilioSignatureValidator.Validate(new TwilioSignedRequest(received.Url, received.Signature) { FormParameters = form }, [Token]).IsValid);
        var reply = transcript.Single(CallEventKind.Message);
        Assert.Contains("GSM-7, 200 units, 2 segment(s)", reply.Detail, StringComparison.Ordinal);
        Assert.Equal(CallOutcome.Completed, transcript.Outcome);
        Assert.Equal("sms", transcript.Channel);
    }

    [Fact]
    public async Task RunAsync_BodyAndMediaElements_ReportsBoth()
    {
        _app.Twiml("/sms", "<Message><Body>Open 9–5 ✓</Body><Media>/map.png</Media></Message>");

        var transcript = await SendAsync("HOURS");

        var reply = transcript.Single(CallEventKind.Message);
        Assert.Equal("Open 9–5 ✓", reply.Text);
        Assert.Contains("UCS-2", reply.Detail, StringComparison.Ordinal);
        Assert.Contains(_app.Url("/map.png").ToString(), reply.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ReplyMadeUcs2ByACurlyApostrophe_NamesItInTheTranscript()
    {
        _app.Twiml("/sms", "<Message>We’re open</Message>");

        var transcript = await SendAsync("HOURS");

        var reply = transcript.Single(CallEventKind.Message);
        Assert.Contains("UCS-2, 10 units, 1 segment(s)", reply.Detail, StringComparison.Ordinal);
        Assert.Contains("UCS-2 because of '’' (U+2019) at 2; ''' would keep it GSM-7", reply.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Redirect_FollowedWithSameParameters()
    {
        _app.Twiml("/sms", "<Redirect>/sms/keywords</Redirect>");
        _app.Twiml("/sms/keywords", "<Message>Hi</Message>");

        var transcript = await SendAsync("HELP");

        Assert.Equal("HELP", Assert.Single(_app.To("/sms/keywords"))["Body"]);
        Assert.Equal("Hi", transcript.Single(CallEventKind.Message).Text);
    }

    [Fact]
    public async Task RunAsync_PrimaryFails_FallbackGetsErrorCodeAndReplies()
    {
        _app.Twiml("/sms", "<Message>x</Message>", status: 500);
        _app.Twiml("/fallback/sms", "<Message>We are having trouble; call us.</Message>");

        var transcript = await SendAsync("HOURS", _app.Url("/fallback/sms"));

        var fallback = Assert.Single(_app.To("/fallback/sms"));
        Assert.Equal("11200", fallback["ErrorCode"]);
        Assert.Equal(_app.Url("/sms").ToString(), fallback["ErrorUrl"]);
        Assert.Equal("HOURS", fallback["Body"]);
        Assert.True(transcript.FallbackUsed);
        Assert.Equal("We are having trouble; call us.", transcript.Single(CallEventKind.Message).Text);
    }

    [Fact]
    public async Task RunAsync_NoFallbackAndFailure_ApplicationErrorWithoutReply()
    {
        _app.Raw("/sms", "not xml", "text/plain");

        var transcript = await SendAsync("HOURS");

        Assert.Equal(CallOutcome.ApplicationError, transcript.Outcome);
        Assert.Equal(12300, transcript.ErrorCode);
        Assert.Empty(transcript.All(CallEventKind.Message));
    }

    [Fact]
    public async Task RunAsync_EmptyResponse_CompletesWithoutReply()
    {
        _app.Twiml("/sms", "");

        var transcript = await SendAsync("STOP");

        Assert.Equal(CallOutcome.Completed, transcript.Outcome);
        Assert.Contains("no reply", transcript.OutcomeDetail, StringComparison.Ordinal);
    }
}
