using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace IvrService.Cli.Simulator;

/// <summary>What one timed HTTP exchange produced (after retries).</summary>
internal sealed record HttpResult
{
    public FetchFailure Failure { get; init; }

    public string? Detail { get; init; }

    public int? StatusCode { get; init; }

    public string? ContentType { get; init; }

    public string? MediaType { get; init; }

    /// <summary>The kept prefix of the body (all of it for TwiML).</summary>
    public byte[] Body { get; init; } = [];

    public long BodyLength { get; init; }

    public TimeSpan Latency { get; init; }

    public int Attempts { get; init; }

    public string? CacheControl { get; init; }

    public TimeSpan? MaxAge { get; init; }

    public bool NoCache { get; init; }

    public bool NoStore { get; init; }

    public string? ETag { get; init; }

    public DateTimeOffset? LastModified { get; init; }

    public bool Succeeded => Failure == FetchFailure.None;
}

/// <summary>
/// Sends one request under Twilio's timers: per-attempt connect (<c>ct</c>) and read (<c>rt</c>) timeouts, retries
/// (<c>rc</c>/<c>rp</c>) and one total budget (<c>tt</c>) across all attempts.
/// </summary>
internal sealed class TimedHttpSender(HttpClient client, TimeProvider timeProvider)
{
    public async Task<HttpResult> SendAsync(
        Func<HttpRequestMessage> createRequest,
        ConnectionSettings settings,
        long bodyLimit,
        int keepBytes,
        CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        using var total = new CancellationTokenSource(settings.TotalTimeout, timeProvider);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, total.Token);
        var attempts = 0;
        HttpResult result;
        while (true)
        {
            attempts++;
            using (var request = createRequest())
            {
                result = await AttemptAsync(request, settings, bodyLimit, keepBytes, total, cancellationToken, budget.Token)
                    .ConfigureAwait(false);
            }

            if (result.Succeeded || attempts > settings.Retries || total.IsCancellationRequested
                || !ShouldRetry(result, settings.RetryOn))
            {
                break;
            }
        }

