using System.Net.Http.Headers;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace IvrService.Cli.Simulator;

/// <summary>The result of one webhook request.</summary>
internal sealed record WebhookResponse
{
    public required Uri Url { get; init; }

    public required string App { get; init; }

    public FetchFailure Failure { get; init; }

    public int? ErrorCode { get; init; }

    public string? Detail { get; init; }

    public int? StatusCode { get; init; }

    /// <summary>The parsed &lt;Response&gt; element when TwiML was expected and valid.</summary>
    public XElement? Twiml { get; init; }

    public bool Succeeded => Failure == FetchFailure.None;

    /// <summary>The failure in words: its kind, then what was observed.</summary>
    public string Reason => Detail is null ? Failure.Describe()
        : Detail.StartsWith(Failure.Describe(), StringComparison.OrdinalIgnoreCase) ? Detail
        : $"{Failure.Describe()}: {Detail}";
}

/// <summary>
/// Sends one webhook the way Twilio does — form POST (or GET with a query), signed, <c>TwilioProxy/1.1</c>, Basic
/// auth from URL userinfo, connection-override fragment honoured and never sent — and checks the answer the way Twilio
/// does: 2xx, a TwiML Content-Type, at most 64 kB, well-formed XML with a &lt;Response&gt; root.
/// </summary>
internal sealed class WebhookClient(
    TimedHttpSender sender,
    string? authToken,
    WebhookChannel channel,
    ConnectionSettings baseSettings,
    ErrorCodeStyle style,
    Action<CallEvent> emit,
    Func<double> clock)
{
    public const string UserAgent = "TwilioProxy/1.1";

    /// <summary>Twilio refuses TwiML bodies over 64 kB (11750).</summary>
    public const int MaxTwimlBytes = 64 * 1024;

    private static readonly string[] TwimlMediaTypes = ["text/xml", "application/xml", "text/html"];

    public async Task<WebhookResponse> RequestAsync(
        string role,
        Uri url,
        HttpMethod method,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        bool expectTwiml,
        CancellationToken cancellationToken)
    {
        var at = clock();
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return Report(role, method, url, at, parameters, null, new WebhookResponse
            {
                Url = url,
                App = "?",
                Failure = FetchFailure.InvalidUrl,
                ErrorCode = FetchFailure.InvalidUrl.ToErrorCode(style),
                Detail = $"'{url}' is not an absolute http(s) URL",
            });
        }

        var requestUrl = new Uri(url.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped));
        var app = $"{url.Host}:{url.Port}";
        var notes = new List<string>();
        var settings = baseSettings.WithFragment(url.Fragment, notes, out var edgeError);
        foreach (var note in notes)
        {
            emit(new CallEvent { Kind = CallEventKind.Note, At = at, Url = requestUrl.ToString(), Text = note });
        }

        if (edgeError is { } code)
        {
            return Report(role, method, requestUrl, at, parameters, null, new WebhookResponse
            {
                Url = requestUrl,
                App = app,
                Failure = FetchFailure.EdgeRejected,
                ErrorCode = code,
                Detail = string.Join("; ", notes),
            });
        }

        var isGet = method == HttpMethod.Get;
        var wireUrl = isGet ? AppendQuery(requestUrl, parameters) : requestUrl;
        var signature = authToken is null
            ? null
            : WebhookSigner.Sign(wireUrl, channel, isGet ? [] : parameters, authToken);
        var basicAuth = url.UserInfo.Length > 0
            ? Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(url.UserInfo)))
            : null;

        var result = await sender.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(isGet ? HttpMethod.Get : HttpMethod.Post, wireUrl);
                if (!isGet)
                {
                    request.Content = new FormUrlEncodedContent(parameters);
                }

                request.Headers.UserAgent.ParseAdd(UserAgent);
                if (signature is not null)
                {
                    request.Headers.TryAddWithoutValidation(WebhookSigner.HeaderName, signature);
                }

                if (basicAuth is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basicAuth);
                }

                return request;
            },
            settings,
            bodyLimit: MaxTwimlBytes,
            keepBytes: MaxTwimlBytes,
            cancellationToken).ConfigureAwait(false);

        var response = new WebhookResponse
        {
            Url = requestUrl,
            App = app,
            Failure = result.Failure,
            ErrorCode = result.Failure.ToErrorCode(style),
            Detail = result.Detail,
            StatusCode = result.StatusCode,
        };

        if (response.Succeeded && expectTwiml)
        {
            response = CheckTwiml(response, result);
        }

        return Report(role, method, requestUrl, at, parameters, result, response);
    }

    private WebhookResponse Report(
        string role,
        HttpMethod method,
        Uri url,
        double at,
        IReadOnlyList<KeyValuePair<string, string>> parameters,
        HttpResult? result,
        WebhookResponse response)
    {
        emit(new CallEvent
        {
            Kind = role == "status-callback" ? CallEventKind.StatusCallback : CallEventKind.Request,
            At = at,
            Role = role,
            Method = method.Method,
            Url = url.ToString(),
            App = response.App,
            Status = result?.StatusCode,
            ContentType = result?.ContentType,
            Bytes = result?.StatusCode is null ? null : result.BodyLength,
            LatencyMs = result is null ? null : Math.Round(result.Latency.TotalMilliseconds, 1),
            Attempts = result?.Attempts,
            SignatureSent = authToken is not null,
            ErrorCode = response.ErrorCode,
            Detail = response.Succeeded ? null : response.Reason,
            Parameters = parameters
                .GroupBy(p => p.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => string.Join(",", g.Select(p => p.Value)), StringComparer.Ordinal),
        });
        return response;
    }

    private WebhookResponse CheckTwiml(WebhookResponse response, HttpResult result)
    {
        if (result.MediaType is null || !TwimlMediaTypes.Contains(result.MediaType, StringComparer.OrdinalIgnoreCase))
        {
            return Fail(response, FetchFailure.ContentType, $"Content-Type '{result.ContentType ?? "(none)"}' is not text/xml, application/xml or text/html");
        }

        XDocument document;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(new MemoryStream(result.Body), settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            return Fail(response, FetchFailure.XmlParse, e.Message);
        }

        if (document.Root is not { } root || root.Name != "Response")
        {
            return Fail(response, FetchFailure.NoResponseRoot, $"root element is <{document.Root?.Name.LocalName}>, not <Response>");
        }

        return response with { Twiml = root };
    }

    private WebhookResponse Fail(WebhookResponse response, FetchFailure failure, string detail) =>
        response with { Failure = failure, ErrorCode = failure.ToErrorCode(style), Detail = detail };

    private static Uri AppendQuery(Uri url, IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        if (parameters.Count == 0)
        {
            return url;
        }

        var query = string.Join("&", parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        var builder = new UriBuilder(url) { Query = url.Query.Length > 1 ? $"{url.Query[1..]}&{query}" : query };
        return builder.Uri;
    }
}
