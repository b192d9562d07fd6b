using System.Net;
using System.Text;
using IvrService.Cli.Simulator;
using IvrService.Flow;
using IvrService.Twilio.TwiML;
using IvrService.Twilio.Webhooks;
using IvrService.Voice;
using IvrService.Voice.Rendering;
using Microsoft.AspNetCore.WebUtilities;

using System.Net.WebSockets;
using IvrService.Voice.Agents;
using Microsoft.Extensions.Logging.Abstractions;

namespace IvrService.Cli.Scenarios;

/// <summary>A turn the in-process line served: what the engine answered to what, on which app, at what time.</summary>
/// <param name="Turn">The engine's turn.</param>
/// <param name="Input">The answer applied, or null for a call's first turn.</param>
/// <param name="Answered">The state the answer was applied to, or null for a first turn.</param>
/// <param name="Fallback">True when the fallback app served it.</param>
/// <param name="At">The flow clock's time.</param>
internal sealed record LineTurn(IvrTurn Turn, CallInput? Input, CallState? Answered, bool Fallback, DateTimeOffset At);

/// <summary>
/// Both apps of the line in process, for <c>ivr test</c>: an <see cref="HttpMessageHandler"/> the call simulator
/// talks to as it would to real ones. The primary's routes run the flow engine and render its turns with the same
/// <see cref="VoiceTwimlRenderer"/> and continue sequence (<see cref="CallbackTurn"/>) the apps use; the fallback's
/// resume the caller from <c>ErrorUrl</c> as the fallback app does (a failed <c>/voice</c> starts the flow, a failed
/// callback continues at its state with the answer it carried) and send no texts. Prompt audio is served as silent
/// WAV of the prompt's spoken length, so the call clock moves as on a real line. No signature is checked: nothing
/// here is reachable from outside the process.
/// </summary>
internal sealed class LocalLine : HttpMessageHandler
{
    /// <summary>The primary's base URL inside the process.</summary>
    public static Uri PrimaryBase { get; } = new("http://primary.line.test");

    /// <summary>The fallback's base URL inside the process.</summary>
    public static Uri FallbackBase { get; } = new("http://fallback.line.test");

    private const int ByteRate = 8000;
    private readonly FlowEngine _engine;
    private readonly FlowEngine _fallbackEngine;
    private readonly TimeProvider _time;
    private readonly Action<LineTurn> _onTurn;
    private readonly Action<SendTextStep, string> _onText;
    private readonly VoiceTwimlRenderer _primary = new(new Prompts("/audio/"));
    private readonly VoiceTwimlRenderer _fallback = new(new Prompts("/fallback/audio/"), VoiceRoutes.FallbackContinue);
    private readonly Dictionary<string, double> _seconds;

    /// <param name="engine">The flow under test, with the scenario's clock.</param>
    /// <param name="time">That clock, for the turns' record.</param>
    /// <param name="onTurn">Told every turn served.</param>
    /// <param name="onText">Told every text the primary accepts for sending, with its recipient.</param>
    public LocalLine(FlowEngine engine, TimeProvider time, Action<LineTurn> onTurn, Action<SendTextStep, string> onText)
    {
        _engine = engine;
        // The fallback app holds no agent sessions (FallbackFlow): its engine takes callers back to a menu instead.
        _fallbackEngine = new FlowEngine(engine.Flow, time, agents: false);
        _time = time;
        _onTurn = onTurn;
        _onText = onText;
        _seconds = engine.Flow.EnumeratePromptAudio()
            .GroupBy(p => p.AudioKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Math.Max(0.5, TwimlInterpreter.SpeechSeconds(g.First().Text)), StringComparer.Ordinal);
    }

    /// <summary>The number's voice URL, starting calls in <paramref name="locale"/> when given.</summary>
    public static Uri VoiceUrl(string? locale) =>
        new(PrimaryBase, VoiceRoutes.Incoming + (locale is null ? "" : "?" + CallState.LocaleQueryKey + "=" + Uri.EscapeDataString(locale)));

    /// <summary>The number's voice fallback URL.</summary>
    public static Uri FallbackUrl { get; } = new(FallbackBase, VoiceRoutes.FallbackIncoming);

