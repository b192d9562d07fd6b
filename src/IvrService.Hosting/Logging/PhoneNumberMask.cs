namespace IvrService.Hosting.Logging;

/// <summary>Masks phone numbers for logs: callers' numbers are personal data, the last four digits are enough to correlate.</summary>
public static class PhoneNumberMask
{
    /// <summary>
    /// <c>+14155551234</c> becomes <c>+1******1234</c>; <c>client:alice</c> and SIP URIs keep their scheme and lose the rest;
    /// short or odd values are masked whole.
    /// </summary>
    public static string? Mask(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && !value.StartsWith('+'))
        {
            // client:name, sip:user@host — keep the kind of endpoint only.
            return string.Concat(value.AsSpan(0, colon + 1), "***");
        }

        if (value.Length < 8)
        {
            return new string('*', value.Length);
        }

        // Keep "+" and the country code's first digit, and the last four digits.
        var keepStart = value.StartsWith('+') ? 2 : 1;
        return string.Create(value.Length, (value, keepStart), static (span, state) =>
        {
            var (v, start) = state;
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = i < start || i >= v.Length - 4 ? v[i] : '*';
            }
        });
    }
}
