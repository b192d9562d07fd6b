namespace IvrService.Fallback.Tests;

/// <summary>Forms Twilio posts to the fallback.</summary>
internal static class Webhooks
{
    public const string CallSid = "CA00000000000000000000000000000001";

    public static Dictionary<string, string> FailedCall(string? errorCode, string? errorUrl, params (string Key, string Value)[] extra)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CallSid"] = CallSid,
            ["AccountSid"] = "AC00000000000000000000000000000001",
            ["From"] = "+14155550100",
            ["To"] = "+15005550006",
            ["CallStatus"] = "in-progress",
            ["Direction"] = "inbound",
        };
        if (errorCode is not null)
        {
            form["ErrorCode"] = errorCode;
        }

        if (errorUrl is not null)
        {
            form["ErrorUrl"] = errorUrl;
        }

        foreach (var (key, value) in extra)
        {
            form[key] = value;
        }

        return form;
    }

    public static Dictionary<string, string> FailedMessage(string? errorCode, string? errorUrl, string body) => new(StringComparer.Ordinal)
    {
        ["MessageSid"] = "SM00000000000000000000000000000001",
        ["AccountSid"] = "AC00000000000000000000000000000001",
        ["From"] = "+14155550100",
        ["To"] = "+15005550006",
        ["Body"] = body,
        ["NumMedia"] = "0",
        ["ErrorCode"] = errorCode ?? "",
        ["ErrorUrl"] = errorUrl ?? "",
    };
}