    /// <summary>
    /// The primary's built-in agent in process: a WebSocket pair in memory, the server end run by the same
    /// <see cref="AgentSession"/> the primary runs, answering with <see cref="BuiltinAgentAnswerer"/> for the node and
    /// locale in the URL's state. The simulator gets the client end, as it would from the network.
    /// </summary>
    public Task<WebSocket> ConnectAgentAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Host != PrimaryBase.Host || url.AbsolutePath != VoiceRoutes.Agent || AgentSession.BuiltinAt(_engine.Flow, Map(url.Query)) is not { } builtin)
        {
            throw new WebSocketException(WebSocketError.NotAWebSocket, $"no built-in agent at {url}");
        }

        var (client, server) = InMemoryWebSocket.CreatePair();
        var session = new AgentSession(server, builtin.Answerer, new AgentOptions(), TimeProvider.System, NullLogger.Instance);
        _ = Task.Run(async () =>
        {
            using (server)
            {
                await session.RunAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }, CancellationToken.None);
        return Task.FromResult(client);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var url = request.RequestUri!;
        var path = url.AbsolutePath;
        var fallback = url.Host == FallbackBase.Host;
        if (request.Method == HttpMethod.Get && path.Contains("/audio/", StringComparison.Ordinal))
        {
            return Audio(request, path[(path.IndexOf("/audio/", StringComparison.Ordinal) + "/audio/".Length)..]);
        }

        var form = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var parameters = Map(form);
        var query = Map(url.Query);
        var publicBase = fallback ? FallbackBase : PrimaryBase;
        IvrTurn turn;
        CallInput? input = null;
        CallState? answered = null;
        switch (fallback, path)
        {
            case (false, VoiceRoutes.Incoming):
                turn = _engine.Start(Get(query, CallState.LocaleQueryKey));
                break;
            case (false, VoiceRoutes.Continue) or (true, VoiceRoutes.FallbackContinue):
                var continued = CallbackTurn.Continue(fallback ? _fallbackEngine : _engine, query, parameters);
                (turn, input, answered) = (continued.Turn, continued.Input, continued.Decoded.State);
                break;
            case (true, VoiceRoutes.FallbackIncoming):
                // What the fallback app does with a handed-over call whose ErrorUrl is the primary's (FallbackVoice.Decide).
                var errorUrl = Uri.TryCreate(Get(parameters, "ErrorUrl"), UriKind.Absolute, out var failed) ? failed : null;
                if (errorUrl is not null && VoiceRoutes.IsContinue(errorUrl.AbsolutePath))
                {
                    var resumed = CallbackTurn.Continue(_fallbackEngine, Map(errorUrl.Query), parameters);
                    (turn, input, answered) = (resumed.Turn, resumed.Input, resumed.Decoded.State);
                }
                else
                {
                    turn = _fallbackEngine.Start(errorUrl is null ? null : Get(Map(errorUrl.Query), CallState.LocaleQueryKey));
                }

                break;
            case (false, VoiceRoutes.Status):
                return Twiml(request, new VoiceResponse().ToString());
            default:
                return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
        }

        _onTurn(new LineTurn(turn, input, answered, fallback, _time.GetUtcNow()));
        var from = Get(parameters, "From");
        // The primary's outbox rule: the caller's own number, if it can receive texts; the fallback sends none.
        var heard = turn.WithTextOutcomes(text =>
        {
            var to = text.To ?? from;
            if (fallback || !PhoneTargets.IsE164(to) || TwilioCallerIds.IsWithheld(to))
            {
                return false;
            }

            _onText(text, to!);
            return true;
        });
        return Twiml(request, (fallback ? _fallback : _primary).Render(heard, publicBase).ToString());
    }

    private HttpResponseMessage Audio(HttpRequestMessage request, string key)
    {
        if (!_seconds.TryGetValue(Uri.UnescapeDataString(key), out var seconds))
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
        }

        var data = (int)(seconds * ByteRate);
        var wav = new byte[44 + data];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(wav, 0);
        BitConverter.TryWriteBytes(wav.AsSpan(4), 36 + data);
        Encoding.ASCII.GetBytes("WAVEfmt ").CopyTo(wav, 8);
        BitConverter.TryWriteBytes(wav.AsSpan(16), 16);
        BitConverter.TryWriteBytes(wav.AsSpan(20), (short)7); // µ-law
        BitConverter.TryWriteBytes(wav.AsSpan(22), (short)1);
        BitConverter.TryWriteBytes(wav.AsSpan(24), ByteRate);
        BitConverter.TryWriteBytes(wav.AsSpan(28), ByteRate);
        BitConverter.TryWriteBytes(wav.AsSpan(32), (short)1);
        BitConverter.TryWriteBytes(wav.AsSpan(34), (short)8);
        Encoding.ASCII.GetBytes("data").CopyTo(wav, 36);
        BitConverter.TryWriteBytes(wav.AsSpan(40), data);
        var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new ByteArrayContent(wav) };
        response.Content.Headers.ContentType = new("audio/wav");
        response.Headers.CacheControl = new() { Public = true, MaxAge = TimeSpan.FromDays(1) };
        return response;
    }

    private static HttpResponseMessage Twiml(HttpRequestMessage request, string xml) => new(HttpStatusCode.OK)
    {
        RequestMessage = request,
        Content = new StringContent(xml, Encoding.UTF8, "application/xml"),
    };

    private static Dictionary<string, string?> Map(string encoded)
    {
        var map = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, values) in QueryHelpers.ParseQuery(encoded))
        {
            map[key] = values.Count > 0 ? values[0] : null;
        }

        return map;
    }

    private static string? Get(Dictionary<string, string?> map, string key) =>
        map.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    private sealed class Prompts(string audioPath) : IPromptVerbs
    {
        public IGatherChild Prompt(PlayPromptStep step, Uri publicBase) =>
            new Play(new Uri(publicBase, new Uri(publicBase, audioPath).AbsolutePath + step.AudioKey).AbsoluteUri);
    }
}
