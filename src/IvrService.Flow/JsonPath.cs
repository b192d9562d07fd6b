using System.Text;

namespace IvrService.Flow;

/// <summary>Builds JSONPath locations such as <c>$.prompts['en-US'].welcome</c> for problems.</summary>
internal static class JsonPath
{
    public static string Of(string root, params string[] segments)
    {
        var builder = new StringBuilder(root);
        foreach (var segment in segments)
        {
            Append(builder, segment);
        }

        return builder.ToString();
    }

    public static string Append(string path, string segment) => Append(new StringBuilder(path), segment).ToString();

    private static StringBuilder Append(StringBuilder builder, string segment)
    {
        if (IsIdentifier(segment))
        {
            return builder.Append('.').Append(segment);
        }

        return builder.Append("['").Append(segment.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
    }

    private static bool IsIdentifier(string segment) =>
        segment.Length > 0 && (char.IsAsciiLetter(segment[0]) || segment[0] == '_') &&
        segment.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
