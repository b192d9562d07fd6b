using IvrService.Flow;
using IvrService.Twilio.AspNetCore;
using IvrService.Voice;
using IvrService.Voice.Agents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IvrService.Primary.Agents;

/// <summary>
/// The built-in agent's WebSocket (<see cref="VoiceRoutes.Agent"/>): ConversationRelay connects here for an
/// <c>agent</c> node with the <c>builtin</c> backend. The upgrade is signed like every webhook, over its <c>wss://</c>
/// URL, and refused (403) before it is accepted otherwise. The node and locale come from the signed query, as for
/// callbacks; the session itself is <see cref="AgentSession"/>.
/// </summary>
[ValidateTwilioRequest]
public sealed class AgentController(FlowDefinition flow, IOptions<AgentOptions> options, TimeProvider time, ILogger<AgentController> logger) : ControllerBase
{
    [HttpGet(VoiceRoutes.Agent)]
    public async Task Agent()
    {
        if (!HttpContext.WebSockets.IsWebSocketRequest)
        {
            logger.LogWarning("Agent route requested without a WebSocket upgrade");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await Response.WriteAsync("ConversationRelay connects here with a WebSocket upgrade.").ConfigureAwait(false);
            return;
        }

        if (AgentSession.BuiltinAt(flow, CallbackTurn.QueryOf(Request.Query)) is not { } builtin)
        {
            logger.LogWarning("Agent route for state {Query}, which names no built-in agent of this flow; refused", Request.QueryString.Value);
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        using var socket = await HttpContext.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var session = new AgentSession(socket, builtin.Answerer, options.Value, time, logger);
        var end = await session.RunAsync(HttpContext.RequestAborted).ConfigureAwait(false);
        logger.LogInformation("Agent session at {Node} of call {CallSid} ended: {End}", builtin.State.NodeId, session.CallSid, end);
    }
}
