namespace IvrService.Voice;

/// <summary>
/// The webhook routes of both apps, spelled once: the primary's controller and renderer, the fallback's handlers and
/// its reading of Twilio's <c>ErrorUrl</c>, and the simulator all use these.
/// </summary>
public static class VoiceRoutes
{
    /// <summary>The number's Voice URL on the primary: an incoming call.</summary>
    public const string Incoming = "/voice";

    /// <summary>The primary's one callback route (every Gather, Dial, Record and Redirect).</summary>
    public const string Continue = "/voice/continue";

    /// <summary>The primary's built-in agent: the WebSocket ConversationRelay connects to (<c>wss://</c>, signed).</summary>
    public const string Agent = "/voice/agent";

    /// <summary>The primary's status callback.</summary>
    public const string Status = "/voice/status";

    /// <summary>The number's voice fallback URL: the fallback app's incoming route.</summary>
    public const string FallbackIncoming = "/fallback/voice";

    /// <summary>The fallback's callback route.</summary>
    public const string FallbackContinue = "/fallback/voice/continue";

    /// <summary>True when <paramref name="path"/> (of an <c>ErrorUrl</c>, say) is the primary's callback route.</summary>
    public static bool IsContinue(string path) => path.EndsWith(Continue, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="path"/> is the primary's incoming-call route.</summary>
    public static bool IsIncoming(string path) => path.EndsWith(Incoming, StringComparison.OrdinalIgnoreCase);
}
