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

        var decoded = CallState.Decode(CallbackTurn.QueryOf(Request.Query), flow);
        if (flow.FindNode(decoded.State.NodeId) is not AgentNode { Backend: AgentBackends.Builtin } agent || decoded.Repaired)
        {
            logger.LogWarning("Agent route for node {Node}, which is no built-in agent of this flow; refused", decoded.State.NodeId);
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        using var socket = await HttpContext.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var session = new AgentSession(socket, new BuiltinAgentAnswerer(flow, agent, decoded.State.Locale), options.Value, time, logger);
        var end = await session.RunAsync(HttpContext.RequestAborted).ConfigureAwait(false);
        logger.LogInformation("Agent session at {Node} of call {CallSid} ended: {End}", decoded.State.NodeId, session.CallSid, end);
    }
}
