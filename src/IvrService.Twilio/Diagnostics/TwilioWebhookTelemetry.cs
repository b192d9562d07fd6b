using System.Diagnostics;
using System.Diagnostics.Metrics;
using IvrService.Twilio.AspNetCore;
using IvrService.Twilio.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IvrService.Twilio.Diagnostics;

/// <summary>
/// What every webhook records, in the one place all three guard styles share (the validation core, the first code
/// that holds the form): the <c>webhook</c> span in the call's trace (<see cref="TwilioCallTrace"/>) with the
/// signature check as its first child, the <c>ivr.webhook.duration</c> histogram and <c>ivr.signature.rejections</c>.
/// </summary>
public sealed class TwilioWebhookTelemetry
{
    /// <summary>Webhook duration, from the signature check to the last byte of the answer (seconds).</summary>
    public const string DurationName = "ivr.webhook.duration";

    /// <summary>Webhooks refused by the signature check, by reason.</summary>
    public const string RejectionsName = "ivr.signature.rejections";

    // Twilio waits 15 s at most; most answers take a millisecond or two.
    private static readonly double[] DurationBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15];

    private readonly TimeProvider _time;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _rejections;

    /// <summary>Creates the instruments through <paramref name="meters"/>.</summary>
    public TwilioWebhookTelemetry(IMeterFactory meters, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        var meter = meters.Create(IvrTelemetry.Name);
        _duration = meter.CreateHistogram(DurationName, unit: "s",
            description: "Twilio webhooks from the signature check to the end of the answer, by route and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _rejections = meter.CreateCounter<long>(RejectionsName, unit: "{request}",
            description: "Twilio webhooks refused by the signature check, by reason.");
    }

    /// <summary>The moment the check begins, to hand to <see cref="Complete"/>.</summary>
    public WebhookStart Begin() => new(_time.GetTimestamp(), _time.GetUtcNow());

    /// <summary>
    /// After the check: counts a rejection, starts the webhook span of an accepted request (kept as the request's
    /// <see cref="TwilioWebhookActivity"/> feature) and, when the answer is sent, ends it and records the duration.
    /// </summary>
    public void Complete(HttpContext context, WebhookStart start, TwilioRequestValidationOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(outcome);
        if (!outcome.IsValid && outcome.Result is { } refused)
        {
            _rejections.Add(1, new KeyValuePair<string, object?>(IvrTelemetry.SignatureFailure, refused.Failure.ToString()));
        }

        var webhook = new TwilioWebhookActivity(outcome.IsValid ? StartSpan(context, start, outcome) : null, start.Timestamp)
        {
            Outcome = outcome.IsValid ? null : "rejected",
        };
        context.Features.Set(webhook);
        context.Response.OnCompleted(static state =>
        {
            var (telemetry, http, webhook) = ((TwilioWebhookTelemetry, HttpContext, TwilioWebhookActivity))state;
            telemetry.End(http, webhook);
            return Task.CompletedTask;
        }, (this, context, webhook));
    }

    private Activity? StartSpan(HttpContext context, WebhookStart start, TwilioRequestValidationOutcome outcome)
    {
        var source = IvrTelemetry.Source;
        if (!source.HasListeners())
        {
            return null;
        }

        // The form the check read (or binding's, when validation is off); a GET webhook carries its SIDs in the query.
        var callSid = Sid(context, "CallSid");
        var messageSid = callSid is null ? Sid(context, "MessageSid") : null;
        // ASP.NET Core's request span: its parent is the incoming traceparent's span, if any (a proxy's, a test
        // client's). The webhook span links to that caller rather than joining its trace.
        var server = Activity.Current;
        ActivityLink[]? links = server is { HasRemoteParent: true, ParentSpanId: var caller } && caller != default
            ? [new ActivityLink(new ActivityContext(server.TraceId, caller, server.ActivityTraceFlags, isRemote: true))]
            : null;
        if (!TwilioCallTrace.TryGetContext(callSid ?? messageSid, out var parent))
        {
            parent = server?.Context ?? default;
        }
        var request = context.Request;
        var span = source.StartActivity(ActivityKind.Server, parent, links: links, startTime: start.At, name: "webhook");
        if (span is null)
        {
            return null;
        }

        // The webhook span is this request's server span now: ASP.NET Core's would say the same again in a trace of
        // its own, so it is no longer recorded (exporters skip it). A refused request keeps it.
        if (server is not null && parent != server.Context)
        {
            server.IsAllDataRequested = false;
            server.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }

        span.SetTag("http.request.method", request.Method);
        span.SetTag("url.path", request.Path.Value);
        if (callSid is not null)
        {
            span.SetTag(IvrTelemetry.CallSid, callSid);
        }
        else if (messageSid is not null)
        {
            span.SetTag(IvrTelemetry.MessageSid, messageSid);
        }

        // The check's measured interval as the webhook's first child: it ran before its parent could exist.
        if (span.IsAllDataRequested && source.StartActivity("twilio.signature", ActivityKind.Internal, span.Context, startTime: start.At) is { } check)
        {
            check.SetTag("twilio.signature.algorithm", outcome.Result?.SharedKey is { } key ? key.Algorithm.ToString() : outcome.Result is null ? "skipped" : "AuthToken");
            check.SetTag("twilio.signature.candidates", outcome.Result?.UrlCandidates.Count ?? 0);
            check.SetEndTime(_time.GetUtcNow().UtcDateTime);
            check.Stop();
        }

        return span;
    }

    private void End(HttpContext context, TwilioWebhookActivity webhook)
    {
        var route = RouteOf(context);
        var status = context.Response.StatusCode;
        var outcome = webhook.Outcome ?? (status < 400 ? "answered" : status < 500 ? "refused" : "error");
        _duration.Record(
            _time.GetElapsedTime(webhook.StartTimestamp).TotalSeconds,
            new KeyValuePair<string, object?>("http.route", route),
            new KeyValuePair<string, object?>(IvrTelemetry.Outcome, outcome),
            new KeyValuePair<string, object?>("http.response.status_code", status));
        if (webhook.Activity is { } span)
        {
            span.DisplayName = context.Request.Method + " " + route;
            span.SetTag("http.route", route);
            span.SetTag("http.response.status_code", status);
            span.SetTag(IvrTelemetry.Outcome, outcome);
            if (status >= 500)
            {
                span.SetStatus(ActivityStatusCode.Error);
            }

            span.SetEndTime(_time.GetUtcNow().UtcDateTime);
            span.Stop();
        }
    }

    // The template, never the path (a path is unbounded); MVC's templates come without the leading slash.
    private static string RouteOf(HttpContext context) => (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText switch
    {
        null => "(unmatched)",
        { Length: > 0 } raw when raw[0] == '/' => raw,
        var raw => "/" + raw,
    };

    private static string? Sid(HttpContext context, string name) =>
        WebhookForms.Find(context, name) is { Length: > 0 and <= TwilioCallTrace.MaxSidLength } sid ? sid : null;

    /// <summary>When a webhook's check began: a monotonic timestamp for the histogram, a wall-clock time for the span.</summary>
    public readonly record struct WebhookStart(long Timestamp, DateTimeOffset At);
}

