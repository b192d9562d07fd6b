using System.Diagnostics;
using IvrService.Cli.Simulator;
using IvrService.Flow;

namespace IvrService.Cli.Scenarios;

/// <summary>How one scenario went.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Divergence">The first place the call went another way than stated, or null when it passed.</param>
/// <param name="Transcript">The call as the simulator saw it.</param>
/// <param name="Turns">The engine's turns (in process), for coverage; null against a remote line.</param>
/// <param name="NotChecked">Expectations the line cannot observe (texts of a remote primary), as written.</param>
/// <param name="Notes">Warnings, e.g. a scenario that crossed business hours without a given time.</param>
/// <param name="Elapsed">Wall time of the call.</param>
internal sealed record ScenarioResult(
    Scenario Scenario,
    Divergence? Divergence,
    CallTranscript Transcript,
    IReadOnlyList<LineTurn>? Turns,
    IReadOnlyList<string> NotChecked,
    IReadOnlyList<string> Notes,
    TimeSpan Elapsed)
{
    public bool Passed => Divergence is null;
}

/// <summary>
/// Runs a scenario as one simulated call on a <see cref="ScenarioLine"/> and compares the call with what the scenario
/// states, step by step: the first divergence is the result. The same code runs in process and against running apps.
/// </summary>
internal sealed class ScenarioRunner(ScenarioLine line)
{
    private readonly HeardPrompts _prompts = new(line.Flow);
    private readonly MediaCache _media = new();

    public async Task<ScenarioResult> RunAsync(Scenario scenario, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var watch = Stopwatch.StartNew();
        var events = new List<CallEvent>();
        var call = line.Open(scenario, events);
        using var handler = call.Failures;
        var caller = new ScenarioCaller(scenario, events, call.Failures);
        var simulator = new CallSimulator(new CallSimulatorOptions
        {
            VoiceUrl = call.VoiceUrl,
            FallbackUrl = call.FallbackUrl,
            AuthToken = call.Token,
            From = scenario.Given.Caller,
            Input = caller,
            Connection = call.Connection,
            HandlerFactory = () => call.Failures,
            RelayConnector = call.Relay,
            MediaCache = _media,
            OnEvent = events.Add,
        });
        var transcript = await simulator.RunAsync(cancellationToken).ConfigureAwait(false);
        caller.Finish();

        var notChecked = new List<string>();
        var divergence = Compare(scenario, caller, events, transcript, notChecked);
        var notes = new List<string>();
        if (scenario.Given.Time is null && call.Turns?.Any(t => t.Turn.Path.Any(id => line.Flow.FindNode(id) is HoursNode)) == true)
        {
            notes.Add("crossed business hours without 'given: time' or 'holiday': the result depends on the clock");
        }

        if (call.ClockIgnored?.Invoke() == true)
        {
            notes.Add($"an app ignored {ScenarioLine.ClockHeader}: its business hours ran on its own clock, not at '{scenario.Given.TimeText}' (set Hosting:SimulatedClockHeader=true outside Production)");
        }

        return new ScenarioResult(scenario, divergence, transcript, call.Turns, notChecked, notes, watch.Elapsed);
    }

    private Divergence? Compare(Scenario scenario, ScenarioCaller caller, List<CallEvent> events, CallTranscript transcript, List<string> notChecked)
    {
        foreach (var part in caller.Parts)
        {
            var slice = events.GetRange(part.Start, part.End - part.Start);
            foreach (var expectation in part.Expectations)
            {
                if (Check(expectation, slice, part.Wait, transcript, notChecked, final: false) is { } divergence)
                {
                    return divergence;
                }
            }

            if (part.Mismatch is { } mismatch)
            {
                return mismatch;
            }
        }

        if (caller.Unused.FirstOrDefault() is { } unused)
        {
            return new Divergence(unused.Line, unused.Describe(), "the call still going", $"the call had ended: {Ending(transcript, events)}");
        }

        return scenario.End is { } end ? Check(end, events, caller.Parts[^1].Wait ?? caller.Parts.LastOrDefault(p => p.Wait is not null)?.Wait, transcript, notChecked, final: true) : null;
    }

