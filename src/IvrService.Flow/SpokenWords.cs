using System.Text;

namespace IvrService.Flow;

/// <summary>
/// Whole-word phrase matching for what callers say: letters and digits lower-cased, everything else a space, so
/// "Opening hours?" contains "opening hours" but "shours" does not contain "hours". Menu speech hints and the built-in
/// agent's intent examples match this way.
/// </summary>
internal static class SpokenWords
{
    /// <summary><paramref name="text"/> as words between single spaces, with a space at each end.</summary>
    public static string Of(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append(' ');
        foreach (var c in text)
        {
            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        var collapsed = string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return $" {collapsed} ";
    }

    /// <summary>True when <paramref name="spoken"/> (already <see cref="Of"/>) contains <paramref name="phrase"/> as whole words.</summary>
    public static bool Contains(string spoken, string phrase) =>
        !string.IsNullOrWhiteSpace(phrase) && Of(phrase) is { Length: > 2 } words && spoken.Contains(words, StringComparison.Ordinal);
}