/// <summary>
/// The webhook's span and outcome, a request feature set by the validation core. Handlers name the outcome (a flow
/// turn's, a fallback decision) and add attributes; the guard makes the span current around the handler, so the
/// handler's own spans and HTTP calls are its children.
/// </summary>
public sealed class TwilioWebhookActivity
{
    internal TwilioWebhookActivity(Activity? activity, long startTimestamp)
    {
        Activity = activity;
        StartTimestamp = startTimestamp;
    }

    /// <summary>The webhook span, or null when nobody listens (tracing off) or the request was refused.</summary>
    public Activity? Activity { get; }

    /// <summary>What the handler made of the request (the histogram's <c>ivr.outcome</c>); null: by status code.</summary>
    public string? Outcome { get; set; }

    internal long StartTimestamp { get; }

    /// <summary>The request's webhook activity, if the validation core saw it.</summary>
    public static TwilioWebhookActivity? Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<TwilioWebhookActivity>();
    }

    /// <summary>Makes the webhook span current (an async local: call it in the frame that then runs the handler).</summary>
    public static void Enter(HttpContext context)
    {
        if (Of(context)?.Activity is { } span)
        {
            Activity.Current = span;
        }
    }

    /// <summary>Sets a span attribute when the span exists.</summary>
    public void SetTag(string name, object? value) => Activity?.SetTag(name, value);
}
