using System.Xml.Linq;
using IvrService.Cli.Simulator;
using IvrService.Twilio.Webhooks;
using Microsoft.Extensions.Time.Testing;

namespace IvrService.Cli.Tests.Simulator;

/// <summary>One TwiML document read the way Twilio reads it, without the call loop or any HTTP (no Play here).</summary>
public class TwimlInterpreterTests
{
    private static readonly Uri Document = new("https://ivr.example.com/voice/continue?n=main");

    private static async Task<(TwimlRequest? Next, CallEnding? Ending, List<CallEvent> Events, double Seconds)> Interpret(
        string twiml, string? digits = null, TwilioDialCallStatus dial = TwilioDialCallStatus.Completed)
    {
        var time = new FakeTimeProvider();
        var options = new CallSimulatorOptions
        {
            VoiceUrl = Document,
            Input = ScriptedCallerInput.Parse(digits),
            DialOutcome = dial,
            TimeProvider = time,
        };
        using var http = new HttpClient(new ThrowingHandler());
        var events = new List<CallEvent>();
        var clock = new CallClock(time);
        var interpreter = new TwimlInterpreter(options, new MediaFetcher(new TimedHttpSender(http, time), new MediaCache(), time, ErrorCodeStyle.Classic), clock, events.Add);

        var (next, ending) = await interpreter.ExecuteAsync(XElement.Parse(twiml), Document, CancellationToken.None);
        return (next, ending, events, clock.Now());
    }

    [Fact]
    public async Task Gather_WithDigits_PostsThemToTheRelativeAction()
    {
        var (next, ending, events, seconds) = await Interpret(
            """<Response><Say>Welcome.</Say><Gather numDigits="1" action="menu?x=1" method="GET"><Say>Press one.</Say></Gather></Response>""", "2");

        Assert.Null(ending);
        Assert.Equal(("action", "https://ivr.example.com/voice/menu?x=1", HttpMethod.Get), (next!.Role, next.Url.ToString(), next.Method));
        Assert.Contains(new KeyValuePair<string, string>("Digits", "2"), next.Extra);
        Assert.Equal([CallEventKind.Say, CallEventKind.Say, CallEventKind.Gather, CallEventKind.Input], events.Select(e => e.Kind));
        Assert.True(seconds >= 0.4 * 3, $"speech and a key press take time: {seconds}");
    }

    [Fact]
    public async Task Gather_Silence_FallsThroughToTheRedirect()
    {
        var (next, _, _, seconds) = await Interpret(
            """<Response><Gather timeout="4" action="/menu"/><Redirect method="POST">/voice/continue?x=noinput</Redirect></Response>""", "timeout");

        Assert.Equal(("redirect", "https://ivr.example.com/voice/continue?x=noinput"), (next!.Role, next.Url.ToString()));
        Assert.True(seconds >= 4);
    }

    [Theory]
    [InlineData(TwilioDialCallStatus.Busy, "busy")]
    [InlineData(TwilioDialCallStatus.NoAnswer, "no-answer")]
    public async Task Dial_ReportsTheOutcomeToItsAction(TwilioDialCallStatus outcome, string wire)
    {
        var (next, _, _, _) = await Interpret("""<Response><Dial action="/d" timeout="20"><Number>+15005550123</Number></Dial></Response>""", dial: outcome);

        Assert.Contains(new KeyValuePair<string, string>("DialCallStatus", wire), next!.Extra);
    }

    [Fact]
    public async Task Hangup_EndsTheCall_AndUnknownVerbsWarnWith12200()
    {
        var (_, hangup, _, _) = await Interpret("<Response><Hangup/><Say>never</Say></Response>");
        var (_, completed, events, _) = await Interpret("<Response><Dance/></Response>");

        Assert.Equal(CallOutcome.Hangup, hangup!.Outcome);
        Assert.Equal(CallOutcome.Completed, completed!.Outcome);
        Assert.Equal(12200, Assert.Single(events, e => e.Kind == CallEventKind.Warning).ErrorCode);
    }

    private sealed class ThrowingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("no request expected");
    }
}
