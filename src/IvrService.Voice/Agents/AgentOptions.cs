using System.ComponentModel.DataAnnotations;

namespace IvrService.Voice.Agents;

/// <summary>The built-in agent's WebSocket limits (<c>Agent:*</c>).</summary>
public sealed class AgentOptions
{
    public const string SectionName = "Agent";

    /// <summary>The largest message accepted; a larger one closes the session (1009). Twilio's prompts are far smaller.</summary>
    [Range(1024, 1024 * 1024)]
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>Messages per second a session may send on average (bursts of twice as many); more closes it (1008).</summary>
    [Range(1, 1000)]
    public int MessagesPerSecond { get; set; } = 20;

    /// <summary>A session with no message for this long is ended with the <c>idle</c> handoff (the flow goes on).</summary>
    [Range(5, 3600)]
    public int IdleTimeoutSeconds { get; set; } = 120;
}
