using IvrService.Twilio.Diagnostics;
using IvrService.Twilio.Security;
using IvrService.Twilio.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrService.Twilio.AspNetCore;

/// <summary>
/// The one validation core behind the middleware, the endpoint filter and the MVC attribute: rebuilds the public
/// URL, reads the form or raw body within limits (buffered, so binding can read it again), runs
/// <see cref="TwilioSignatureValidator"/> and logs a rejection once with its reason.
/// </summary>
public sealed partial class TwilioRequestValidator
{
    private readonly IOptionsMonitor<TwilioOptions> _options;
    private readonly TwilioPublicUrlResolver _urls;
    private readonly ILogger<TwilioRequestValidator> _logger;
    private readonly bool _warnOnPlainHttp;
    private readonly TwilioWebhookTelemetry? _telemetry;
    private SecretCache? _secrets;
    private int _plainHttpWarned;

    /// <summary>Creates the validator.</summary>
    /// <param name="options">The bound options.</param>
    /// <param name="urls">The public URL resolver.</param>
    /// <param name="logger">Where rejections are logged.</param>
    /// <param name="environment">Outside Development, a webhook signed for a plain-http URL is reported once.</param>
    /// <param name="telemetry">The webhook span and metrics; none when null.</param>
    public TwilioRequestValidator(
        IOptionsMonitor<TwilioOptions> options,
        TwilioPublicUrlResolver urls,
        ILogger<TwilioRequestValidator> logger,
        IHostEnvironment? environment = null,
        TwilioWebhookTelemetry? telemetry = null)
    {
        _options = options;
        _urls = urls;
        _logger = logger;
        _warnOnPlainHttp = environment is not null && !environment.IsDevelopment();
        _telemetry = telemetry;
    }

