using IvrService.Cli.Phone;
using IvrService.Cli.Simulator;
using IvrService.Flow;

namespace IvrService.Cli.Scenarios;

/// <summary>
/// Where scenarios call: the flow in process (<see cref="InProcess"/>), or a running primary and fallback
/// (<see cref="Remote"/>). Either way the call simulator makes the call, so both read the same TwiML the same way.
/// </summary>
internal abstract class ScenarioLine
{
    /// <summary>
    /// The header that asks an app, when its <c>Hosting:SimulatedClockHeader</c> allows it, to evaluate the flow's
    /// business hours at a given instant (the apps' <c>FlowClock.Header</c>); an app that honours it echoes it.
    /// </summary>
    public const string ClockHeader = "X-Ivr-Simulated-Time";

    /// <summary>The flow the scenarios are checked against.</summary>
    public required FlowDefinition Flow { get; init; }

    /// <summary>True when texts are observed (in process); a remote primary sends them through Twilio's REST API.</summary>
    public abstract bool ObservesTexts { get; }

    /// <summary>True when the turns are seen, so coverage can be measured.</summary>
    public abstract bool ObservesTurns { get; }

    /// <summary>Sets up one call of <paramref name="scenario"/>; <paramref name="events"/> receives texts the line sees.</summary>
    public abstract LineCall Open(Scenario scenario, List<CallEvent> events);

    /// <summary>The flow in this process: the engine and renderer behind <see cref="LocalLine"/>.</summary>
    public sealed class InProcess : ScenarioLine
    {
        public override bool ObservesTexts => true;

        public override bool ObservesTurns => true;

        public override LineCall Open(Scenario scenario, List<CallEvent> events)
        {
            ArgumentNullException.ThrowIfNull(scenario);
            ArgumentNullException.ThrowIfNull(events);
            var clock = scenario.Given.Time is { } at ? new FixedClock(at) : TimeProvider.System;
            var turns = new List<LineTurn>();
            var line = new LocalLine(new FlowEngine(Flow, clock), clock, turns.Add, (text, to) => events.Add(new CallEvent
            {
                Kind = CallEventKind.Message,
                Role = "text",
                Text = text.Body,
                Detail = $"texted to {to} by node {text.NodeId}",
            }));
            var voice = LocalLine.VoiceUrl(scenario.Given.Locale);
            var failures = new PrimaryFailureHandler(voice, LocalLine.FallbackUrl, line);
            return new LineCall(voice, LocalLine.FallbackUrl, null, failures, turns) { Relay = line.ConnectAgentAsync };
        }
    }

    /// <summary>A running primary (and fallback) reached over HTTP with signed requests.</summary>
    public sealed class Remote : ScenarioLine
    {
        public required Uri VoiceUrl { get; init; }

        public Uri? FallbackUrl { get; init; }

        public string? Token { get; init; }

        public ConnectionSettings Connection { get; init; } = ConnectionSettings.TwilioDefaults;

        public override bool ObservesTexts => false;

        public override bool ObservesTurns => false;

        public override LineCall Open(Scenario scenario, List<CallEvent> events)
        {
            ArgumentNullException.ThrowIfNull(scenario);
            var voice = scenario.Given.Locale is { } locale ? WithLocale(VoiceUrl, locale) : VoiceUrl;
            HttpMessageHandler inner = SimulatorHttp.CreateHandler();
            ClockHandler? clock = null;
            if (scenario.Given.Time is { } at)
            {
                inner = clock = new ClockHandler(at, inner);
            }

            return new LineCall(voice, FallbackUrl, Token, new PrimaryFailureHandler(voice, FallbackUrl, inner), null)
            {
                Connection = Connection,
                ClockIgnored = clock is null ? null : () => clock.Ignored,
            };
        }

        // The number's voice URL with the locale calls start in (the primary and fallback read ?l=); a fragment (the
        // simulator's timers) stays at the end.
        private static Uri WithLocale(Uri url, string locale)
        {
            var builder = new UriBuilder(url);
            var pair = CallState.LocaleQueryKey + "=" + Uri.EscapeDataString(locale);
            builder.Query = builder.Query.Length > 1 ? builder.Query[1..] + "&" + pair : pair;
            return builder.Uri;
        }
    }

    /// <summary>A clock that stands still at one instant: what the flow sees during a scenario with a given time.</summary>
    private sealed class FixedClock(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at.ToUniversalTime();
    }

    // Asks the apps to evaluate business hours at the scenario's time; an app that does not allow it answers without the echo.
    private sealed class ClockHandler(DateTimeOffset at, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public bool Ignored { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.TryAddWithoutValidation(ClockHeader, at.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var twiml = response.Content.Headers.ContentType?.MediaType?.Contains("xml", StringComparison.Ordinal) == true;
            Ignored |= twiml && response.IsSuccessStatusCode && !response.Headers.Contains(ClockHeader);
            return response;
        }
    }
}

/// <summary>One scenario's call: where it goes, how it is failed on purpose, and what the line saw.</summary>
/// <param name="VoiceUrl">The number's voice URL.</param>
/// <param name="FallbackUrl">Its voice fallback URL, or null.</param>
/// <param name="Token">The signing token, or null (in process).</param>
/// <param name="Failures">The handler every request goes through; it fails the primary on a <c>fail</c> step.</param>
/// <param name="Turns">The turns served (in process), or null.</param>
internal sealed record LineCall(Uri VoiceUrl, Uri? FallbackUrl, string? Token, PrimaryFailureHandler Failures, List<LineTurn>? Turns)
{
    public ConnectionSettings Connection { get; init; } = ConnectionSettings.TwilioDefaults;

    /// <summary>True once an app answered without honouring the scenario's time (null: no time was sent).</summary>
    public Func<bool>? ClockIgnored { get; init; }

    /// <summary>Opens agent sessions (in process); null connects over the network, signed with <see cref="Token"/>.</summary>
    public Func<Uri, CancellationToken, Task<System.Net.WebSockets.WebSocket>>? Relay { get; init; }
}
