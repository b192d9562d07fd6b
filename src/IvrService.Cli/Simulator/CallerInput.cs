namespace IvrService.Cli.Simulator;

/// <summary>What the caller does when a &lt;Gather&gt; listens.</summary>
public enum CallerActionKind
{
    /// <summary>Keys pressed (may include <c>*</c>, <c>#</c>).</summary>
    Digits,
    /// <summary>Words spoken.</summary>
    Speech,
    /// <summary>Nothing: the Gather times out.</summary>
    Timeout,
    /// <summary>The caller hangs up.</summary>
    Hangup,
    /// <summary>In an agent session only: the agent's connection breaks (the world's doing, like a transfer's outcome).</summary>
    DropAgent,
}

/// <summary>One caller action.</summary>
public sealed record CallerAction(CallerActionKind Kind, string Value = "")
{
    public static CallerAction Timeout { get; } = new(CallerActionKind.Timeout);

    public static CallerAction Hangup { get; } = new(CallerActionKind.Hangup);

    /// <summary>
    /// Parses one script item: keys (<c>1</c>, <c>1234#</c>, <c>*</c>), <c>timeout</c> (or empty), <c>hangup</c>,
    /// <c>speech:words</c> / <c>say:words</c>. Returns false with a reason for anything else.
    /// </summary>
    public static bool TryParse(string item, out CallerAction action, out string? error)
    {
        ArgumentNullException.ThrowIfNull(item);
        error = null;
        var text = item.Trim();
        if (text.Length == 0 || text.Equals("timeout", StringComparison.OrdinalIgnoreCase) || text.Equals("t", StringComparison.OrdinalIgnoreCase))
        {
            action = Timeout;
            return true;
        }

        if (text.Equals("hangup", StringComparison.OrdinalIgnoreCase))
        {
            action = Hangup;
            return true;
        }

        foreach (var prefix in (string[])["speech:", "say:"])
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                action = new CallerAction(CallerActionKind.Speech, text[prefix.Length..].Trim());
                return true;
            }
        }

        if (text.All(c => char.IsAsciiDigit(c) || c is '*' or '#'))
        {
            action = new CallerAction(CallerActionKind.Digits, text);
            return true;
        }

        action = Timeout;
        error = $"'{item}' is not keys (0-9 * #), 'timeout', 'hangup' or 'speech:words'";
        return false;
    }
}

/// <summary>What a &lt;Gather&gt; is listening for; passed to the input source (the keypad prompt shows it).</summary>
public sealed record GatherContext(string Input, int? NumDigits, string FinishOnKey, TimeSpan Timeout)
{
    /// <summary>Where the answer will be posted (the Gather's resolved <c>action</c>), when known.</summary>
    public Uri? Action { get; init; }
}

/// <summary>A &lt;Dial&gt; about to ring: whom, and where its outcome will be posted (null: no <c>action</c>).</summary>
public sealed record DialContext(string Target, Uri? Action);

/// <summary>A &lt;Record&gt; about to listen: its limit, and where the recording will be posted.</summary>
public sealed record RecordContext(int MaxLengthSeconds, Uri Action);

/// <summary>An agent session (&lt;Connect&gt;&lt;ConversationRelay&gt;) waiting for the caller: its socket, its action, what the agent said last.</summary>
public sealed record AgentContext(Uri Url, Uri? Action, string? LastAgentText);

/// <summary>
/// Supplies the caller's actions, one per &lt;Gather&gt;, and, where a source wants to decide them per call, how each
/// &lt;Dial&gt; ends and what the caller says into each &lt;Record&gt;.
/// </summary>
public interface ICallerInput
{
    /// <summary>The caller's next action; <see cref="CallerAction.Hangup"/> when there is nothing more to do.</summary>
    ValueTask<CallerAction> NextAsync(GatherContext gather, CancellationToken cancellationToken);

    /// <summary>How <paramref name="dial"/> ends; null (the default) takes <see cref="CallSimulatorOptions.DialOutcome"/>.</summary>
    ValueTask<IvrService.Twilio.Webhooks.TwilioDialCallStatus?> DialAsync(DialContext dial, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IvrService.Twilio.Webhooks.TwilioDialCallStatus?>(null);

    /// <summary>
    /// How long the caller speaks into <paramref name="record"/>; null (the default) takes
    /// <see cref="CallSimulatorOptions.RecordingDuration"/>, zero is silence (Twilio records nothing and moves on to
    /// the next verb) and <see cref="Timeout.InfiniteTimeSpan"/> hangs up without a message.
    /// </summary>
    ValueTask<TimeSpan?> RecordAsync(RecordContext record, CancellationToken cancellationToken) => ValueTask.FromResult<TimeSpan?>(null);

    /// <summary>
    /// What the caller does next in an agent session: words (<see cref="CallerActionKind.Speech"/>, sent as a
    /// <c>prompt</c>), keys (<c>dtmf</c>), silence, or hanging up. By default the same source as a Gather's answers,
    /// so a script such as <c>0,speech:opening hours</c> talks to the agent.
    /// </summary>
    ValueTask<CallerAction> AgentAsync(AgentContext agent, CancellationToken cancellationToken) =>
        NextAsync(new GatherContext("speech dtmf", null, "", TimeSpan.FromSeconds(5)) { Action = agent.Action }, cancellationToken);
}

/// <summary>A fixed script such as <c>1,2,timeout,1234#</c>. When it runs out, the caller hangs up.</summary>
public sealed class ScriptedCallerInput : ICallerInput
{
    private readonly Queue<CallerAction> _actions;

    public ScriptedCallerInput(IEnumerable<CallerAction> actions) => _actions = new Queue<CallerAction>(actions);

    /// <summary>Parses a comma-separated script; throws <see cref="FormatException"/> naming the bad item.</summary>
    public static ScriptedCallerInput Parse(string? script)
    {
        var actions = new List<CallerAction>();
        if (!string.IsNullOrWhiteSpace(script))
        {
            foreach (var item in script.Split(','))
            {
                if (!CallerAction.TryParse(item, out var action, out var error))
                {
                    throw new FormatException(error);
                }

                actions.Add(action);
            }
        }

        return new ScriptedCallerInput(actions);
    }

    /// <summary>Actions not used yet.</summary>
    public int Remaining => _actions.Count;

    public ValueTask<CallerAction> NextAsync(GatherContext gather, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_actions.TryDequeue(out var action) ? action : CallerAction.Hangup);
}

/// <summary>
/// An interactive keypad: asks for keys at each &lt;Gather&gt;. An empty line is a timeout, <c>hangup</c> or end of
/// input hangs up.
/// </summary>
public sealed class KeypadCallerInput(TextReader input, TextWriter prompt) : ICallerInput
{
    public async ValueTask<CallerAction> NextAsync(GatherContext gather, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gather);
        while (true)
        {
            var limit = gather.NumDigits is { } n ? $"{n} key{(n == 1 ? "" : "s")}" : "keys";
            var finish = gather.FinishOnKey.Length > 0 ? $", end with {gather.FinishOnKey}" : "";
            await prompt.WriteAsync($"keypad ({limit}{finish}; empty = timeout, 'hangup' to hang up)> ").ConfigureAwait(false);
            await prompt.FlushAsync(cancellationToken).ConfigureAwait(false);
            var line = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                return CallerAction.Hangup;
            }

            if (CallerAction.TryParse(line, out var action, out var error))
            {
                return action;
            }

            await prompt.WriteLineAsync(error).ConfigureAwait(false);
        }
    }
}
