using System.Globalization;
using System.Text;
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
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();

        var builder = new StringBuilder();
        void Row(IReadOnlyList<string> cells)
        {
            for (var i = 0; i < cells.Count; i++)
            {
                // Numbers are right-aligned so segment counts line up; the last column is not padded.
                var cell = i is 3 or 4 ? cells[i].PadLeft(widths[i]) : i == cells.Count - 1 ? cells[i] : cells[i].PadRight(widths[i]);
                builder.Append(cell).Append(i == cells.Count - 1 ? "" : "  ");
            }

            builder.Append('\n');
        }

        Row(headers);
        Row(headers.Select((h, i) => new string('-', i == headers.Length - 1 ? h.Length : widths[i])).ToArray());
        rows.ForEach(Row);
        return string.Join('\n', builder.ToString().Split('\n').Select(l => l.TrimEnd())).TrimEnd();
    }
}
