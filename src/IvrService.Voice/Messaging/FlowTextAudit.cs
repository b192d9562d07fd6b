using System.Globalization;
using IvrService.Flow;
using IvrService.Twilio.Messaging;

namespace IvrService.Voice.Messaging;

/// <summary>One text the flow can send, measured.</summary>
/// <param name="Text">Where it is, its locale and words.</param>
/// <param name="Segments">Encoding, size and segments.</param>
/// <param name="Note">Why it is UCS-2, or that it is over budget; empty when there is nothing to say.</param>
public sealed record FlowTextMeasurement(FlowText Text, SmsSegmentInfo Segments, string Note);

/// <summary>What <see cref="FlowTextAudit.Audit"/> found.</summary>
/// <param name="Texts">Every text of the flow, in file order.</param>
/// <param name="Problems">Warnings (accidental UCS-2) and errors (over the segment budget), with JSON paths.</param>
/// <param name="MaxSegments">The budget applied.</param>
public sealed record FlowTextAuditResult(IReadOnlyList<FlowTextMeasurement> Texts, IReadOnlyList<FlowProblem> Problems, int MaxSegments);

/// <summary>
/// Measures every text a flow can send (SMS keyword replies, the default reply, <c>text</c> node bodies) with
/// <see cref="SmsSegmentCalculator"/>: a character with a GSM-7 look-alike that makes a text UCS-2 is a warning
/// naming it and its position; a text over the segment budget is an error. The primary runs it at start-up next to
/// the flow validator, and <c>ivr flow validate</c> prints it as a table.
/// </summary>
public static class FlowTextAudit
{
    /// <summary>Problem code of a character with a GSM-7 look-alike that makes a text UCS-2.</summary>
    public const string AccidentalUcs2Code = FlowProblemCodes.SmsAccidentalUcs2;

    /// <summary>Problem code of a text over the segment budget.</summary>
    public const string OverBudgetCode = FlowProblemCodes.SmsOverBudget;

    /// <summary>Audits <paramref name="flow"/> against <paramref name="maxSegments"/>, or the flow's own budget (<c>sms.maxSegments</c>, default 3).</summary>
    public static FlowTextAuditResult Audit(FlowDefinition flow, int? maxSegments = null)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var budget = maxSegments ?? flow.MaxTextSegments;
        var texts = new List<FlowTextMeasurement>();
        var problems = new List<FlowProblem>();
        foreach (var text in flow.EnumerateTexts())
        {
            var info = SmsSegmentCalculator.Calculate(text.Text);
            var notes = new List<string>();
            var accidents = info.Ucs2Characters.Where(c => c.IsAccidental).ToList();
            if (info.Encoding == SmsEncoding.Ucs2)
            {
                notes.Add("UCS-2: " + string.Join(", ", info.Ucs2Characters.Take(3).Select(Describe))
                    + (info.Ucs2Characters.Count > 3 ? string.Create(CultureInfo.InvariantCulture, $" (+{info.Ucs2Characters.Count - 3} more)") : ""));
            }

            if (accidents.Count > 0)
            {
                var plain = SmsSegmentCalculator.Calculate(SmsSegmentCalculator.ReplaceLookAlikes(text.Text));
                var effect = plain.Encoding != SmsEncoding.Gsm7
                    ? "it stays UCS-2 anyway because of " + Describe(plain.Ucs2Characters[0])
                    : plain.Segments < info.Segments
                        ? string.Create(CultureInfo.InvariantCulture, $"with plain characters it would be GSM-7, {Segments(plain.Segments)} instead of {info.Segments}")
                        : string.Create(CultureInfo.InvariantCulture, $"with plain characters it would be GSM-7 with room for {plain.UnitsLeft} more characters instead of {info.UnitsLeft}");
                problems.Add(new FlowProblem(FlowProblemSeverity.Warning, text.Path, AccidentalUcs2Code,
                    $"{string.Join(", ", accidents.Select(Describe))} made this text UCS-2 (70 characters per segment, 67 when split); {effect}."));
            }

            if (info.Segments > budget)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"over budget ({budget})"));
                problems.Add(new FlowProblem(FlowProblemSeverity.Error, text.Path, OverBudgetCode, string.Create(CultureInfo.InvariantCulture,
                    $"{Segments(info.Segments)} ({info.EncodingName}, {info.Units} units) is over the budget of {budget}: shorten the text or raise sms.maxSegments.")));
            }

            texts.Add(new FlowTextMeasurement(text, info, string.Join("; ", notes)));
        }

        return new FlowTextAuditResult(texts, problems, budget);
    }

    private static string Describe(SmsUcs2Character c)
    {
        var shown = c.Character.Any(char.IsWhiteSpace) || c.Character.All(ch => char.GetUnicodeCategory(ch) == UnicodeCategory.Format)
            ? c.CodePoint
            : $"'{c.Character}' ({c.CodePoint})";
        var at = string.Create(CultureInfo.InvariantCulture, $"{shown} at {c.Index}");
        return c.Gsm7Suggestion switch
        {
            null => at,
            "" => at + " (delete it)",
            var plain => $"{at} (use '{plain}')",
        };
    }

    private static string Segments(int count) => count == 1 ? "1 segment" : string.Create(CultureInfo.InvariantCulture, $"{count} segments");
}
