using System.Text;

namespace IvrService.Twilio.Rest;

/// <summary>
/// HTTP Basic credentials for the REST API: either the account's Auth Token or an API key (SK…) and its secret.
/// <see cref="ToString"/> never shows the secret.
/// </summary>
public sealed class TwilioCredentials
{
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    private readonly string _password;

    private TwilioCredentials(string accountSid, string username, string password)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountSid);
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        ArgumentException.ThrowIfNullOrEmpty(password);
        AccountSid = accountSid.Trim();
        Username = username.Trim();
        _password = password;
    }

    /// <summary>True for an account SID: <c>AC</c> and 32 hex digits.</summary>
    public static bool IsAccountSid(string? value) =>
        value is { Length: 34 } && value.StartsWith("AC", StringComparison.Ordinal) && value.AsSpan(2).IndexOfAnyExcept(HexDigits) < 0;

    /// <summary>The account whose resources are addressed (AC…); part of every URL path.</summary>
    public string AccountSid { get; }

    /// <summary>The Basic-auth user: the Account SID, or the API key SID.</summary>
    public string Username { get; }

    /// <summary>Account SID + Auth Token.</summary>
    public static TwilioCredentials FromAuthToken(string accountSid, string authToken) => new(accountSid, accountSid, authToken);

    /// <summary>API key SID (SK…) + secret, acting on <paramref name="accountSid"/>.</summary>
    public static TwilioCredentials FromApiKey(string accountSid, string apiKeySid, string apiKeySecret) =>
        new(accountSid, apiKeySid, apiKeySecret);

    /// <summary>The <c>Authorization</c> header value parameter (base64 of <c>user:secret</c>).</summary>
    internal string BasicParameter() => Convert.ToBase64String(Encoding.UTF8.GetBytes(Username + ":" + _password));

    /// <inheritdoc />
    public override string ToString() => $"{Username} (account {AccountSid})";
}
