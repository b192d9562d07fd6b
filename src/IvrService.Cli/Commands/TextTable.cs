using System.Globalization;
using IvrService.Voice.Messaging;

namespace IvrService.Cli.Commands;

/// <summary>The texts of a flow with their encoding and segments, columns padded to their widest cell.</summary>
internal static class TextTable
{
    public static string Format(IReadOnlyList<FlowTextMeasurement> texts)
    {
        string[] headers = ["PATH", "LOCALE", "ENCODING", "CHARS", "SEGMENTS", "NOTE"];
        var rows = texts.Select(t => new[]
        {
            t.Text.Path,
            t.Text.Locale ?? "*",
            t.Segments.EncodingName,
            t.Segments.Characters.ToString(CultureInfo.InvariantCulture),
            t.Segments.Segments.ToString(CultureInfo.InvariantCulture),
            t.Note,
        }).ToList();
        // Numbers are right-aligned so segment counts line up.
        return Columns.Format(headers, rows, 3, 4);
    }
}
