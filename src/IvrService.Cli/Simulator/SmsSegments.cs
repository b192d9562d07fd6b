namespace IvrService.Cli.Simulator;

/// <summary>How an SMS body is encoded and split (twilio-protocol.md §9).</summary>
public sealed record SmsSegmentInfo(string Encoding, int Units, int Segments);

/// <summary>GSM-7 / UCS-2 segment arithmetic.</summary>
public static class SmsSegments
{
    private const string Gsm7Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Gsm7Extension = "^{}\\[~]|€\f";

    /// <summary>GSM-7 when every character fits (extension characters cost two septets), otherwise UCS-2 in UTF-16 units.</summary>
    public static SmsSegmentInfo Measure(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var septets = 0;
        foreach (var c in body)
        {
            if (Gsm7Basic.Contains(c, StringComparison.Ordinal))
            {
                septets++;
            }
            else if (Gsm7Extension.Contains(c, StringComparison.Ordinal))
            {
                septets += 2;
            }
            else
            {
                return new SmsSegmentInfo("UCS-2", body.Length, Count(body.Length, 70, 67));
            }
        }

        return new SmsSegmentInfo("GSM-7", septets, Count(septets, 160, 153));
    }

    private static int Count(int units, int single, int perSegment) =>
        units == 0 ? 1 : units <= single ? 1 : (units + perSegment - 1) / perSegment;
}
