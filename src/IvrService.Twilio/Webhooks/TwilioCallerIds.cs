namespace IvrService.Twilio.Webhooks;

/// <summary>The caller IDs Twilio puts in <c>From</c> when the caller withheld their number.</summary>
public static class TwilioCallerIds
{
    /// <summary>What a test or simulator sends for a withheld number: <c>+266696687</c>, "ANONYMOUS" on a keypad.</summary>
    public const string Anonymous = "+266696687";

    // Keypad spellings (ANONYMOUS, RESTRICTED, UNKNOWN, BLOCKED, UNAVAILABLE): they look like E.164 numbers.
    private static readonly HashSet<string> Withheld = new(StringComparer.Ordinal)
    {
        Anonymous, "+7378742833", "+8656696", "+2562533", "+86282452253",
    };

    /// <summary>True when <paramref name="from"/> is one of Twilio's caller IDs for a withheld number.</summary>
    public static bool IsWithheld(string? from) => from is not null && Withheld.Contains(from);
}
