using System.Globalization;
using System.Text.RegularExpressions;

namespace IvrService.Testing.Telemetry;

/// <summary>One sample of a Prometheus text exposition: metric name, labels and value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>Whether every given label has the given value.</summary>
    public bool Has(params (string Label, string Value)[] labels) =>
        labels.All(l => Labels.TryGetValue(l.Label, out var v) && v == l.Value);
}

/// <summary>A small reader of the Prometheus text format (0.0.4), enough to assert on what an app exposes.</summary>
public static partial class PrometheusText
{
    public static IReadOnlyList<PrometheusSample> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<PrometheusSample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var match = SampleLine().Match(line);
            if (!match.Success)
            {
                throw new FormatException($"not a Prometheus sample line: {line}");
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (Match label in LabelPair().Matches(match.Groups["labels"].Value))
            {
                labels[label.Groups["k"].Value] = Regex.Unescape(label.Groups["v"].Value);
            }

            samples.Add(new PrometheusSample(
                match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }

        return samples;
    }

    /// <summary>The sum of the samples named <paramref name="name"/> that carry every given label value.</summary>
    public static double Sum(this IReadOnlyList<PrometheusSample> samples, string name, params (string Label, string Value)[] labels) =>
        samples.Where(s => s.Name == name && s.Has(labels)).Sum(s => s.Value);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>[^\s]+)(\s+\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<k>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<v>(\\.|[^""\\])*)""")]
    private static partial Regex LabelPair();
}