    private Divergence? Check(ScenarioExpectation expect, List<CallEvent> slice, WaitPoint? wait, CallTranscript transcript, List<string> notChecked, bool final)
    {
        Divergence Diverge(string what, string expected, string actual) => new(expect.Line, "expect " + what, expected, actual);
        var heard = _prompts.Heard(slice);
        string HeardText() => heard.Count == 0 ? "nothing" : string.Join(", ", heard.Select(h => h.Describe()));

        var position = 0;
        foreach (var id in expect.Hears)
        {
            var found = heard.FindIndex(position, h => h.PromptId == id);
            if (found < 0)
            {
                return Diverge($"hears {id}", $"hears {string.Join(", ", expect.Hears)}", $"heard {HeardText()}");
            }

            position = found + 1;
        }

        foreach (var text in expect.HearsText)
        {
            if (!heard.Any(h => h.Text.Contains(text, StringComparison.OrdinalIgnoreCase)))
            {
                return Diverge($"hearsText \"{text}\"", $"a prompt containing \"{text}\"", $"heard {HeardText()}");
            }
        }

        var agentSaid = slice.Where(e => e.Kind == CallEventKind.AgentSays).Select(e => e.Text ?? "").ToList();
        foreach (var text in expect.AgentSays)
        {
            if (!agentSaid.Any(t => t.Contains(text, StringComparison.OrdinalIgnoreCase)))
            {
                return Diverge($"agentSays \"{text}\"", $"the agent to say \"{text}\"",
                    agentSaid.Count == 0 ? "the agent said nothing" : "the agent said " + string.Join(" / ", agentSaid.Select(t => $"\"{(t.Length > 60 ? t[..60] + "…" : t)}\"")));
            }
        }

        foreach (var id in expect.NotHears)
        {
            if (heard.Any(h => h.PromptId == id))
            {
                return Diverge($"notHears {id}", $"not to hear {id}", $"heard {HeardText()}");
            }
        }

        if (expect.At is { } at && wait?.Node != at)
        {
            return Diverge($"at {at}", $"waiting at {at}", !final && wait is null ? $"the call ended: {Ending(transcript, slice)}" : $"waiting at {wait?.Describe() ?? "nothing"}");
        }

        if (expect.TransferredTo is { } target)
        {
            // A transfer the call waits at is dialled by now (its outcome is the caller's next step).
            var dials = slice.Where(e => e.Kind == CallEventKind.Dial).Select(e => e.Text ?? "")
                .Concat(wait is { Kind: WaitKind.Transfer } ? [wait.Detail] : []).ToList();
            if (!dials.Any(d => d.Contains(target, StringComparison.OrdinalIgnoreCase)))
            {
                return Diverge($"transferredTo {target}", $"a transfer to {target}", dials.Count == 0 ? "no transfer" : "a transfer to " + string.Join(", ", dials));
            }
        }

        if (expect.TextSent is not null || expect.NoText)
        {
            if (!line.ObservesTexts)
            {
                notChecked.Add($"line {expect.Line}: " + (expect.NoText ? "noText" : $"textSent \"{expect.TextSent}\"") + " (a remote primary sends texts through Twilio's REST API)");
            }
            else
            {
                var texts = slice.Where(e => e is { Kind: CallEventKind.Message, Role: "text" }).Select(e => e.Text ?? "").ToList();
                if (expect.TextSent is { } body && !texts.Any(t => t.Contains(body, StringComparison.OrdinalIgnoreCase)))
                {
                    return Diverge($"textSent \"{body}\"", $"a text containing \"{body}\"", texts.Count == 0 ? "no text sent" : "texts: " + string.Join(" | ", texts));
                }

                if (expect.NoText && texts.Count > 0)
                {
                    return Diverge("noText", "no text sent", "texts: " + string.Join(" | ", texts));
                }
            }
        }

        if (expect.ServedBy is { } servedBy)
        {
            var last = slice.LastOrDefault(e => e.Kind == CallEventKind.Request);
            var actual = last is null ? "no request" : last.Role == "fallback" || IsFallbackUrl(last.Url, transcript.FallbackUrl) ? "fallback" : "primary";
            if (actual != servedBy)
            {
                return Diverge($"servedBy {servedBy}", $"answered by the {servedBy}", last is null ? "no request was made" : $"answered by the {actual} ({last.Url})");
            }
        }

        if (expect.ErrorCode is { } code)
        {
            var handed = slice.Where(e => e.Kind == CallEventKind.Fallback).Select(e => e.ErrorCode).ToList();
            if (!handed.Contains(code))
            {
                return Diverge($"errorCode {code}", $"a hand-over to the fallback with error {code}",
                    handed.Count == 0 ? "no hand-over" : "hand-over with error " + string.Join(", ", handed));
            }
        }

        if (expect.Ends is { } ends && EndingOf(transcript, slice) != ends)
        {
            return Diverge($"ends {Name(ends)}", $"the call ends with {Name(ends)}", Ending(transcript, slice));
        }

        return null;
    }

