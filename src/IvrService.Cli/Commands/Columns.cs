using System.Text;

namespace IvrService.Cli.Commands;

/// <summary>
/// A plain-text table: a header row, a rule of dashes, and columns padded to their widest cell and two spaces apart
/// (the last one not padded); the columns named in <c>rightAligned</c> (numbers) line up on the right.
/// </summary>
internal static class Columns
{
    public static string Format(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, params int[] rightAligned)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        var body = rows.ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, body.Count == 0 ? 0 : body.Max(r => r[i].Length))).ToArray();
        var builder = new StringBuilder();
        void Row(IReadOnlyList<string> cells)
        {
            for (var i = 0; i < cells.Count; i++)
            {
                builder.Append(i == cells.Count - 1 ? cells[i]
                    : rightAligned.Contains(i) ? cells[i].PadLeft(widths[i]) + "  "
                    : cells[i].PadRight(widths[i] + 2));
            }

            builder.Append('\n');
        }

        Row(headers);
        Row(headers.Select((h, i) => new string('-', i == headers.Count - 1 ? h.Length : widths[i])).ToList());
        body.ForEach(Row);
        return string.Join('\n', builder.ToString().Split('\n').Select(l => l.TrimEnd())).TrimEnd();
    }
}
