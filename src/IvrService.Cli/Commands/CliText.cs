namespace IvrService.Cli.Commands;

/// <summary>Small checks and wordings every command shares.</summary>
internal static class CliText
{
    /// <summary>True when <paramref name="text"/> is an absolute http or https URL.</summary>
    public static bool IsHttpUrl(string? text, out Uri? url)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            return true;
        }

        url = null;
        return false;
    }

    /// <summary>
    /// Reads <paramref name="text"/> as the absolute http(s) URL option <paramref name="name"/> must be, or says on
    /// <paramref name="error"/> that it is not.
    /// </summary>
    public static bool TryUrl(string? text, string name, TextWriter error, out Uri? url)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (IsHttpUrl(text, out url))
        {
            return true;
        }

        error.WriteLine($"{name}: '{text}' is not an absolute http(s) URL");
        return false;
    }

    /// <summary>The trimmed value, or null when blank.</summary>
    public static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// An <see cref="ArgumentException"/>'s first sentence: it appends "(Parameter '…')" and the actual value on new
    /// lines, and users need neither.
    /// </summary>
    public static string FirstSentence(ArgumentException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var message = e.Message.Split('\n')[0];
        var parameter = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return (parameter >= 0 ? message[..parameter] : message).Trim();
    }
}
