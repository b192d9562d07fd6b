using IvrService.Cli.Phone;
using IvrService.Cli.Simulator;
using IvrService.Twilio.Webhooks;
using Microsoft.AspNetCore.WebUtilities;

namespace IvrService.Cli.Scenarios;

/// <summary>What the call waits for at a point: a menu's keys, a transfer's outcome, a message.</summary>
internal enum WaitKind
{
    Menu,
    Transfer,
    Voicemail,
    Agent,
}

/// <summary>A point where the call waited for the caller (or the world).</summary>
/// <param name="Kind">What it waited for.</param>
/// <param name="Node">The flow node, read from the state in the callback URL (null when the URL carries none).</param>
/// <param name="Detail">For reports: what was dialled, what the menu listens for.</param>
internal sealed record WaitPoint(WaitKind Kind, string? Node, string Detail)
{
    public string Describe() => Kind switch
    {
        WaitKind.Menu => $"a menu ({Node ?? "?"}, listening for {Detail})",
        WaitKind.Transfer => $"a transfer ({Node ?? "?"}, dialling {Detail})",
        WaitKind.Agent => $"an agent ({Node ?? "?"}, listening)",
        _ => $"a voicemail ({Node ?? "?"})",
    };
}

/// <summary>
/// The part of a call between two caller actions: the events it caused, where it then waited, and the expectations
/// stated for it. The first part is the call's start; the last ends with the call (<see cref="Wait"/> null).
/// </summary>
internal sealed class CallPart
{
    public required int Start { get; init; }

    public int End { get; set; }

    /// <summary>The action that began it (null for the call's start).</summary>
    public ScenarioAction? Action { get; init; }

    public WaitPoint? Wait { get; set; }

    public List<ScenarioExpectation> Expectations { get; } = [];

    /// <summary>A step that did not fit where the call was (e.g. a key press at a transfer), or null.</summary>
    public Divergence? Mismatch { get; set; }
}

/// <summary>Where a scenario and its call first went different ways.</summary>
/// <param name="Line">The step's line in the file.</param>
/// <param name="Step">The step as written, e.g. <c>expect hears support-closed</c>.</param>
/// <param name="Expected">What the scenario said.</param>
/// <param name="Actual">What happened.</param>
internal sealed record Divergence(int Line, string Step, string Expected, string Actual);

/// <summary>
/// The caller of one scenario, for the call simulator: at each Gather, Dial and Record it takes the scenario's next
/// action, cutting the call into <see cref="CallPart"/>s as it goes, and arms the primary's failure for <c>fail</c>
/// steps. A step that does not fit the point the call is at is a divergence, and the caller hangs up.
/// </summary>
internal sealed class ScenarioCaller : ICallerInput
{
    private readonly IReadOnlyList<ScenarioStep> _steps;
    private readonly List<CallEvent> _events;
    private readonly PrimaryFailureHandler _failures;
    private int _next;

