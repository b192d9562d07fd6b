using System.Net;
using System.Net.Sockets;
using System.Text.Json.Serialization;
using IvrService.Cli.Simulator;

namespace IvrService.Cli.Phone;

/// <summary>How the dev phone makes the primary fail.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PrimaryFailureMode>))]
internal enum PrimaryFailureMode
{
    /// <summary>The primary answers normally.</summary>
    [JsonStringEnumMemberName("none")] None,

    /// <summary>Nothing listens: the connection is refused (a crashed app or a dead host; Twilio: 11205).</summary>
    [JsonStringEnumMemberName("unreachable")] Unreachable,

    /// <summary>The app answers 500 (a bad deploy; Twilio: 11200).</summary>
    [JsonStringEnumMemberName("http-500")] ServerError,

    /// <summary>The app accepts the request and never answers (Twilio: 11205 after the read or total timeout).</summary>
    [JsonStringEnumMemberName("timeout")] Timeout,

    /// <summary>The app answers 200 with TwiML that is not well-formed XML (Twilio: 12100).</summary>
    [JsonStringEnumMemberName("bad-twiml")] MalformedTwiml,

    /// <summary>The app answers 200 with a type Twilio does not run, e.g. a plain-text error page (Twilio: 12300).</summary>
    [JsonStringEnumMemberName("bad-content-type")] WrongContentType,

    /// <summary>The app answers 200 with a body over Twilio's 64 kB limit (Twilio: 11750).</summary>
    [JsonStringEnumMemberName("too-large")] TooLarge,
}

/// <summary>The Twilio error a scenario can make the primary fail with, and how the failure is produced.</summary>
internal static class PrimaryFailureCodes
{
    /// <summary>Each supported code with the failure that makes the simulator report it (classic error codes).</summary>
    public static IReadOnlyDictionary<int, PrimaryFailureMode> Modes { get; } = new Dictionary<int, PrimaryFailureMode>
    {
        [11200] = PrimaryFailureMode.ServerError,
        [11205] = PrimaryFailureMode.Unreachable,
        [12100] = PrimaryFailureMode.MalformedTwiml,
        [12300] = PrimaryFailureMode.WrongContentType,
        [11750] = PrimaryFailureMode.TooLarge,
    };
}

/// <summary>
/// Sits between the simulator and the network and fails every request to the primary's host:port while a failure
/// mode is on, the way a dead or broken primary would, so the simulator's own failover sends Twilio's fallback
/// request (<c>ErrorCode</c>, <c>ErrorUrl</c>). Requests elsewhere (the fallback, its prompts) pass untouched.
/// The mode is read per request, so flipping it mid-call affects the next request.
/// </summary>
internal sealed class PrimaryFailureHandler : DelegatingHandler
{
    private readonly Uri _primary;
    private readonly Uri? _fallback;
    private int _mode;
    private int _once;

    public PrimaryFailureHandler(Uri primary, Uri? fallback, HttpMessageHandler inner)
        : base(inner)
    {
        _primary = primary;
        _fallback = fallback;
    }

    public PrimaryFailureMode Mode
    {
        get => (PrimaryFailureMode)Volatile.Read(ref _mode);
        set => Volatile.Write(ref _mode, (int)value);
    }

    /// <summary>
    /// Fails the next request to the primary with <paramref name="mode"/>, whatever <see cref="Mode"/> says, and its
    /// retries (Twilio tries a refused connection again): it stays armed until a request goes elsewhere, which the
    /// hand-over to the fallback does.
    /// </summary>
    public void FailNext(PrimaryFailureMode mode) => Volatile.Write(ref _once, (int)mode);

    /// <summary>
    /// True when <paramref name="url"/> is served by the primary: same scheme, host and port, and, when the fallback
    /// shares them, a path closer to the primary's URL than to the fallback's (more leading segments in common; a tie
    /// is the primary's, which serves the audio and everything else on its host).
    /// </summary>
    public bool IsPrimary(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (Uri.Compare(url, _primary, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            return false;
        }

        // A fallback on the same host:port (another path) must keep working, or there would be nothing to fail over to.
        return _fallback is null
            || Uri.Compare(url, _fallback, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) != 0
            || SharedSegments(url, _fallback) <= SharedSegments(url, _primary);
    }

    /// <summary>True when <paramref name="url"/> is served by the fallback app (its scheme, host and port, not the primary).</summary>
    public bool IsFallback(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return _fallback is not null && !IsPrimary(url)
            && Uri.Compare(url, _fallback, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is not { } url || !IsPrimary(url))
        {
            Volatile.Write(ref _once, (int)PrimaryFailureMode.None);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var once = (PrimaryFailureMode)Volatile.Read(ref _once);
        var mode = once != PrimaryFailureMode.None ? once : Mode;
        if (mode == PrimaryFailureMode.None)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        switch (mode)
        {
            case PrimaryFailureMode.ServerError:
                return new HttpResponseMessage(HttpStatusCode.InternalServerError)
                {
                    RequestMessage = request,
                    ReasonPhrase = "Internal Server Error",
                    Content = new StringContent("primary failure simulated by ivr phone"),
                };
            case PrimaryFailureMode.MalformedTwiml:
                return Answer(request, "<Response><Say>unclosed", "text/xml");
            case PrimaryFailureMode.WrongContentType:
                return Answer(request, "Bad gateway", "text/plain");
            case PrimaryFailureMode.TooLarge:
                return Answer(request, "<Response><Say>" + new string('a', 70 * 1024) + "</Say></Response>", "text/xml");
            case PrimaryFailureMode.Timeout:
                // Hold the request open until the simulator's read or total timer gives up on it.
                await Task.Delay(System.Threading.Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
                throw new OperationCanceledException(cancellationToken);
            default:
                // What SocketsHttpHandler throws when nothing listens; the simulator classifies it as refused.
                throw new HttpRequestException(
                    HttpRequestError.ConnectionError,
                    $"Connection refused ({url.Host}:{url.Port})",
                    new SocketException((int)SocketError.ConnectionRefused));
        }
    }

    private static HttpResponseMessage Answer(HttpRequestMessage request, string body, string mediaType) => new(HttpStatusCode.OK)
    {
        RequestMessage = request,
        Content = new StringContent(body, System.Text.Encoding.UTF8, mediaType),
    };

    private static int SharedSegments(Uri url, Uri configured)
    {
        var a = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var b = configured.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var shared = 0;
        while (shared < a.Length && shared < b.Length && string.Equals(a[shared], b[shared], StringComparison.OrdinalIgnoreCase))
        {
            shared++;
        }

        return shared;
    }

    /// <summary>The simulator's default handler (connect timeout and all) behind the failure switch.</summary>
    public static PrimaryFailureHandler Create(Uri primary, Uri? fallback) => new(primary, fallback, SimulatorHttp.CreateHandler());
}
