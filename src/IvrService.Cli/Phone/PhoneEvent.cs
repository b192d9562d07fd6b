using System.Text.Json.Serialization;
using IvrService.Cli.Simulator;

namespace IvrService.Cli.Phone;

/// <summary>What kind of thing a <see cref="PhoneEvent"/> tells the page.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PhoneEventType>))]
internal enum PhoneEventType
{
    /// <summary>A call was placed: the page starts a new transcript.</summary>
    [JsonStringEnumMemberName("call")] Call,

    /// <summary>One transcript event of the simulator.</summary>
    [JsonStringEnumMemberName("event")] Event,

    /// <summary>A &lt;Gather&gt; waits for the caller (see <see cref="PhoneEvent.Listening"/>).</summary>
    [JsonStringEnumMemberName("listening")] Listening,

    /// <summary>The call is over (see <see cref="PhoneEvent.Outcome"/>).</summary>
    [JsonStringEnumMemberName("ended")] Ended,

    /// <summary>The primary-failure switch changed.</summary>
    [JsonStringEnumMemberName("failure")] Failure,
}

/// <summary>What a waiting &lt;Gather&gt; accepts; the page collects keys and times out like Twilio.</summary>
internal sealed record PhoneGather(string Input, int? NumDigits, string FinishOnKey, double TimeoutSeconds);

/// <summary>One message on the page's event stream (Server-Sent Events, <c>id</c> = <see cref="Seq"/>).</summary>
internal sealed record PhoneEvent
{
    public long Seq { get; init; }

    public required PhoneEventType Type { get; init; }

    public string? CallSid { get; init; }

    /// <summary>The simulator's event, as in <c>ivr call --json</c>.</summary>
    public CallEvent? Event { get; init; }

    /// <summary>The event in a sentence, for the transcript (and screen readers).</summary>
    public string? Text { get; init; }

    /// <summary>The same event as <c>ivr call</c> prints it.</summary>
    public string? Line { get; init; }

    /// <summary>The flow node the caller is at after this event, when the event tells.</summary>
    public string? Node { get; init; }

    /// <summary>The Mermaid id of <see cref="Node"/> on the diagram.</summary>
    public string? DiagramId { get; init; }

    /// <summary>For requests: <c>primary</c>, <c>fallback</c> or <c>other</c>.</summary>
    public string? Answered { get; init; }

    /// <summary>For a played prompt: where the page gets its audio (<c>/media?url=…</c>); null when none was kept.</summary>
    public string? Audio { get; init; }

    public PhoneGather? Listening { get; init; }

    public CallOutcome? Outcome { get; init; }

    public PrimaryFailureMode? Failure { get; init; }
}

/// <summary>What the page loads first: the setup, the diagram and where the event stream stands.</summary>
internal sealed record PhoneState
{
    public required string PrimaryUrl { get; init; }

    public string? FallbackUrl { get; init; }

    public bool Signed { get; init; }

    public string? FlowPath { get; init; }

    public string? FlowName { get; init; }

    /// <summary>Why the flow diagram is missing, when it is.</summary>
    public string? FlowError { get; init; }

    public string? Mermaid { get; init; }

    public IReadOnlyDictionary<string, string>? NodeIds { get; init; }

    public string? StartNode { get; init; }

    /// <summary>False when the CLI was built without the Mermaid bundle (npm unavailable): the page shows the text.</summary>
    public bool MermaidAvailable { get; init; }

    public PrimaryFailureMode Failure { get; init; }

    public bool InCall { get; init; }

    public long LastSeq { get; init; }
}

/// <summary>What the page posts for the caller.</summary>
internal sealed record PhoneInputRequest(string? Digits, bool Timeout, string? Speech = null);

/// <summary>What the page posts to flip the failure switch.</summary>
internal sealed record PhoneFailureRequest(PrimaryFailureMode Mode);

/// <summary>Body of <c>POST /api/scenario</c>: the name the last call is saved under in the scenario file.</summary>
internal sealed record PhoneScenarioRequest(string? Name);

/// <summary>Where <c>POST /api/scenario</c> wrote the scenario.</summary>
internal sealed record PhoneScenarioSaved(string Name, string Path);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(PhoneEvent))]
[JsonSerializable(typeof(PhoneState))]
[JsonSerializable(typeof(PhoneInputRequest))]
[JsonSerializable(typeof(PhoneFailureRequest))]
[JsonSerializable(typeof(PhoneScenarioRequest))]
[JsonSerializable(typeof(PhoneScenarioSaved))]
[JsonSerializable(typeof(PhoneProblem))]
[JsonSerializable(typeof(PhoneCallStarted))]
internal sealed partial class PhoneJsonContext : JsonSerializerContext;

/// <summary>An error answer of the page's API.</summary>
internal sealed record PhoneProblem(string Error);

/// <summary>The answer to placing a call.</summary>
internal sealed record PhoneCallStarted(string CallSid);
