using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IvrService.Twilio.Rest;

/// <summary>
/// The few Twilio REST calls IvrService needs (IncomingPhoneNumbers list/fetch/update, Messages create/list), without the
/// Twilio SDK. Requests are form-encoded with PascalCase names, responses snake_case JSON (source-generated, AOT-safe).
/// Failures that are safe to retry (connection errors, 429, and for idempotent calls 5xx and timeouts) are retried a
/// bounded number of times, rotating through the configured edges, with exponential back-off timed by
/// <see cref="TimeProvider"/>. Other 4xx become <see cref="TwilioApiException"/> at once.
/// </summary>
public sealed partial class TwilioRestClient
{
    private const string ApiVersion = "2010-04-01";
    private const int MaxPages = 20;

    private readonly HttpClient _http;
    private readonly TwilioCredentials _credentials;
    private readonly TwilioRestClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Uri[] _bases;

    /// <summary>Creates a client on <paramref name="http"/> (which it does not dispose).</summary>
    /// <exception cref="ArgumentException">Bad base URL, edge or region.</exception>
    public TwilioRestClient(
        HttpClient http,
        TwilioCredentials credentials,
        TwilioRestClientOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger<TwilioRestClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(credentials);
        _http = http;
        _credentials = credentials;
        _options = options ?? new TwilioRestClientOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _bases = BuildBases(_options);
    }

    /// <summary>The base URLs attempts rotate through, in order (one per edge, or just one).</summary>
    public IReadOnlyList<Uri> BaseUris => _bases;

    /// <summary>Lists the account's numbers, optionally only those equal to <paramref name="phoneNumber"/> (E.164).</summary>
    public async Task<IReadOnlyList<IncomingPhoneNumber>> ListIncomingPhoneNumbersAsync(string? phoneNumber = null, CancellationToken cancellationToken = default)
    {
        var query = "PageSize=50";
        if (!string.IsNullOrWhiteSpace(phoneNumber))
        {
            query = "PhoneNumber=" + Uri.EscapeDataString(phoneNumber.Trim()) + "&" + query;
        }

        var numbers = new List<IncomingPhoneNumber>();
        var path = $"{AccountPath}/IncomingPhoneNumbers.json?{query}";
        for (var page = 0; page < MaxPages && path is not null; page++)
        {
            var result = await SendAsync(HttpMethod.Get, path, null, idempotent: true, TwilioRestJsonContext.Default.IncomingPhoneNumberPage, cancellationToken).ConfigureAwait(false);
            numbers.AddRange(result.IncomingPhoneNumbers ?? []);
            path = string.IsNullOrEmpty(result.NextPageUri) ? null : result.NextPageUri;
        }

        return numbers;
    }

