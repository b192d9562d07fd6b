using IvrService.Cli.Phone;
using IvrService.Cli.Simulator;
using IvrService.Cli.Tests.Simulator;

namespace IvrService.Cli.Tests.Phone;

public sealed class PrimaryFailureHandlerTests
{
    private static async Task<(CallTranscript Transcript, TwimlStandIn Primary, TwimlStandIn Fallback)> CallAsync(PrimaryFailureMode mode)
    {
        var primary = await TwimlStandIn.StartAsync();
        var fallback = await TwimlStandIn.StartAsync();
        primary.Twiml("/voice", "<Say>primary</Say><Hangup/>");
        fallback.Twiml("/fallback/voice", "<Say>fallback</Say><Hangup/>");
        using var handler = PrimaryFailureHandler.Create(primary.Url("/voice"), fallback.Url("/fallback/voice"));
        handler.Mode = mode;
        var transcript = await new CallSimulator(new CallSimulatorOptions
        {
            VoiceUrl = primary.Url("/voice"),
            // The short read timeout is for the hanging primary: the fallback's own fragment restores the usual 4 s, so a
            // cold stand-in's first answer on a loaded machine is not cut off too.
            FallbackUrl = mode == PrimaryFailureMode.Timeout ? new Uri(fallback.Url("/fallback/voice") + "#rt=4000") : fallback.Url("/fallback/voice"),
            AuthToken = SimulatorTestHelpers.Token,
            // A short read timeout only where the primary hangs; elsewhere a cold stand-in's first answer may take longer.
            Connection = mode == PrimaryFailureMode.Timeout
                ? SimulatorTestHelpers.FastTimers with { ReadTimeout = TimeSpan.FromMilliseconds(500) }
                : SimulatorTestHelpers.FastTimers,
            HandlerFactory = () => handler,
        }).RunAsync();
        return (transcript, primary, fallback);
    }

    [Theory]
    [InlineData(nameof(PrimaryFailureMode.Unreachable), 11205)]
    [InlineData(nameof(PrimaryFailureMode.ServerError), 11200)]
    [InlineData(nameof(PrimaryFailureMode.Timeout), 11205)]
    public async Task Mode_PrimaryFails_FallbackGetsTwiliosErrorCodeAndUrl(string mode, int errorCode)
    {
        var (transcript, primary, fallback) = await CallAsync(Enum.Parse<PrimaryFailureMode>(mode));
        await using (primary)
        await using (fallback)
        {
            Assert.Equal(["fallback"], transcript.Events.Where(e => e.Kind == CallEventKind.Say).Select(e => e.Text));
            var request = Assert.Single(fallback.To("/fallback/voice"));
            Assert.Equal(errorCode.ToString(System.Globalization.CultureInfo.InvariantCulture), request["ErrorCode"]);
            Assert.Equal(primary.Url("/voice").ToString(), request["ErrorUrl"]);
            Assert.Empty(primary.Received);
        }
    }

    [Fact]
    public async Task Mode_None_PrimaryAnswers()
    {
        var (transcript, primary, fallback) = await CallAsync(PrimaryFailureMode.None);
        await using (primary)
        await using (fallback)
        {
            Assert.Equal(["primary"], transcript.Events.Where(e => e.Kind == CallEventKind.Say).Select(e => e.Text));
            Assert.Empty(fallback.Received);
        }
    }

    [Fact]
    public void IsPrimary_FallbackOnTheSameHostAndPort_IsNotThePrimary()
    {
        using var handler = PrimaryFailureHandler.Create(new Uri("http://localhost:5080/voice"), new Uri("http://localhost:5080/fallback/voice"));

        Assert.True(handler.IsPrimary(new Uri("http://localhost:5080/voice/continue?n=main")));
        Assert.True(handler.IsPrimary(new Uri("http://localhost:5080/audio/en-US/welcome.wav")));
        Assert.False(handler.IsPrimary(new Uri("http://localhost:5080/fallback/voice/continue?n=main")));
        Assert.True(handler.IsFallback(new Uri("http://localhost:5080/fallback/voice")));
        Assert.False(handler.IsPrimary(new Uri("http://localhost:5081/voice")));
        Assert.False(handler.IsFallback(new Uri("http://localhost:5081/voice")));
    }

    [Theory]
    [InlineData("http://h:5080/twilio/voice", "http://h:5080/twilio/fallback")]
    [InlineData("http://h:5080/voice", "http://h:5080/voice/fallback")]
    public void IsPrimary_FallbackBesideOrBelowThePrimary_StillTellsThemApart(string primary, string fallback)
    {
        using var handler = PrimaryFailureHandler.Create(new Uri(primary), new Uri(fallback));

        Assert.True(handler.IsPrimary(new Uri(primary)));
        Assert.True(handler.IsPrimary(new Uri(primary + "/continue?n=main")));
        Assert.False(handler.IsPrimary(new Uri(fallback)));
        Assert.False(handler.IsPrimary(new Uri(fallback + "/continue?n=main")));
        Assert.True(handler.IsFallback(new Uri(fallback + "/continue?n=main")));
    }
}