    public ScenarioCaller(Scenario scenario, List<CallEvent> events, PrimaryFailureHandler failures)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _steps = scenario.Steps;
        _events = events;
        _failures = failures;
        Parts.Add(new CallPart { Start = 0 });
        TakeStatements();
    }

    /// <summary>The parts of the call so far.</summary>
    public List<CallPart> Parts { get; } = [];

    /// <summary>Actions the call never reached (it ended before them).</summary>
    public IEnumerable<ScenarioAction> Unused => _steps.Skip(_next).OfType<ScenarioAction>().Where(a => a.IsCallerTurn);

    /// <summary>Closes the last part when the call has ended.</summary>
    public void Finish() => Parts[^1].End = _events.Count;

    public ValueTask<CallerAction> NextAsync(GatherContext gather, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gather);
        var action = Take(new WaitPoint(WaitKind.Menu, NodeOf(gather.Action), gather.Input.Replace(' ', '+')),
            ScenarioActionKind.Press, ScenarioActionKind.Say, ScenarioActionKind.Silence);
        return ValueTask.FromResult(Listened(action));
    }

    /// <summary>In an agent session: the next say, press or silence (sent to the agent), a dropped connection, or a hang-up when the steps run out.</summary>
    public ValueTask<CallerAction> AgentAsync(AgentContext agent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var action = Take(new WaitPoint(WaitKind.Agent, NodeOf(agent.Action), agent.Url.AbsolutePath),
            ScenarioActionKind.Press, ScenarioActionKind.Say, ScenarioActionKind.Silence, ScenarioActionKind.Agent);
        return ValueTask.FromResult(action?.Kind == ScenarioActionKind.Agent ? new CallerAction(CallerActionKind.DropAgent) : Listened(action));
    }

    // What a listening menu or agent gets for a step: keys, words, silence, or (no step, a hang-up step) the caller hanging up.
    private static CallerAction Listened(ScenarioAction? action) => action?.Kind switch
    {
        ScenarioActionKind.Press => new CallerAction(CallerActionKind.Digits, action.Value),
        ScenarioActionKind.Say => new CallerAction(CallerActionKind.Speech, action.Value),
        ScenarioActionKind.Silence => CallerAction.Timeout,
        _ => CallerAction.Hangup,
    };

    public ValueTask<TwilioDialCallStatus?> DialAsync(DialContext dial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dial);
        var wait = new WaitPoint(WaitKind.Transfer, NodeOf(dial.Action), dial.Target);
        var remaining = _next < _steps.Count && _steps.Skip(_next).OfType<ScenarioAction>().Any(a => a.IsCallerTurn);
        var action = Take(wait, ScenarioActionKind.Transfer);
        TwilioDialCallStatus? status = action?.Kind switch
        {
            ScenarioActionKind.Transfer => action.Value switch
            {
                "busy" => TwilioDialCallStatus.Busy,
                "no-answer" => TwilioDialCallStatus.NoAnswer,
                "failed" => TwilioDialCallStatus.Failed,
                _ => TwilioDialCallStatus.Completed,
            },
            // The caller hung up while it rang.
            ScenarioActionKind.Hangup => TwilioDialCallStatus.Canceled,
            // With no steps left the transfer is answered: being connected is no action of the caller's.
            null when !remaining => TwilioDialCallStatus.Completed,
            _ => TwilioDialCallStatus.Canceled,
        };
        return ValueTask.FromResult(status);
    }

    public ValueTask<TimeSpan?> RecordAsync(RecordContext record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var action = Take(new WaitPoint(WaitKind.Voicemail, NodeOf(record.Action), ""), ScenarioActionKind.Record);
        TimeSpan? spoken = action?.Kind == ScenarioActionKind.Record
            ? TimeSpan.FromSeconds(int.Parse(action.Value, System.Globalization.CultureInfo.InvariantCulture))
            : Timeout.InfiniteTimeSpan;
        return ValueTask.FromResult(spoken);
    }

    // Closes the current part at this waiting point and takes the next caller action if it fits here; a hang-up
    // fits anywhere. Null: the caller hangs up (no steps left, or a step that does not fit, recorded as a mismatch).
    private ScenarioAction? Take(WaitPoint wait, params ScenarioActionKind[] fits)
    {
        var part = Parts[^1];
        part.End = _events.Count;
        part.Wait = wait;
        if (part.Mismatch is not null || _next >= _steps.Count)
        {
            return null;
        }

        var action = (ScenarioAction)_steps[_next];
        if (action.Kind != ScenarioActionKind.Hangup && !fits.Contains(action.Kind))
        {
            part.Mismatch = new Divergence(action.Line, action.Describe(), $"{Expects(action.Kind)}", $"the call is at {wait.Describe()}");
            return null;
        }

        _next++;
        Parts.Add(new CallPart { Start = _events.Count, Action = action });
        TakeStatements();
        return action;
    }

    // Expectations and failures up to the next caller action belong to the part that just began.
    private void TakeStatements()
    {
        var part = Parts[^1];
        while (_next < _steps.Count && _steps[_next] is not ScenarioAction { IsCallerTurn: true })
        {
            switch (_steps[_next++])
            {
                case ScenarioExpectation expectation:
                    part.Expectations.Add(expectation);
                    break;
                case ScenarioAction { Kind: ScenarioActionKind.Fail } fail:
                    _failures.FailNext(PrimaryFailureCodes.Modes[int.Parse(fail.Value, System.Globalization.CultureInfo.InvariantCulture)]);
                    break;
            }
        }
    }

    private static string Expects(ScenarioActionKind kind) => kind switch
    {
        ScenarioActionKind.Press or ScenarioActionKind.Say or ScenarioActionKind.Silence => "a menu or an agent listening",
        ScenarioActionKind.Transfer => "a transfer ringing",
        ScenarioActionKind.Agent => "an agent session",
        _ => "a voicemail recording",
    };

    /// <summary>The flow node in a callback URL's state (<c>n=</c>), if it carries one.</summary>
    public static string? NodeOf(Uri? url)
    {
        if (url is null || url.Query.Length < 2)
        {
            return null;
        }

        return QueryHelpers.ParseQuery(url.Query).TryGetValue("n", out var node) && node.Count > 0 ? node[0] : null;
    }
}