    /// <summary>The number with exactly this E.164 value, or null when the account has none.</summary>
    public async Task<IncomingPhoneNumber?> FindIncomingPhoneNumberAsync(string phoneNumber, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phoneNumber);
        var numbers = await ListIncomingPhoneNumbersAsync(phoneNumber, cancellationToken).ConfigureAwait(false);
        return numbers.FirstOrDefault(n => string.Equals(n.PhoneNumber, phoneNumber.Trim(), StringComparison.Ordinal))
            ?? (numbers.Count == 1 ? numbers[0] : null);
    }

    /// <summary>Fetches one number by SID (PN…).</summary>
    public Task<IncomingPhoneNumber> FetchIncomingPhoneNumberAsync(string sid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sid);
        return SendAsync(HttpMethod.Get, NumberPath(sid), null, idempotent: true, TwilioRestJsonContext.Default.IncomingPhoneNumber, cancellationToken);
    }

    /// <summary>Updates a number's webhook settings; only the fields set in <paramref name="update"/> are sent.</summary>
    /// <exception cref="ArgumentException">Nothing to update.</exception>
    public Task<IncomingPhoneNumber> UpdateIncomingPhoneNumberAsync(string sid, IncomingPhoneNumberUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sid);
        ArgumentNullException.ThrowIfNull(update);
        var form = update.ToForm();
        if (form.Count == 0)
        {
            throw new ArgumentException("The update sets no field.", nameof(update));
        }

        // Setting the same values twice is harmless, so the update is retried like a read.
        return SendAsync(HttpMethod.Post, NumberPath(sid), form, idempotent: true, TwilioRestJsonContext.Default.IncomingPhoneNumber, cancellationToken);
    }

    /// <summary>Sends a message. Retried only when Twilio surely did not act on it (connection refused, 429).</summary>
    public Task<MessageResource> CreateMessageAsync(CreateMessageRequest message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var form = message.ToForm();
        return SendAsync(HttpMethod.Post, $"{AccountPath}/Messages.json", form, idempotent: false, TwilioRestJsonContext.Default.MessageResource, cancellationToken);
    }

    /// <summary>
    /// One attempt to send a message, with no retry of its own, through <see cref="BaseUris"/>[<paramref name="attempt"/>
    /// modulo their count]: a caller that queues messages decides whether, when and on which edge to try again.
    /// Never throws for Twilio's or the network's failures (only for an incomplete request or cancellation).
    /// </summary>
    /// <exception cref="ArgumentException">The message lacks To, a sender, or a body.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<TwilioAttempt<MessageResource>> TryCreateMessageAsync(CreateMessageRequest message, int attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var form = message.ToForm();
        var uri = new Uri(_bases[attempt % _bases.Length], $"{AccountPath}/Messages.json");
        var exchange = await ExchangeAsync(HttpMethod.Post, uri, form, cancellationToken).ConfigureAwait(false);
        if (exchange.Transport is { } transport)
        {
            return new(transport.NotDelivered ? TwilioAttemptOutcome.ConnectionFailed : TwilioAttemptOutcome.TimedOut,
                uri.Host, null, null, null, transport.Summary + (transport.Error is HttpRequestException ex ? ": " + ex.Message : ""), null);
        }

        if (exchange.IsSuccess)
        {
            MessageResource? resource = null;
            try
            {
                resource = exchange.Body.Length == 0 ? null : JsonSerializer.Deserialize(exchange.Body, TwilioRestJsonContext.Default.MessageResource);
            }
            catch (JsonException)
            {
                // Twilio took the message; an unreadable answer only costs us its SID.
            }

            return new(TwilioAttemptOutcome.Succeeded, uri.Host, resource, exchange.Status, null, resource is null ? "accepted, response not readable" : "accepted", null);
        }

        var error = ParseError(exchange.Body);
        var outcome = exchange.Status == (int)HttpStatusCode.TooManyRequests ? TwilioAttemptOutcome.Throttled
            : exchange.Status >= 500 ? TwilioAttemptOutcome.ServerError
            : TwilioAttemptOutcome.Rejected;
        return new(outcome, uri.Host, null, exchange.Status, error?.Code, error?.Message ?? exchange.Reason ?? "no message",
            outcome == TwilioAttemptOutcome.Throttled ? exchange.RetryAfter : null);
    }

    /// <summary>
    /// Lists the account's messages matching <paramref name="filter"/>, newest first, following <c>next_page_uri</c>
    /// for at most <see cref="MessageListFilter.MaxPages"/> pages. A read, so retried like one (5xx and timeouts too).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A page size or page cap out of range.</exception>
    /// <exception cref="TwilioApiException">Twilio refused the request (4xx).</exception>
    /// <exception cref="TwilioUnavailableException">Every attempt for a page failed.</exception>
    public async Task<IReadOnlyList<MessageResource>> ListMessagesAsync(MessageListFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var messages = new List<MessageResource>();
        string? path = $"{AccountPath}/Messages.json?{filter.ToQuery()}";
        for (var page = 0; page < filter.MaxPages && path is not null; page++)
        {
            var result = await SendAsync(HttpMethod.Get, path, null, idempotent: true, TwilioRestJsonContext.Default.MessagePage, cancellationToken).ConfigureAwait(false);
            messages.AddRange(result.Messages ?? []);
            path = string.IsNullOrEmpty(result.NextPageUri) ? null : result.NextPageUri;
        }

        return messages;
    }

    private string AccountPath => $"/{ApiVersion}/Accounts/{Uri.EscapeDataString(_credentials.AccountSid)}";

    private string NumberPath(string sid) => $"{AccountPath}/IncomingPhoneNumbers/{Uri.EscapeDataString(sid.Trim())}.json";

    private async Task<T> SendAsync<T>(
        HttpMethod method,
        string pathAndQuery,
        List<KeyValuePair<string, string>>? form,
        bool idempotent,
        JsonTypeInfo<T> typeInfo,
        CancellationToken cancellationToken)
        where T : class
    {
        var attempts = new List<string>();
        var backoffs = 0;
        Exception? lastError = null;
        var description = $"{method} {pathAndQuery.Split('?')[0]}";

        for (var attempt = 0; attempt < _options.MaxAttempts; attempt++)
        {
            var uri = new Uri(_bases[attempt % _bases.Length], pathAndQuery);
            var (value, failure) = await AttemptAsync(method, uri, form, idempotent, typeInfo, description, cancellationToken).ConfigureAwait(false);
            if (value is not null)
            {
                return value;
            }

            var f = failure!.Value;
            attempts.Add($"{uri.Host}: {f.Summary}");
            lastError = f.Error;
            LogAttemptFailed(_logger, uri.Host, attempt + 1, _options.MaxAttempts, f.Summary);
            if (!f.Retryable || attempt + 1 >= _options.MaxAttempts)
            {
                break;
            }

            // A connection failure on one edge says nothing about the next: move on at once while this round still
            // has untried edges; otherwise (and after any 5xx/429) back off first.
            if (!(f.ConnectionLevel && TwilioRetry.NextIsUntriedEdge(attempt, _bases.Length)))
            {
                var delay = TwilioRetry.Delay(backoffs++, _options.InitialBackoff, _options.MaxBackoff, f.RetryAfter, _options.MaxBackoff);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new TwilioUnavailableException(
            $"Twilio could not be reached for {description} after {attempts.Count} attempt(s): {string.Join("; ", attempts)}",
            attempts,
            lastError);
    }

    private async Task<(T? Value, AttemptFailure? Failure)> AttemptAsync<T>(
        HttpMethod method,
        Uri uri,
        List<KeyValuePair<string, string>>? form,
        bool idempotent,
        JsonTypeInfo<T> typeInfo,
        string description,
        CancellationToken cancellationToken)
        where T : class
    {
        var exchange = await ExchangeAsync(method, uri, form, cancellationToken).ConfigureAwait(false);
        if (exchange.Transport is { } transport)
        {
            // A connection that never reached Twilio is safe to repeat, even for a message create.
            return (null, new AttemptFailure(transport.Summary, transport.Error, Retryable: transport.NotDelivered || idempotent, ConnectionLevel: true, null));
        }

        if (exchange.IsSuccess)
        {
            return (Deserialize(exchange.Body, typeInfo, description), null);
        }

        var error = ParseError(exchange.Body);
        var exception = CreateApiException(exchange.Status, error, exchange.Reason, description);
        var throttled = exchange.Status == (int)HttpStatusCode.TooManyRequests;
        if (!throttled && !(exchange.Status >= 500 && idempotent))
        {
            throw exception;
        }

        var summary = $"HTTP {exchange.Status.ToString(CultureInfo.InvariantCulture)}{(error?.Code is { } code ? $" (error {code.ToString(CultureInfo.InvariantCulture)})" : "")}";
        return (null, new AttemptFailure(summary, exception, Retryable: true, ConnectionLevel: false, throttled ? exchange.RetryAfter : null));
    }

    /// <summary>
    /// One request to one host within the attempt timeout: what Twilio answered, or why nothing came back. The
    /// retrying client and the one-attempt message send both judge the result their own way.
    /// </summary>
    private async Task<Exchange> ExchangeAsync(HttpMethod method, Uri uri, List<KeyValuePair<string, string>>? form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", _credentials.BasicParameter());
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        using var attemptTimeout = new CancellationTokenSource(_options.AttemptTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptTimeout.Token);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            return new Exchange((int)response.StatusCode, body, response.ReasonPhrase, RetryAfter(response), null);
        }
        catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // These errors happen before the request reaches Twilio.
            var notDelivered = ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;
            var summary = (notDelivered ? "connection failed" : "transport error") + $" ({ex.HttpRequestError})";
            return new Exchange(0, [], null, null, new TransportFailure(summary, ex, notDelivered));
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            var summary = $"timed out after {_options.AttemptTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";
            return new Exchange(0, [], null, null, new TransportFailure(summary, ex, NotDelivered: false));
        }
    }

    private readonly record struct Exchange(int Status, byte[] Body, string? Reason, TimeSpan? RetryAfter, TransportFailure? Transport)
    {
        public bool IsSuccess => Transport is null && Status is >= 200 and < 300;
    }

    private sealed record TransportFailure(string Summary, Exception Error, bool NotDelivered);

    private readonly record struct AttemptFailure(string Summary, Exception Error, bool Retryable, bool ConnectionLevel, TimeSpan? RetryAfter);

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - _time.GetUtcNow() : null;
    }

    private static T Deserialize<T>(byte[] body, JsonTypeInfo<T> typeInfo, string description)
    {
        try
        {
            return JsonSerializer.Deserialize(body, typeInfo)
                ?? throw new TwilioApiException(200, null, "empty JSON body", null, description);
        }
        catch (JsonException ex)
        {
            throw new TwilioApiException(200, null, "response is not the expected JSON: " + ex.Message, null, description);
        }
    }

    private static TwilioErrorBody? ParseError(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, TwilioRestJsonContext.Default.TwilioErrorBody);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TwilioApiException CreateApiException(int status, TwilioErrorBody? error, string? reason, string description)
    {
        var message = error?.Message ?? reason;
        return status switch
        {
            401 => new TwilioAuthenticationException(status, error?.Code, message, error?.MoreInfo, description),
            404 => new TwilioNotFoundException(status, error?.Code, message, error?.MoreInfo, description),
            _ => new TwilioApiException(status, error?.Code, message, error?.MoreInfo, description),
        };
    }

    private static Uri[] BuildBases(TwilioRestClientOptions options)
    {
        var edges = options.Edges
            .Select(TwilioHosts.NormalizeEdge)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        string?[] choices = edges.Length == 0 ? [null] : [.. edges];
        return choices
            .Select(edge => new UriBuilder(options.BaseUri)
            {
                Host = TwilioHosts.BuildHost(options.BaseUri.Host, edge, options.Region),
                Path = "/",
                Query = string.Empty,
            }.Uri)
            .Distinct()
            .ToArray();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio REST attempt {Attempt}/{MaxAttempts} to {Host} failed: {Reason}")]
    private static partial void LogAttemptFailed(ILogger logger, string host, int attempt, int maxAttempts, string reason);
}
