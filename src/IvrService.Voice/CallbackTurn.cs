using IvrService.Flow;
using Microsoft.AspNetCore.Http;

namespace IvrService.Voice;

/// <summary>A callback continued: the turn, the state it continued from (and what was repaired), the input applied.</summary>
/// <param name="Turn">The engine's answer.</param>
/// <param name="Decoded">The caller's state as read from the callback query; log <see cref="CallStateDecodeResult.Repairs"/> when repaired.</param>
/// <param name="Input">The webhook's answer as the engine saw it.</param>
public sealed record CallbackTurn(IvrTurn Turn, CallStateDecodeResult Decoded, CallInput Input)
{
    /// <summary>
    /// The one continue sequence of both apps: the caller's <see cref="CallState"/> from the callback query (Twilio
    /// signs it; a tampered or stale one is repaired), the webhook's answer from its parameters, the engine's next turn.
    /// </summary>
    public static CallbackTurn Continue(FlowEngine engine, IReadOnlyDictionary<string, string?> query, IReadOnlyDictionary<string, string?> parameters)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var decoded = CallState.Decode(query, engine.Flow);
        var input = WebhookInput.From(parameters);
        return new CallbackTurn(engine.Continue(decoded.State, input), decoded, input);
    }

    /// <summary>The same, reading the state from a request's query string.</summary>
    public static CallbackTurn Continue(FlowEngine engine, IQueryCollection query, IReadOnlyDictionary<string, string?> parameters)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Continue(engine, QueryOf(query), parameters);
    }

    /// <summary>A query string as the name → first value map <see cref="CallState.Decode"/> reads.</summary>
    public static IReadOnlyDictionary<string, string?> QueryOf(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString(), StringComparer.Ordinal);
    }
}
