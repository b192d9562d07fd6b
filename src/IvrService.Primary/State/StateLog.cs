namespace IvrService.Primary.State;

/// <summary>Events of the shared-state connection (State:Redis).</summary>
internal static partial class StateLog
{
    [LoggerMessage(EventId = 5300, EventName = "StateConnected", Level = LogLevel.Information,
        Message = "Shared state: Redis at {Endpoint}, keys {{{Prefix}}}:*; text claims, sender pacing and the outbound text queue are shared by every replica")]
    public static partial void Connected(ILogger logger, string endpoint, string prefix);

    [LoggerMessage(EventId = 5301, EventName = "StateNotConnectedAtStart", Level = LogLevel.Error,
        Message = "Shared state: Redis at {Endpoint} is not reachable at start-up; calls go on, text steps play their unavailable prompt until it is (retrying in the background)")]
    public static partial void NotConnectedAtStart(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 5302, EventName = "StateConnectionLost", Level = LogLevel.Error,
        Message = "Shared state: lost Redis at {Endpoint} ({FailureType}: {Reason}); calls go on, text steps play their unavailable prompt until it is back")]
    public static partial void ConnectionLost(ILogger logger, string endpoint, string failureType, string reason);

    [LoggerMessage(EventId = 5303, EventName = "StateConnectionRestored", Level = LogLevel.Information,
        Message = "Shared state: Redis at {Endpoint} is back")]
    public static partial void ConnectionRestored(ILogger logger, string endpoint);
}
