using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using IvrService.Testing.Twilio;
using Microsoft.AspNetCore.WebUtilities;

namespace IvrService.EndToEnd.Tests.BadInput;

/// <summary>What a case must get back: a 4xx, or (validly signed) TwiML that keeps the call going or ends it politely.</summary>
internal enum Answer
{
    Rejected4xx,
    SafeTwiml,
}

/// <summary>The log line that must explain the answer, found by the request's trace id (or, for requests Kestrel
/// refuses before any middleware runs, by Kestrel's bad-request category).</summary>
internal sealed record LogReason(string Description, Func<LogLine, CaseContext, bool> Matches)
{
    public const string KestrelBadRequests = "Microsoft.AspNetCore.Server.Kestrel.BadRequests";

    /// <summary>The signature check's <c>TwilioRequestRejected</c> event with this reason.</summary>
    public static LogReason Rejected(string reason) => new(
        $"TwilioRequestRejected {reason}",
        (l, c) => l.TraceId == c.TraceId && l.EventName == "TwilioRequestRejected" && l.Text("Reason") == reason);

    /// <summary>The request's completion event with this status (and flow outcome, when given).</summary>
    public static LogReason Answered(int status, string? outcome = null) => new(
        outcome is null ? $"completion {status}" : $"completion {status} Outcome={outcome}",
        (l, c) => l.TraceId == c.TraceId && l.Message.StartsWith("HTTP ", StringComparison.Ordinal)
                  && l.Text("StatusCode") == status.ToString(CultureInfo.InvariantCulture)
                  && (outcome is null || l.Text("Outcome") == outcome));

    /// <summary>The completion event of a request refused by routing (405) or answered with any 4xx.</summary>
    public static LogReason Answered4xx { get; } = new(
        "completion 4xx",
        (l, c) => l.TraceId == c.TraceId && l.Message.StartsWith("HTTP ", StringComparison.Ordinal)
                  && l.Text("StatusCode") is ['4', _, _]);

    /// <summary>A tampered or stale call state was repaired (the primary's and the fallback's warning).</summary>
    public static LogReason StateRepaired { get; } = new(
        "state repaired",
        (l, c) => l.TraceId == c.TraceId && l.Has("Repairs"));

    /// <summary>A signed body that is not a url-encoded form was ignored; parameters came from the query.</summary>
    public static LogReason BodyIgnored { get; } = new(
        "body ignored (not a form)",
        (l, c) => l.TraceId == c.TraceId && l.Message.Contains("ignored", StringComparison.Ordinal) && l.Has("ContentType"));

    /// <summary>Kestrel refused the request itself.</summary>
    public static LogReason Kestrel { get; } = new(
        "Kestrel bad request",
        (l, _) => l.SourceContext == KestrelBadRequests);

    public override string ToString() => Description;
}

/// <summary>One row of the matrix: a bad request built from a route's valid one.</summary>
/// <param name="Name">What is wrong with the request.</param>
/// <param name="Build">Builds the request for a route.</param>
/// <param name="Answer">The answer it must get.</param>
/// <param name="Log">The log line that must give the reason (may depend on the route).</param>
/// <param name="AppliesTo">Routes it is meaningful for (default: every webhook of both apps).</param>
internal sealed record BadInputCase(
    string Name,
    Func<CaseContext, RawRequest> Build,
    Answer Answer,
    Func<WebhookRoute, LogReason> Log,
    Func<WebhookRoute, bool>? AppliesTo = null)
{
    public BadInputCase(string name, Func<CaseContext, RawRequest> build, Answer answer, LogReason log, Func<WebhookRoute, bool>? appliesTo = null)
        : this(name, build, answer, _ => log, appliesTo)
    {
    }

    /// <summary>Half-close the connection after sending (a body that ends before its Content-Length).</summary>
    public bool HalfClose { get; init; }

    /// <summary>The client is gone before an answer can reach it: no status line is acceptable, a 5xx still is not.</summary>
    public bool MayGoUnanswered { get; init; }

    public override string ToString() => Name;
}

/// <summary>What a case builder gets: the apps, the route, and signing helpers.</summary>
internal sealed class CaseContext(BadInputApps apps, WebhookRoute route, string traceId)
{
    public WebhookRoute Route { get; } = route;

    public string TraceId { get; } = traceId;

    public List<KeyValuePair<string, string?>> Form => Route.ValidForm();

    /// <summary>The route's valid, signed request.</summary>
    public RawRequest Valid() => apps.SignedPost(Route, Form);

    /// <summary>A signed POST of <paramref name="form"/> (to another path and query when given).</summary>
    public RawRequest SignedPost(IReadOnlyList<KeyValuePair<string, string?>> form, string? pathAndQuery = null) =>
        apps.SignedPost(Route, form, pathAndQuery);

    /// <summary>The route's valid form plus <paramref name="extra"/>, signed.</summary>
    public RawRequest SignedWith(params (string Name, string Value)[] extra) =>
        SignedPost([.. Form, .. extra.Select(e => new KeyValuePair<string, string?>(e.Name, e.Value))]);

    public string Sign(string pathAndQuery, IEnumerable<KeyValuePair<string, string?>> form, string token = BadInputApps.Token) =>
        apps.Sign(Route, pathAndQuery, form, token);

    public string PublicUrl(string pathAndQuery) => apps.PublicUrl(Route, pathAndQuery);

    /// <summary>
    /// A raw form body signed over what the server will decode from it (ASP.NET Core's own form reader), so a
    /// malformed body reaches the handler instead of stopping at the signature check.
    /// </summary>
    public RawRequest SignedRawForm(byte[] body, string contentType = "application/x-www-form-urlencoded")
    {
        using var stream = new MemoryStream(body);
        var decoded = new FormPipeReader(PipeReader.Create(stream)).ReadFormAsync().GetAwaiter().GetResult();
        var pairs = decoded.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)));
        return new RawRequest("POST", Route.PathAndQuery, [("Content-Type", contentType), ("X-Twilio-Signature", Sign(Route.PathAndQuery, pairs))], body);
    }

    /// <summary>A body Twilio signs in JSON mode: <c>bodySHA256</c> added to the query, the URL alone signed.</summary>
    public RawRequest SignedBody(byte[] body, string? contentType, string? bodyHashOf = null)
    {
        var hashed = TwilioRequestSigner.AppendBodyHash(Route.PathAndQuery, bodyHashOf is null ? body : Encoding.UTF8.GetBytes(bodyHashOf));
        var headers = new List<(string, string)> { ("X-Twilio-Signature", Sign(hashed, [])) };
        if (contentType is not null)
        {
            headers.Add(("Content-Type", contentType));
        }

        return new RawRequest("POST", hashed, headers, body);
    }

    /// <summary>A GET with the route's valid form in the query, signed over the URL alone (Twilio's GET webhooks).</summary>
    public RawRequest SignedGet(string method = "GET")
    {
        var separator = Route.PathAndQuery.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        var target = Route.PathAndQuery + separator + BadInputApps.Encode(Form);
        return new RawRequest(method, target, [("X-Twilio-Signature", Sign(target, []))], []);
    }

    /// <summary>The continue route's path with another query, and a signed POST of the valid form to it.</summary>
    public RawRequest SignedContinue(string? query, params (string Name, string Value)[] extra) =>
        SignedPost([.. Form, .. extra.Select(e => new KeyValuePair<string, string?>(e.Name, e.Value))], query is null ? Route.Path : Route.Path + "?" + query);
}