    /// <summary>
    /// Validates the request once (later calls for the same request return the first outcome). The first call also
    /// starts the webhook's telemetry (<see cref="TwilioWebhookActivity"/>); the caller makes its span current with
    /// <see cref="TwilioWebhookActivity.Enter"/> around the handler.
    /// </summary>
    /// <param name="context">The request's context.</param>
    /// <returns>The outcome; on failure <see cref="TwilioRequestValidationOutcome.StatusCode"/> is 403, 413, 408 or 400.</returns>
    public async Task<TwilioRequestValidationOutcome> ValidateAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<TwilioRequestValidationOutcome>() is { } previous)
        {
            return previous;
        }

        var start = _telemetry?.Begin() ?? default;
        var outcome = await ValidateCoreAsync(context).ConfigureAwait(false);
        context.Features.Set(outcome);
        _telemetry?.Complete(context, start, outcome);
        return outcome;
    }

    // The headers themselves, or the feature (HTTP/2's extended CONNECT, with UseWebSockets): the check must not depend
    // on middleware order. It runs for every webhook, so a POST (never an upgrade) is answered before anything else.
    private static bool IsWebSocketUpgrade(HttpContext context) =>
        !HttpMethods.IsPost(context.Request.Method)
        && (context.Request.Headers.Upgrade.ToString().Contains("websocket", StringComparison.OrdinalIgnoreCase)
            || context.WebSockets.IsWebSocketRequest);

    private async Task<TwilioRequestValidationOutcome> ValidateCoreAsync(HttpContext context)
    {
        var options = _options.CurrentValue;
        var request = context.Request;
        if (!options.RequestValidation.Enabled)
        {
            LogValidationDisabled(_logger, request.Method, request.Path);
            return TwilioRequestValidationOutcome.Skipped;
        }

        var url = _urls.GetPublicUrl(request);
        // A WebSocket upgrade is signed over the ws(s):// URL Twilio connected to, not its http(s) form (which
        // twilio-aspnet checks, failing every ConversationRelay handshake: twilio-labs/twilio-aspnet#162).
        if (IsWebSocketUpgrade(context))
        {
            url = TwilioUrlCandidates.ToWebSocket(url);
        }

        // Twilio sends one of each; a second is a forgery attempt or a proxy appending its own, and neither is checked.
        var headers = request.Headers[TwilioSignature.HeaderName];
        var settingsHeaders = request.Headers[TwilioSignatureSettings.HeaderName];
        if (headers.Count > 1 || settingsHeaders.Count > 1)
        {
            return Reject(
                context,
                url,
                TwilioSignatureValidationResult.Fail(TwilioSignatureFailure.MultipleHeaders),
                StatusCodes.Status403Forbidden,
                null);
        }

        var signature = headers.ToString();
        var secrets = EffectiveSecrets(options);
        var signed = new TwilioSignedRequest(url, signature.Length == 0 ? null : signature)
        {
            SignatureSettings = settingsHeaders.Count == 0 ? null : settingsHeaders.ToString(),
        };

        // Missing header or secret, or an unknown algorithm: the verdict needs no body, so it is not read.
        if (TwilioSignatureValidator.Precheck(signed, secrets.AuthTokens, secrets.SharedKeys, out _, out _) is { } early)
        {
            return Reject(context, url, early, StatusCodes.Status403Forbidden, null);
        }

        var (body, bodyError, errorStatus) = await ReadBodyAsync(context, url, options.RequestValidation).ConfigureAwait(false);
        if (bodyError is not null)
        {
            return Reject(
                context,
                url,
                TwilioSignatureValidationResult.Fail(TwilioSignatureFailure.UnreadableBody),
                errorStatus,
                bodyError);
        }

        var result = TwilioSignatureValidator.Validate(
            signed with { FormParameters = body.Form, RawBody = body.Raw }, secrets.AuthTokens, secrets.SharedKeys);
        if (!result.IsValid)
        {
            return Reject(context, url, result, StatusCodes.Status403Forbidden, null);
        }

        // Twilio's signature has no timestamp: whoever reads a request on the wire can replay it for as long as the
        // token lives. Over https nobody can; say so once rather than on every call.
        if (_warnOnPlainHttp && url.StartsWith("http:", StringComparison.OrdinalIgnoreCase)
            && Interlocked.Exchange(ref _plainHttpWarned, 1) == 0)
        {
            LogPlainHttp(_logger, TwilioUrlCandidates.Redact(url));
        }

        if (result.SharedKey is { } sharedKey)
        {
            LogSharedKeyUsed(_logger, request.Path, sharedKey.KeyId, sharedKey.Algorithm, result.MatchedTokenIndex ?? 0);
        }
        else if (result.MatchedTokenIndex > 0)
        {
            LogAdditionalTokenUsed(_logger, result.MatchedTokenIndex.Value, request.Path);
        }

        return new TwilioRequestValidationOutcome(StatusCodes.Status200OK, result);
    }

    // The accepted secrets change only when the options do (a reload is a new instance): trim and de-duplicate them
    // once per instance, not on every webhook. One reference swap keeps concurrent readers consistent.
    private SecretCache EffectiveSecrets(TwilioOptions options)
    {
        var cached = _secrets;
        if (cached is not null && ReferenceEquals(cached.Source, options))
        {
            return cached;
        }

        cached = new SecretCache(options, options.EffectiveAuthTokens(), options.EffectiveSharedKeySecrets());
        _secrets = cached;
        return cached;
    }

    private sealed record SecretCache(TwilioOptions Source, List<string> AuthTokens, List<string> SharedKeys);

    private static async Task<(RequestBody Body, string? Error, int ErrorStatus)> ReadBodyAsync(
        HttpContext context, string url, TwilioRequestValidationOptions limits)
    {
        var request = context.Request;
        if (request.ContentLength > limits.MaxBodyBytes)
        {
            return (RequestBody.Empty, $"body of {request.ContentLength} bytes exceeds {limits.MaxBodyBytes}", StatusCodes.Status413PayloadTooLarge);
        }

        try
        {
            var bodyMode = TwilioSignatureValidator.FindBodyHash(url) is not null;
            if (!bodyMode && WebhookForms.IsUrlEncodedForm(request))
            {
                return (new RequestBody(await ReadFormAsync(context, limits).ConfigureAwait(false), null), null, 0);
            }

            if (!WebhookForms.MayHaveBody(request))
            {
                return (RequestBody.Empty, null, 0);
            }

            return (new RequestBody([], await ReadRawAsync(context, limits).ConfigureAwait(false)), null, 0);
        }
        catch (BodyTooLargeException e)
        {
            return (RequestBody.Empty, e.Message, StatusCodes.Status413PayloadTooLarge);
        }
        catch (InvalidDataException e)
        {
            // FormReader's limits (field count, key/value length, buffered size) and malformed multipart.
            return (RequestBody.Empty, e.Message, StatusCodes.Status400BadRequest);
        }
        catch (BadHttpRequestException e) when (!context.RequestAborted.IsCancellationRequested)
        {
            // The server's own verdict: 413 over Kestrel's body limit, 408 for a body sent too slowly, 400 cut short.
            return (RequestBody.Empty, e.Message, e.StatusCode);
        }
        catch (IOException e) when (!context.RequestAborted.IsCancellationRequested)
        {
            return (RequestBody.Empty, e.Message, StatusCodes.Status400BadRequest);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            // The client hung up mid-body: nobody reads the answer, but it must not surface as a 500 with a stack trace.
            return (RequestBody.Empty, "the client closed the connection before sending the whole body", StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<IReadOnlyList<KeyValuePair<string, string?>>> ReadFormAsync(
        HttpContext context, TwilioRequestValidationOptions limits)
    {
        var request = context.Request;
        if (context.Features.Get<IFormFeature>() is not { Form: not null })
        {
            // Twilio always sends Content-Length, already checked against the limit, and the server holds the body
            // to it: the framework's fast pipe-based reader needs no copy. A chunked body has no length to check,
            // so it goes through a buffer that enforces the limit as it fills. Either way the feature caches the
            // parsed form, so MVC or minimal-API binding reuses it.
            var unknownLength = request.ContentLength is null;
            if (unknownLength)
            {
                request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: limits.MaxBodyBytes);
            }

            context.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
            {
                BufferBody = unknownLength,
                BufferBodyLengthLimit = limits.MaxBodyBytes,
                ValueCountLimit = limits.MaxFormFields,
                ValueLengthLimit = (int)Math.Min(limits.MaxBodyBytes, int.MaxValue),
                KeyLengthLimit = 2048,
            }));
        }

        var form = await request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        Rewind(request);
        var parameters = new List<KeyValuePair<string, string?>>(form.Count);
        foreach (var (name, values) in form)
        {
            foreach (var value in values)
            {
                parameters.Add(new(name, value));
            }
        }

        return parameters;
    }

    private static async Task<ReadOnlyMemory<byte>> ReadRawAsync(HttpContext context, TwilioRequestValidationOptions limits)
    {
        var request = context.Request;
        request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: limits.MaxBodyBytes);
        Rewind(request);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limits.MaxBodyBytes)
            {
                throw new BodyTooLargeException($"body exceeds {limits.MaxBodyBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        Rewind(request);
        return buffer.ToArray();
    }

    private static void Rewind(HttpRequest request)
    {
        if (request.Body.CanSeek)
        {
            request.Body.Position = 0;
        }
    }


    private TwilioRequestValidationOutcome Reject(
        HttpContext context, string publicUrl, TwilioSignatureValidationResult result, int statusCode, string? detail)
    {
        var request = context.Request;
        LogRejected(
            _logger,
            request.Method,
            TwilioUrlCandidates.Redact(publicUrl),
            statusCode,
            result.Failure,
            WebhookForms.Find(context, "CallSid"),
            context.Connection.RemoteIpAddress?.ToString(),
            result.UrlCandidates,
            detail ?? Hint(result, context));
        return new TwilioRequestValidationOutcome(statusCode, result);
    }

    private string Hint(TwilioSignatureValidationResult result, HttpContext context) => result.Failure switch
    {
        TwilioSignatureFailure.NoHeader => "no X-Twilio-Signature header: the caller is not Twilio, or a proxy dropped it",
        TwilioSignatureFailure.NoTokenConfigured =>
            "no auth token configured: set Twilio:AuthToken (environment variable Twilio__AuthToken, or " +
            "'dotnet user-secrets set Twilio:AuthToken <token>'), or in Development only set " +
            "Twilio:RequestValidation:Enabled=false",
        TwilioSignatureFailure.NoSharedKeyConfigured =>
            $"the request says it was signed with SharedKey '{result.SharedKey?.KeyId}' " +
            $"({TwilioSignatureSettings.HeaderName}) but no SharedKey secret is configured: set " +
            "Twilio:RequestValidation:SharedKeySecrets:0 (environment variable Twilio__RequestValidation__SharedKeySecrets__0)",
        TwilioSignatureFailure.UnsupportedAlgorithm =>
            $"{TwilioSignatureSettings.HeaderName} names the algorithm " +
            $"'{result.SharedKey?.AlgorithmName}'; " +
            $"only {TwilioSignatureSettings.HmacSha1Name} and {TwilioSignatureSettings.HmacSha256Name} exist",
        TwilioSignatureFailure.NoMatch when result.SharedKey is not null =>
            "signed with a SharedKey: no candidate URL and configured SharedKey secret reproduce the signature " +
            "(check Twilio:RequestValidation:SharedKeySecrets against the key the Webhook Rule's Setting names)",
        TwilioSignatureFailure.BodyHashMissing => "the body is not a form and the URL carries no bodySHA256",
        TwilioSignatureFailure.BodyHashMismatch => "bodySHA256 in the URL does not match the body received",
        TwilioSignatureFailure.MultipleHeaders =>
            $"{context.Request.Headers[TwilioSignature.HeaderName].Count} {TwilioSignature.HeaderName} and " +
            $"{context.Request.Headers[TwilioSignatureSettings.HeaderName].Count} {TwilioSignatureSettings.HeaderName} headers; " +
            "Twilio sends one signature and at most one settings header",
        TwilioSignatureFailure.NoMatch when _options.CurrentValue.RequestValidation.BaseUrlOverride is null
                                            && !_urls.IsFromTrustedProxy(context.Request)
                                            && context.Request.Headers.ContainsKey("X-Forwarded-Host") =>
            "X-Forwarded-* headers were ignored because the peer is not in Twilio:RequestValidation:TrustedProxies; " +
            "trust the proxy or set Twilio:RequestValidation:BaseUrlOverride",
        TwilioSignatureFailure.NoMatch =>
            "no candidate URL and accepted token reproduce the signature: wrong token, or the public URL differs " +
            "(check Twilio:RequestValidation:BaseUrlOverride and TrustedProxies)",
        _ => result.Failure.ToString(),
    };

    [LoggerMessage(EventId = 4030, EventName = "TwilioRequestRejected", Level = LogLevel.Warning,
        Message = "Twilio webhook {Method} {PublicUrl} rejected with {StatusCode}: {Reason}. CallSid {CallSid}, remote " +
                  "{RemoteIp}, URL candidates tried {UrlCandidates}. {Hint}")]
    private static partial void LogRejected(
        ILogger logger, string method, string publicUrl, int statusCode, TwilioSignatureFailure reason, string? callSid,
        string? remoteIp, IReadOnlyList<string> urlCandidates, string hint);

    [LoggerMessage(EventId = 4035, EventName = "TwilioWebhookOverPlainHttp", Level = LogLevel.Warning,
        Message = "Twilio signed a webhook for the plain-http URL {PublicUrl}. Anyone on the path can read such a request " +
                  "and replay it (the signature has no timestamp). Configure the number's URLs with https (reported once).")]
    private static partial void LogPlainHttp(ILogger logger, string publicUrl);

    [LoggerMessage(EventId = 4031, EventName = "TwilioAdditionalTokenUsed", Level = LogLevel.Information,
        Message = "Twilio webhook {Path} was signed with additional auth token #{TokenIndex}, not the primary one")]
    private static partial void LogAdditionalTokenUsed(ILogger logger, int tokenIndex, PathString path);

    [LoggerMessage(EventId = 4036, EventName = "TwilioSharedKeyUsed", Level = LogLevel.Debug,
        Message = "Twilio webhook {Path} was signed with SharedKey {SharedKeyId} ({Algorithm}), secret #{SecretIndex}")]
    private static partial void LogSharedKeyUsed(
        ILogger logger, PathString path, string? sharedKeyId, TwilioSignatureAlgorithm algorithm, int secretIndex);

    [LoggerMessage(EventId = 4032, EventName = "TwilioValidationDisabled", Level = LogLevel.Warning,
        Message = "Twilio signature validation is DISABLED (Twilio:RequestValidation:Enabled=false): {Method} {Path} " +
                  "accepted unchecked. Development only.")]
    private static partial void LogValidationDisabled(ILogger logger, string method, PathString path);

    private sealed record RequestBody(IReadOnlyList<KeyValuePair<string, string?>> Form, ReadOnlyMemory<byte>? Raw)
    {
        public static RequestBody Empty { get; } = new([], null);
    }

    private sealed class BodyTooLargeException(string message) : Exception(message);
}

/// <summary>The outcome of <see cref="TwilioRequestValidator.ValidateAsync"/>, stored as a request feature.</summary>
/// <param name="StatusCode">
/// 200 when accepted; 403 for a bad, missing or repeated signature; 413 for a body over the limit; 408 for a body sent
/// too slowly; 400 for another unreadable body.
/// </param>
/// <param name="Result">The core's verdict (null when validation is switched off).</param>
public sealed record TwilioRequestValidationOutcome(int StatusCode, TwilioSignatureValidationResult? Result)
{
    /// <summary>The outcome when validation is switched off in Development.</summary>
    public static TwilioRequestValidationOutcome Skipped { get; } = new(StatusCodes.Status200OK, null);

    /// <summary>Whether the request may proceed.</summary>
    public bool IsValid => StatusCode == StatusCodes.Status200OK;
}
