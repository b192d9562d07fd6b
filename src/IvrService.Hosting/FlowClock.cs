using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace IvrService.Hosting;

/// <summary>
/// The clock a flow's business hours are evaluated on: the app's <see cref="TimeProvider"/>, unless
/// <c>Hosting:SimulatedClockHeader</c> is on (never in Production) and the request carries <see cref="Header"/> with an
/// ISO 8601 instant: then that request's turn is evaluated at that instant, so <c>ivr test --url</c> can run the
/// scenarios that state a time against a staging deployment. Only the flow's clock moves; signatures, caches and
/// presigned URLs keep the real time.
/// </summary>
public sealed class FlowClock(TimeProvider time) : TimeProvider
{
    /// <summary>The request header that carries the simulated instant (echoed on the response when honoured).</summary>
    public const string Header = "X-Ivr-Simulated-Time";

    private static readonly AsyncLocal<DateTimeOffset?> Simulated = new();

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Simulated.Value ?? time.GetUtcNow();

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => time.LocalTimeZone;

    /// <inheritdoc />
    public override long TimestampFrequency => time.TimestampFrequency;

    /// <inheritdoc />
    public override long GetTimestamp() => time.GetTimestamp();

    /// <summary>Middleware body: runs <paramref name="next"/> at the header's instant when it parses (else on the real clock).</summary>
    internal static Task RunAsync(HttpContext context, RequestDelegate next)
    {
        var value = context.Request.Headers[Header].ToString();
        if (value.Length is > 0 and <= 64
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            // Set here, the value flows into the handler's async context and is gone when this request's call returns.
            Simulated.Value = at.ToUniversalTime();
            context.Response.Headers[Header] = at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        }

        return next(context);
    }
}
