using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace IvrService.Twilio.Diagnostics;

/// <summary>
/// One trace per call. Twilio sends no <c>traceparent</c>, so the trace id is derived from the <c>CallSid</c> (or an
/// SMS's <c>MessageSid</c>): SHA-256 of <c>ivrservice/call-trace/v1:</c> and the SID, its first 16 bytes the trace id
/// and the next 8 the id of a virtual root span that is never exported. Every webhook of the call, on the primary and
/// on the fallback on another cloud, computes the same context without talking to the other.
/// </summary>
public static class TwilioCallTrace
{
    private const string Prefix = "ivrservice/call-trace/v1:";

    /// <summary>The longest SID accepted (Twilio's are 34 characters).</summary>
    public const int MaxSidLength = 64;

    /// <summary>The remote, sampled parent context of every span of the call or message <paramref name="sid"/>.</summary>
    /// <param name="sid">A <c>CallSid</c> or <c>MessageSid</c>, 1 to <see cref="MaxSidLength"/> characters.</param>
    public static ActivityContext ContextFor(string sid)
    {
        ArgumentException.ThrowIfNullOrEmpty(sid);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sid.Length, MaxSidLength, nameof(sid));
        Span<byte> input = stackalloc byte[Prefix.Length + (MaxSidLength * 3)];
        var length = Encoding.UTF8.GetBytes(Prefix, input);
        length += Encoding.UTF8.GetBytes(sid, input[length..]);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input[..length], hash);
        return new ActivityContext(
            ActivityTraceId.CreateFromBytes(hash[..16]),
            ActivitySpanId.CreateFromBytes(hash[16..24]),
            ActivityTraceFlags.Recorded,
            isRemote: true);
    }

    /// <summary><see cref="ContextFor"/> for a usable SID; otherwise false.</summary>
    public static bool TryGetContext(string? sid, out ActivityContext context)
    {
        if (string.IsNullOrEmpty(sid) || sid.Length > MaxSidLength)
        {
            context = default;
            return false;
        }

        context = ContextFor(sid);
        return true;
    }
}