    private static bool IsFallbackUrl(string? url, string? fallbackUrl) =>
        url is not null && fallbackUrl is not null && Uri.TryCreate(url, UriKind.Absolute, out var u) && Uri.TryCreate(fallbackUrl, UriKind.Absolute, out var f)
        && Uri.Compare(u, f, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0
        && u.AbsolutePath.StartsWith(f.AbsolutePath.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    /// <summary>How the call ended, in the scenario's terms.</summary>
    public static ScenarioEnding EndingOf(CallTranscript transcript, IReadOnlyList<CallEvent> events)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        switch (transcript.Outcome)
        {
            case CallOutcome.ApplicationError:
                return ScenarioEnding.ApplicationError;
            case CallOutcome.CallerHangup:
                return ScenarioEnding.CallerHangup;
        }

        var last = events.LastOrDefault(e => e.Kind is CallEventKind.Gather or CallEventKind.Dial || e is { Kind: CallEventKind.Record, Url: not null });
        return last switch
        {
            { Kind: CallEventKind.Dial, Detail: { } detail } when detail.StartsWith("completed", StringComparison.Ordinal) => ScenarioEnding.Transfer,
            { Kind: CallEventKind.Record } => ScenarioEnding.Voicemail,
            _ => ScenarioEnding.Hangup,
        };
    }

    private static string Ending(CallTranscript transcript, IReadOnlyList<CallEvent> events) =>
        $"{Name(EndingOf(transcript, events))} ({transcript.OutcomeDetail ?? transcript.Outcome.ToString()})";

    public static string Name(ScenarioEnding ending) => ending switch
    {
        ScenarioEnding.CallerHangup => "caller-hangup",
        ScenarioEnding.ApplicationError => "application-error",
        _ => ending.ToString().ToLowerInvariant(),
    };
}

/// <summary>A prompt the caller heard: which catalog prompt it was (when it can be told), and its words.</summary>
internal sealed record HeardPrompt(string? PromptId, string Text)
{
    public string Describe() => PromptId ?? $"\"{(Text.Length > 40 ? Text[..40] + "…" : Text)}\"";
}

/// <summary>
/// Tells which catalog prompt a transcript's <c>&lt;Play&gt;</c> or <c>&lt;Say&gt;</c> was: a Play whose URL path ends
/// in the prompt's audio key (S3, the primary's <c>/audio/</c>, the fallback's bundled copy), or a Say of the prompt's
/// exact text (the fallback speaking it).
/// </summary>
internal sealed class HeardPrompts(FlowDefinition flow)
{
    private readonly List<PromptAudio> _audio = flow.EnumeratePromptAudio().ToList();

    public List<HeardPrompt> Heard(IEnumerable<CallEvent> events)
    {
        var heard = new List<HeardPrompt>();
        foreach (var e in events)
        {
            if (e.Kind == CallEventKind.Play && e.Url is { } url && e.ErrorCode is null)
            {
                var path = Uri.TryCreate(url, UriKind.Absolute, out var u) ? Uri.UnescapeDataString(u.AbsolutePath) : url;
                var prompt = _audio.FirstOrDefault(p => path.EndsWith("/" + p.AudioKey, StringComparison.Ordinal));
                heard.Add(new HeardPrompt(prompt?.PromptId, prompt?.Text ?? url));
            }
            else if (e.Kind == CallEventKind.Say && e.Text is { } text)
            {
                heard.Add(new HeardPrompt(_audio.FirstOrDefault(p => string.Equals(p.Text, text, StringComparison.Ordinal))?.PromptId, text));
            }
        }

        return heard;
    }
}
