using System.Text.Json;
using IvrService.Testing;

namespace IvrService.EndToEnd.Tests.BadInput;

/// <summary>One line of an app's JSON console log (Serilog's rendered compact format).</summary>
internal sealed class LogLine
{
    private readonly JsonElement _root;

    private LogLine(JsonElement root, string raw)
    {
        _root = root;
        Raw = raw;
    }

    public string Raw { get; }

    public string Level => Text("@l") ?? "Information";

    public string Message => Text("@m") ?? "";

    public string? TraceId => Text("@tr");

    public string? SourceContext => Text("SourceContext");

    public string? EventName =>
        _root.TryGetProperty("EventId", out var id) && id.ValueKind == JsonValueKind.Object && id.TryGetProperty("Name", out var name)
            ? name.GetString()
            : null;

    public bool Has(string property) => _root.TryGetProperty(property, out _);

    /// <summary>A property as text (numbers in invariant form), or null when absent.</summary>
    public string? Text(string property) =>
        !_root.TryGetProperty(property, out var value) ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : value.ValueKind == JsonValueKind.Null ? null
        : value.GetRawText();

    public static LogLine? TryParse(string line)
    {
        if (!line.StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            return new LogLine(document.RootElement.Clone(), line);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public override string ToString() => Raw.Length > 400 ? Raw[..400] + "…" : Raw;
}

/// <summary>The JSON log lines an <see cref="AppProcess"/> wrote, addressable by position.</summary>
internal static class AppLog
{
    public static int LineCount(this AppProcess app) => Lines(app).Count;

    public static IReadOnlyList<LogLine> LinesSince(this AppProcess app, int mark) =>
        Lines(app).Skip(mark).Select(LogLine.TryParse).OfType<LogLine>().ToList();

    /// <summary>Waits until a line after <paramref name="mark"/> matches; null after <paramref name="timeout"/>.</summary>
    public static async Task<LogLine?> WaitForLineAsync(this AppProcess app, int mark, Func<LogLine, bool> match, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (app.LinesSince(mark).FirstOrDefault(match) is { } line)
            {
                return line;
            }

            if (clock.Elapsed > timeout)
            {
                return null;
            }

            await Task.Delay(25);
        }
    }

    private static List<string> Lines(AppProcess app) =>
        app.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
}