        return result with { Attempts = attempts, Latency = timeProvider.GetElapsedTime(started) };
    }

    private static bool ShouldRetry(HttpResult result, RetryOn retryOn) => result.Failure switch
    {
        FetchFailure.ConnectRefused or FetchFailure.ConnectTimeout or FetchFailure.ConnectFailed => retryOn.HasFlag(RetryOn.Connect),
        FetchFailure.ReadTimeout => retryOn.HasFlag(RetryOn.ReadTimeout),
        FetchFailure.HttpStatus when result.StatusCode is >= 400 and < 500 => retryOn.HasFlag(RetryOn.Status4xx),
        FetchFailure.HttpStatus when result.StatusCode >= 500 => retryOn.HasFlag(RetryOn.Status5xx),
        _ => false,
    };

    private async Task<HttpResult> AttemptAsync(
        HttpRequestMessage request,
        ConnectionSettings settings,
        long bodyLimit,
        int keepBytes,
        CancellationTokenSource total,
        CancellationToken callerToken,
        CancellationToken budget)
    {
        using var timers = new AttemptTimers(settings, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(budget, timers.ReadToken);
        request.Options.Set(SimulatorHttp.TimersKey, timers);

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
            return TimedOut(total, settings);
        }
        catch (HttpRequestException e)
        {
            var (failure, detail) = Classify(e);
            return new HttpResult { Failure = failure, Detail = detail };
        }

        using (response)
        {
            var headers = ReadHeaders(response);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400 && status != (int)HttpStatusCode.NotModified)
            {
                return headers with
                {
                    Failure = FetchFailure.TooManyRedirects,
                    Detail = $"still redirected ({status}) after {SimulatorHttp.MaxRedirects} redirects",
                };
            }

            if (response.Content.Headers.ContentLength > bodyLimit)
            {
                return headers with
                {
                    Failure = FetchFailure.BodyTooLarge,
                    BodyLength = response.Content.Headers.ContentLength.Value,
                    Detail = $"Content-Length {response.Content.Headers.ContentLength} > {bodyLimit}",
                };
            }

            try
            {
                timers.RestartRead();
                return await ReadBodyAsync(response, headers, timers, bodyLimit, keepBytes, linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
            {
                return TimedOut(total, settings) with { StatusCode = headers.StatusCode };
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                return headers with { Failure = FetchFailure.ConnectionClosed, Detail = e.Message };
            }
        }
    }

    private static async Task<HttpResult> ReadBodyAsync(
        HttpResponseMessage response,
        HttpResult headers,
        AttemptTimers timers,
        long bodyLimit,
        int keepBytes,
        CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var kept = new MemoryStream();
            var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                long length = 0;
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    timers.RestartRead();
                    var keep = (int)Math.Min(read, Math.Max(0, keepBytes - kept.Length));
                    kept.Write(buffer, 0, keep);
                    length += read;
                    if (length > bodyLimit)
                    {
                        return headers with
                        {
                            Failure = FetchFailure.BodyTooLarge,
                            BodyLength = length,
                            Body = kept.ToArray(),
                            Detail = $"body exceeds {bodyLimit} bytes",
                        };
                    }
                }

                return headers with { Body = kept.ToArray(), BodyLength = length };
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static HttpResult ReadHeaders(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var cacheControl = response.Headers.CacheControl;
        var failure = status is >= 200 and < 300 || status == (int)HttpStatusCode.NotModified
            ? FetchFailure.None
            : FetchFailure.HttpStatus;
        return new HttpResult
        {
            Failure = failure,
            Detail = failure == FetchFailure.None ? null : $"HTTP {status} {response.ReasonPhrase}",
            StatusCode = status,
            ContentType = response.Content.Headers.ContentType?.ToString(),
            MediaType = response.Content.Headers.ContentType?.MediaType,
            CacheControl = cacheControl?.ToString(),
            MaxAge = cacheControl?.SharedMaxAge ?? cacheControl?.MaxAge,
            NoCache = cacheControl?.NoCache ?? false,
            NoStore = cacheControl?.NoStore ?? false,
            ETag = response.Headers.ETag?.ToString(),
            LastModified = response.Content.Headers.LastModified,
        };
    }

    private static HttpResult TimedOut(CancellationTokenSource total, ConnectionSettings settings) => total.IsCancellationRequested
        ? new HttpResult
        {
            Failure = FetchFailure.TotalTimeout,
            Detail = $"no complete response within tt={settings.TotalTimeout.TotalMilliseconds:0} ms",
        }
        : new HttpResult
        {
            Failure = FetchFailure.ReadTimeout,
            Detail = $"nothing received for rt={settings.ReadTimeout.TotalMilliseconds:0} ms",
        };

    internal static (FetchFailure Failure, string Detail) Classify(HttpRequestException exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case ConnectTimeoutException:
                    return (FetchFailure.ConnectTimeout, e.Message);
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    // The outer message names the endpoint: "Connection refused (127.0.0.1:5080)".
                    return (FetchFailure.ConnectRefused, exception.Message);
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain }:
                    return (FetchFailure.NameResolution, e.Message);
                case SocketException { SocketErrorCode: SocketError.TimedOut }:
                    return (FetchFailure.ConnectTimeout, e.Message);
                case SocketException:
                    return (FetchFailure.ConnectFailed, e.Message);
                case AuthenticationException:
                    return (FetchFailure.Tls, e.Message);
                default:
                    break;
            }
        }

        return exception.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => (FetchFailure.NameResolution, exception.Message),
            HttpRequestError.ConnectionError => (FetchFailure.ConnectFailed, exception.Message),
            HttpRequestError.SecureConnectionError => (FetchFailure.Tls, exception.Message),
            HttpRequestError.InvalidResponse or HttpRequestError.ConfigurationLimitExceeded => (FetchFailure.Protocol, exception.Message),
            _ => (FetchFailure.ConnectionClosed, exception.Message),
        };
    }
}
