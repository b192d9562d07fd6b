namespace IvrService.Twilio.Errors;

/// <summary>One entry of the error catalog.</summary>
/// <param name="Code">Twilio's numeric code (0 when the raw value was missing or not a number).</param>
/// <param name="Name">Twilio's short name for it.</param>
/// <param name="Description">What usually causes it, in one sentence.</param>
/// <param name="Family">The family a fallback acts on.</param>
/// <param name="IsKnown">False for codes that are not in the catalog (family guessed from the code's range).</param>
public sealed record TwilioError(int Code, string Name, string Description, ErrorFamily Family, bool IsKnown = true)
{
    /// <summary>The documentation page of the code.</summary>
    public Uri DocumentationUrl => new($"https://www.twilio.com/docs/api/errors/{Code}");
}
