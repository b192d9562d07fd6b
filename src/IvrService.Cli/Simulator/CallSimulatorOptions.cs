using System.Security.Cryptography;
using IvrService.Twilio.Webhooks;

namespace IvrService.Cli.Simulator;

/// <summary>How to run one simulated call. Only <see cref="VoiceUrl"/> is required.</summary>
public sealed class CallSimulatorOptions
{
    /// <summary>The caller number every simulator command and the dev phone use unless told otherwise.</summary>
    public const string DefaultFrom = "+14155550100";

    /// <summary>The called number (the Twilio number) unless told otherwise.</summary>
    public const string DefaultTo = "+18005550199";

    /// <summary>The number's Voice URL (may carry a <c>#ct=…</c> connection-override fragment).</summary>
    public required Uri VoiceUrl { get; init; }

    public HttpMethod VoiceMethod { get; init; } = HttpMethod.Post;

    /// <summary>The number's Voice Fallback URL; without it a failure ends the call with an application error.</summary>
    public Uri? FallbackUrl { get; init; }

    public HttpMethod FallbackMethod { get; init; } = HttpMethod.Post;

    /// <summary>Posted once the call has ended, like a number's status callback (no TwiML expected).</summary>
    public Uri? StatusCallbackUrl { get; init; }

    /// <summary>The auth token that signs every request; null sends unsigned requests.</summary>
    public string? AuthToken { get; init; }

    public string From { get; init; } = DefaultFrom;

    public string To { get; init; } = DefaultTo;

    public string AccountSid { get; init; } = NewSid("AC");

    public string CallSid { get; init; } = NewSid("CA");

    /// <summary>The caller's actions at each &lt;Gather&gt;. Defaults to a caller who presses nothing and hangs up at the first Gather.</summary>
    public ICallerInput Input { get; init; } = new ScriptedCallerInput([]);

    public TwilioDialCallStatus DialOutcome { get; init; } = TwilioDialCallStatus.Completed;

    /// <summary>How long a completed &lt;Dial&gt; talks (<c>DialCallDuration</c>).</summary>
    public TimeSpan DialDuration { get; init; } = TimeSpan.FromSeconds(42);

    /// <summary>How long the caller speaks into a &lt;Record&gt; before pressing the finish key.</summary>
    public TimeSpan RecordingDuration { get; init; } = TimeSpan.FromSeconds(7);

    /// <summary>Twilio's timers; a URL's fragment overrides them for that URL.</summary>
    public ConnectionSettings Connection { get; init; } = ConnectionSettings.TwilioDefaults;

    public ErrorCodeStyle ErrorCodes { get; init; } = ErrorCodeStyle.Classic;

    /// <summary>Safety net: at most this many TwiML requests (a Redirect loop would otherwise run forever).</summary>
    public int MaxSteps { get; init; } = 50;

    /// <summary>Safety net on the simulated call clock.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Adds an unknown and a non-ASCII parameter and shuffles the order, as Twilio may (§10.1).</summary>
    public bool FuzzParameters { get; init; }

    /// <summary>
    /// Supplies the HTTP handler; null uses a fresh <see cref="SimulatorHttp.CreateHandler"/> per call (disposed with it).
    /// A supplied handler is not disposed, so one may be shared. Only the default handler enforces <c>ct</c>; wrap
    /// <see cref="SimulatorHttp.CreateHandler"/> in a <see cref="DelegatingHandler"/> to keep it.
    /// </summary>
    public Func<HttpMessageHandler>? HandlerFactory { get; init; }

    /// <summary>
    /// Opens an agent session's WebSocket as Twilio does (<c>X-Twilio-Signature</c> over the <c>wss://</c> URL); null
    /// connects over the network (<see cref="RelayClient.ConnectAsync"/>). <c>ivr test</c> runs the built-in agent in
    /// process through this.
    /// </summary>
    public Func<Uri, CancellationToken, Task<System.Net.WebSockets.WebSocket>>? RelayConnector { get; init; }

    /// <summary>Shared media cache (Twilio's proxies); null gives the call its own.</summary>
    public MediaCache? MediaCache { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Receives the whole body of every &lt;Play&gt; media fetched and accepted (up to
    /// <see cref="MediaFetcher.MaxKeptBodyBytes"/>); null keeps only the few bytes the checks need.
    /// A cache hit fetches nothing, so it delivers nothing: keep what an earlier fetch delivered.
    /// </summary>
    public Action<MediaBody>? OnMediaBody { get; init; }

    /// <summary>Called for every event as it happens (live transcript).</summary>
    public Action<CallEvent>? OnEvent { get; init; }

    /// <summary>A realistic Twilio SID: two letters and 32 lowercase hex digits.</summary>
    public static string NewSid(string prefix) => prefix + RandomNumberGenerator.GetHexString(32, lowercase: true);
}
