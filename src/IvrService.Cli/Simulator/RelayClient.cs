using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using System.Xml.Linq;
using IvrService.Twilio.ConversationRelay;
using IvrService.Twilio.Security;

namespace IvrService.Cli.Simulator;

/// <summary>
/// Twilio's side of a <c>&lt;Connect&gt;&lt;ConversationRelay&gt;</c>: opens the app's WebSocket (signed over its
/// <c>wss://</c> URL), sends <c>setup</c>, speaks the welcome greeting, turns each caller action into a <c>prompt</c>
/// or <c>dtmf</c> message, speaks the agent's <c>text</c> tokens, and when the agent sends <c>end</c> (or the socket
/// breaks) requests the <c>&lt;Connect&gt;</c> action with <c>HandoffData</c> and <c>SessionStatus</c>, as Twilio does.
/// </summary>
internal sealed class RelayClient(CallSimulatorOptions options, CallClock clock, Action<CallEvent> emit)
{
    /// <summary>How long the simulator waits for the agent's answer to one utterance.</summary>
    public static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);

    private static readonly string[] ShownAttributes = ["language", "voice", "ttsProvider", "interruptible", "dtmfDetection"];

    /// <summary>The warning's text when the caller input drops the agent's connection (a scenario's <c>agent: drops</c>).</summary>
    public const string DroppedText = "the agent's connection drops";

    /// <summary>How long after an answer's last token the simulator still waits for an <c>end</c>.</summary>
    public static readonly TimeSpan EndGrace = TimeSpan.FromMilliseconds(50);

    /// <summary>Caller turns in one session before the simulator gives up (a loop guard, like <see cref="CallSimulatorOptions.MaxSteps"/>).</summary>
    public const int MaxTurns = 50;

    /// <summary>Connects over the network as Twilio does: the signature header over the URL, nothing else.</summary>
    public static async Task<WebSocket> ConnectAsync(Uri url, string? authToken, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        if (authToken is not null)
        {
            socket.Options.SetRequestHeader(TwilioSignature.HeaderName, TwilioSignature.Compute(url.AbsoluteUri, authToken));
        }

        try
        {
            await socket.ConnectAsync(url, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async Task<(TwimlRequest? Next, CallEnding? Ending)> RunAsync(XElement connect, XElement relay, Uri documentUrl, CancellationToken cancellationToken)
    {
        var action = connect.Attribute("action")?.Value is { Length: > 0 } a ? new Uri(documentUrl, a) : null;
        var url = new Uri(documentUrl, relay.Attribute("url")?.Value ?? "");
        var started = Stopwatch.GetTimestamp();
        emit(new CallEvent
        {
            Kind = CallEventKind.AgentConnect,
            At = clock.Now(),
            Url = url.ToString(),
            Detail = string.Join(", ", ShownAttributes.Select(n => relay.Attribute(n) is { } attribute ? $"{n}={attribute.Value}" : null).Where(t => t is not null)),
        });

        WebSocket socket;
        try
        {
            using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connecting.CancelAfter(ReplyTimeout);
            socket = await (options.RelayConnector?.Invoke(url, connecting.Token) ?? ConnectAsync(url, options.AuthToken, connecting.Token)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or HttpRequestException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            emit(new CallEvent { Kind = CallEventKind.Warning, At = clock.Now(), Text = $"the agent's WebSocket {url} could not be opened ({e.Message})" });
            return Finish(action, null, failed: $"connect failed: {e.Message}", started);
        }

        using (socket)
        {
            var channel = Channel.CreateUnbounded<Frame>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            var receiving = ReceiveLoopAsync(socket, channel.Writer);
            try
            {
                await SendAsync(socket, RelayMessages.Setup(CallSimulatorOptions.NewSid("VX"), options.AccountSid, options.CallSid, options.From, options.To), cancellationToken).ConfigureAwait(false);
                if (relay.Attribute("welcomeGreeting")?.Value is { Length: > 0 } greeting)
                {
                    Speak(greeting, "welcome greeting");
                }

                string? last = null;
                for (var turn = 0; turn < MaxTurns; turn++)
                {
                    var caller = await options.Input.AgentAsync(new AgentContext(url, action, last), cancellationToken).ConfigureAwait(false);
                    switch (caller.Kind)
                    {
                        case CallerActionKind.Hangup:
                            emit(new CallEvent { Kind = CallEventKind.Input, At = clock.Now(), Text = "caller hangs up" });
                            await CloseAsync(socket).ConfigureAwait(false);
                            return (null, new CallEnding(CallOutcome.CallerHangup, "caller hung up during the agent session"));
                        case CallerActionKind.DropAgent:
                            emit(new CallEvent { Kind = CallEventKind.Warning, At = clock.Now(), Text = DroppedText });
                            socket.Abort();
                            return Finish(action, null, "the WebSocket connection was lost", started);
                        case CallerActionKind.Timeout:
                            emit(new CallEvent { Kind = CallEventKind.Input, At = clock.Now(), Text = "caller stays silent", Detail = "agent" });
                            clock.Advance(5);
                            continue;
                        case CallerActionKind.Speech:
                            emit(new CallEvent { Kind = CallEventKind.Input, At = clock.Now(), Text = caller.Value, Detail = "speech" });
                            clock.Advance(Math.Max(1, TwimlInterpreter.SpeechSeconds(caller.Value)));
                            await SendAsync(socket, RelayMessages.Prompt(caller.Value, relay.Attribute("language")?.Value ?? "en-US"), cancellationToken).ConfigureAwait(false);
                            break;
                        default:
                            emit(new CallEvent { Kind = CallEventKind.Input, At = clock.Now(), Digits = caller.Value, Detail = "dtmf to the agent" });
                            foreach (var digit in caller.Value)
                            {
                                await SendAsync(socket, RelayMessages.Dtmf(digit), cancellationToken).ConfigureAwait(false);
                            }

                            break;
                    }

                    var reply = await ReadReplyAsync(channel.Reader, cancellationToken).ConfigureAwait(false);
                    if (reply.Text is { Length: > 0 } text)
                    {
                        Speak(text, null);
                        last = text;
                    }

                    if (reply.Ended)
                    {
                        emit(new CallEvent { Kind = CallEventKind.AgentEnd, At = clock.Now(), Detail = reply.HandoffData is null ? "no handoff data" : "handoffData " + reply.HandoffData });
                        await CloseAsync(socket).ConfigureAwait(false);
                        return Finish(action, reply.HandoffData, failed: null, started);
                    }

                    if (reply.Failure is { } failure)
                    {
                        emit(new CallEvent { Kind = CallEventKind.Warning, At = clock.Now(), Text = $"agent session failed: {failure}" });
                        return Finish(action, null, failure, started);
                    }
                }

                await CloseAsync(socket).ConfigureAwait(false);
                return Finish(action, null, $"more than {MaxTurns} caller turns", started);
            }
            finally
            {
                // The receive loop ends with the socket; it is never left running after the session.
                if (socket.State is not (WebSocketState.Closed or WebSocketState.Aborted))
                {
                    socket.Abort();
                }

                await receiving.ConfigureAwait(false);
            }
        }
    }

    // Twilio requests the <Connect> action when the session ends; without one the call goes on with the next verb.
    private static (TwimlRequest? Next, CallEnding? Ending) Finish(Uri? action, string? handoffData, string? failed, long started)
    {
        if (action is null)
        {
            return (null, null);
        }

        var parameters = new List<KeyValuePair<string, string>>
        {
            new("SessionId", CallSimulatorOptions.NewSid("VX")),
            new("SessionStatus", failed is null ? "ended" : "failed"),
            new("SessionDuration", ((int)Stopwatch.GetElapsedTime(started).TotalSeconds).ToString(CultureInfo.InvariantCulture)),
        };
        if (handoffData is not null)
        {
            parameters.Add(new("HandoffData", handoffData));
        }

        if (failed is not null)
        {
            parameters.Add(new("ErrorMessage", failed));
        }

        return (new TwimlRequest("action", action, HttpMethod.Post, parameters), null);
    }

    private void Speak(string text, string? detail)
    {
        emit(new CallEvent { Kind = CallEventKind.AgentSays, At = clock.Now(), Text = text, Detail = detail });
        clock.Advance(Math.Max(1, TwimlInterpreter.SpeechSeconds(text)));
    }

    private sealed record Reply(string? Text, bool Ended, string? HandoffData, string? Failure);

    // One frame from the agent, as the receive loop read it: a message, or how the socket ended.
    private sealed record Frame(RelayOutbound? Message, string? Failure);

    // Reads every frame into a channel, so waiting for an answer can time out without touching the socket (a
    // cancelled WebSocket receive aborts the socket).
    private static async Task ReceiveLoopAsync(WebSocket socket, ChannelWriter<Frame> frames)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                var length = 0;
                ValueWebSocketReceiveResult received;
                do
                {
                    received = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None).ConfigureAwait(false);
                    length += received.Count;
                }
                while (!received.EndOfMessage && length < buffer.Length);

                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await frames.WriteAsync(new Frame(null, $"the agent closed the socket ({socket.CloseStatus} {socket.CloseStatusDescription})")).ConfigureAwait(false);
                    return;
                }

                var message = RelayMessages.ParseFromApp(buffer.AsSpan(0, length), out var malformed);
                await frames.WriteAsync(new Frame(message, malformed is null ? null : "unreadable agent message: " + malformed.Reason)).ConfigureAwait(false);
                if (message is null)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            frames.TryWrite(new Frame(null, $"broken socket ({e.Message})"));
        }
        finally
        {
            frames.TryComplete();
        }
    }

    // The agent's answer to one utterance: text tokens until one is last (and an end that follows it at once), an
    // end, a close, or nothing in time.
    private static async Task<Reply> ReadReplyAsync(ChannelReader<Frame> frames, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var wait = ReplyTimeout;
        while (true)
        {
            Frame frame;
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(wait);
                try
                {
                    if (!await frames.WaitToReadAsync(timeout.Token).ConfigureAwait(false) || !frames.TryRead(out frame!))
                    {
                        return new Reply(Join(text), false, null, "the agent's socket is gone");
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return new Reply(Join(text), false, null, null);
                }
            }

            if (frame.Failure is { } failure)
            {
                return new Reply(Join(text), false, null, failure);
            }

            switch (frame.Message)
            {
                case RelayText piece:
                    text.Append(piece.Token);
                    if (piece.Last)
                    {
                        // An answer may be followed at once by the end of the session ("Connecting you…", then end).
                        wait = EndGrace;
                    }

                    break;
                case RelayEnd end:
                    return new Reply(Join(text), true, end.HandoffData, null);
            }
        }
    }

    private static string? Join(StringBuilder text) => text.Length == 0 ? null : text.ToString();

    private static Task SendAsync(WebSocket socket, byte[] message, CancellationToken cancellationToken) =>
        socket.State == WebSocketState.Open ? socket.SendAsync(message, WebSocketMessageType.Text, true, cancellationToken) : Task.CompletedTask;

    private static async Task CloseAsync(WebSocket socket)
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "session over", timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The session is over either way.
        }
    }
}
