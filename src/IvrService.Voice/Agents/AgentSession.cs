using System.Net.WebSockets;
using IvrService.Flow;
using IvrService.Twilio.ConversationRelay;
using Microsoft.Extensions.Logging;

namespace IvrService.Voice.Agents;

/// <summary>How a session ended, for the log and the tests.</summary>
public enum AgentSessionEnd
{
    /// <summary>The answerer handed off: an <c>end</c> message was sent.</summary>
    Handoff,

    /// <summary>No message within the idle timeout: ended with the <c>idle</c> handoff.</summary>
    Idle,

    /// <summary>Twilio (or the caller) closed the socket.</summary>
    ClosedByPeer,

    /// <summary>A frame was not a ConversationRelay message: closed with 1007.</summary>
    Malformed,

    /// <summary>A frame over <see cref="AgentOptions.MaxMessageBytes"/>: closed with 1009.</summary>
    TooLarge,

    /// <summary>Messages faster than <see cref="AgentOptions.MessagesPerSecond"/>: closed with 1008.</summary>
    TooFast,

    /// <summary>A binary frame (ConversationRelay sends only text): closed with 1003.</summary>
    Binary,
}

/// <summary>
/// One ConversationRelay session of the built-in agent over an accepted WebSocket: reads Twilio's messages within the
/// limits, asks the <see cref="IAgentAnswerer"/> for each final prompt (or key), speaks its answer as one <c>text</c>
/// token and, on a handoff, sends <c>end</c> with <c>{"reason": …}</c> and closes. Every way a session can end is
/// returned, never thrown: bad input closes the socket with a status and a reason, and Twilio then requests the
/// <c>&lt;Connect&gt;</c> action, where the flow takes the caller on (back to the menu at worst).
/// </summary>
public sealed class AgentSession(WebSocket socket, IAgentAnswerer answerer, AgentOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>The handoff reason of a session that went quiet.</summary>
    public const string IdleReason = "idle";

    /// <summary>
    /// The built-in agent a session URL's state names (<c>n=</c> a <c>builtin</c> agent node, in locale <c>l=</c>), with
    /// its answerer; null when the state names no built-in agent or had to be repaired (not what the TwiML wrote).
    /// </summary>
    public static (AgentNode Agent, CallState State, IAgentAnswerer Answerer)? BuiltinAt(FlowDefinition flow, IReadOnlyDictionary<string, string?> query)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var decoded = CallState.Decode(query, flow);
        return !decoded.Repaired && flow.FindNode(decoded.State.NodeId) is AgentNode { Backend: AgentBackends.Builtin } agent
            ? (agent, decoded.State, new BuiltinAgentAnswerer(flow, agent, decoded.State.Locale))
            : null;
    }

    /// <summary>What the session logged as its call (from <c>setup</c>).</summary>
    public string? CallSid { get; private set; }

    public async Task<AgentSessionEnd> RunAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[options.MaxMessageBytes];
        var tokens = (double)options.MessagesPerSecond * 2;
        var refilled = time.GetTimestamp();
        while (true)
        {
            // The idle timer races the receive instead of cancelling it: a cancelled WebSocket receive aborts the
            // socket, and the idle handoff must still be sent over it.
            var receiving = ReceiveAsync(buffer, cancellationToken);
            using (var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                var timer = Task.Delay(TimeSpan.FromSeconds(options.IdleTimeoutSeconds), time, idle.Token);
                if (await Task.WhenAny(receiving, timer).ConfigureAwait(false) == timer && !cancellationToken.IsCancellationRequested)
                {
                    logger.LogInformation("Agent session of call {CallSid}: no message for {Seconds} s; handing off as '{Reason}'", CallSid, options.IdleTimeoutSeconds, IdleReason);
                    await EndAsync(RelayMessages.Handoff(IdleReason), cancellationToken).ConfigureAwait(false);
                    // The receive still pending ends with Twilio's close (or the socket's disposal): observed, not awaited.
                    _ = receiving.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    return AgentSessionEnd.Idle;
                }

                await idle.CancelAsync().ConfigureAwait(false);
            }

            int length;
            WebSocketMessageType type;
            try
            {
                (length, type) = await receiving.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return AgentSessionEnd.ClosedByPeer;
            }
            catch (WebSocketException e)
            {
                logger.LogInformation("Agent session of call {CallSid}: the socket broke ({Error})", CallSid, e.WebSocketErrorCode);
                return AgentSessionEnd.ClosedByPeer;
            }

            switch (type)
            {
                case WebSocketMessageType.Close:
                    logger.LogInformation("Agent session of call {CallSid}: closed by Twilio ({Status})", CallSid, socket.CloseStatus);
                    await CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", cancellationToken).ConfigureAwait(false);
                    return AgentSessionEnd.ClosedByPeer;
                case WebSocketMessageType.Binary:
                    return await RefuseAsync(AgentSessionEnd.Binary, WebSocketCloseStatus.InvalidMessageType, "ConversationRelay sends text frames only", cancellationToken).ConfigureAwait(false);
            }

            if (length < 0)
            {
                return await RefuseAsync(AgentSessionEnd.TooLarge, WebSocketCloseStatus.MessageTooBig,
                    $"a message over {options.MaxMessageBytes} bytes", cancellationToken).ConfigureAwait(false);
            }

            // A token bucket: the rate on average, twice that in a burst.
            var now = time.GetTimestamp();
            tokens = Math.Min(options.MessagesPerSecond * 2, tokens + (time.GetElapsedTime(refilled, now).TotalSeconds * options.MessagesPerSecond));
            refilled = now;
            if (--tokens < 0)
            {
                return await RefuseAsync(AgentSessionEnd.TooFast, WebSocketCloseStatus.PolicyViolation,
                    $"more than {options.MessagesPerSecond} messages a second", cancellationToken).ConfigureAwait(false);
            }

            var message = RelayMessages.Parse(buffer.AsSpan(0, length), out var failure);
            if (message is null)
            {
                return await RefuseAsync(AgentSessionEnd.Malformed, WebSocketCloseStatus.InvalidPayloadData, failure!.Reason, cancellationToken).ConfigureAwait(false);
            }

            if (await OnMessageAsync(message, cancellationToken).ConfigureAwait(false) is { } handoff)
            {
                await EndAsync(handoff, cancellationToken).ConfigureAwait(false);
                return AgentSessionEnd.Handoff;
            }
        }
    }

    // The handoff data when the session should end, else null.
    private async Task<string?> OnMessageAsync(RelayInbound message, CancellationToken cancellationToken)
    {
        string? utterance = null;
        switch (message)
        {
            case RelaySetup setup:
                CallSid = setup.CallSid;
                logger.LogInformation("Agent session {SessionId} of call {CallSid} set up", setup.SessionId, setup.CallSid);
                return null;
            case RelayPrompt { Last: true } prompt:
                utterance = prompt.VoicePrompt;
                break;
            case RelayPrompt:
                return null;
            case RelayDtmf dtmf:
                utterance = dtmf.Digit;
                break;
            case RelayInterrupt:
                return null;
            case RelayError error:
                logger.LogWarning("Agent session of call {CallSid}: ConversationRelay reports {Description}", CallSid, error.Description);
                return null;
            case RelayUnknown unknown:
                logger.LogInformation("Agent session of call {CallSid}: ignored a '{Type}' message", CallSid, unknown.Type);
                return null;
        }

        var reply = await answerer.AnswerAsync(utterance ?? "", cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Agent session of call {CallSid}: intent {Intent}, handoff {Handoff}", CallSid, reply.Intent ?? "(none)", reply.Handoff ?? "(none)");
        if (reply.Text is { Length: > 0 } text)
        {
            await SendAsync(RelayMessages.Text(text), cancellationToken).ConfigureAwait(false);
        }

        return reply.Handoff is { } reason ? RelayMessages.Handoff(reason) : null;
    }

    // A whole message into buffer: its length, or -1 when it does not fit.
    private async Task<(int Length, WebSocketMessageType Type)> ReceiveAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                return (-1, WebSocketMessageType.Text);
            }

            var result = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            length += result.Count;
            if (result.MessageType != WebSocketMessageType.Text || result.EndOfMessage)
            {
                return (length, result.MessageType);
            }
        }
    }

    private async Task<AgentSessionEnd> RefuseAsync(AgentSessionEnd end, WebSocketCloseStatus status, string reason, CancellationToken cancellationToken)
    {
        logger.LogWarning("Agent session of call {CallSid} closed ({Status}): {Reason}", CallSid, status, reason);
        await CloseAsync(status, reason, cancellationToken).ConfigureAwait(false);
        return end;
    }

    private async Task EndAsync(string handoffData, CancellationToken cancellationToken)
    {
        await SendAsync(RelayMessages.End(handoffData), cancellationToken).ConfigureAwait(false);
        await CloseAsync(WebSocketCloseStatus.NormalClosure, "handoff", cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(byte[] message, CancellationToken cancellationToken)
    {
        if (socket.State == WebSocketState.Open)
        {
            await socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string reason, CancellationToken cancellationToken)
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                // The reason travels in the close frame: at most 123 bytes.
                var text = reason.Length > 100 ? reason[..100] : reason;
                await socket.CloseOutputAsync(status, text, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            logger.LogDebug("Agent session of call {CallSid}: close failed ({Error})", CallSid, e.Message);
        }
    }
}
