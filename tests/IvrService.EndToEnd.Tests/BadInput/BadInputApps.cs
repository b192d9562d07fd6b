using System.Globalization;
using System.Text;
using IvrService.Testing;
using IvrService.Testing.Twilio;

namespace IvrService.EndToEnd.Tests.BadInput;

/// <summary>Which webhook a route is: decides the valid form a case starts from and what a safe answer looks like.</summary>
public enum WebhookKind
{
    Voice,
    Continue,
    Status,
    Sms,
    FallbackVoice,
    FallbackContinue,
    FallbackSms,
}

/// <summary>One webhook of one app, with the valid signed request every bad-input case mutates.</summary>
internal sealed record WebhookRoute(string App, WebhookKind Kind, string PathAndQuery)
{
    public bool IsContinue => Kind is WebhookKind.Continue or WebhookKind.FallbackContinue;

    public bool IsSms => Kind is WebhookKind.Sms or WebhookKind.FallbackSms;

    /// <summary>Voice routes whose TwiML drives the call (a status callback's answer is ignored by Twilio).</summary>
    public bool DrivesCall => Kind is not (WebhookKind.Status or WebhookKind.Sms or WebhookKind.FallbackSms);

    public string Path => PathAndQuery.Split('?')[0];

    public override string ToString() => PathAndQuery;

    /// <summary>The form Twilio would post to this route.</summary>
    public List<KeyValuePair<string, string?>> ValidForm()
    {
        var form = new List<KeyValuePair<string, string?>>
        {
            new("AccountSid", "AC00000000000000000000000000000008"),
            new("From", "+14155550100"),
            new("To", "+15005550006"),
            new("ApiVersion", "2010-04-01"),
        };
        if (IsSms)
        {
            form.Add(new("MessageSid", "SM00000000000000000000000000000008"));
            form.Add(new("Body", "HOURS"));
            form.Add(new("NumMedia", "0"));
        }
        else
        {
            form.Add(new("CallSid", "CA00000000000000000000000000000008"));
            form.Add(new("Direction", "inbound"));
            form.Add(new("CallStatus", Kind == WebhookKind.Status ? "completed" : "in-progress"));
        }

        if (Kind == WebhookKind.Status)
        {
            form.Add(new("CallDuration", "42"));
        }

        if (Kind is WebhookKind.FallbackVoice or WebhookKind.FallbackSms)
        {
            form.Add(new("ErrorCode", "11205"));
            form.Add(new("ErrorUrl", "http://127.0.0.1:1/voice"));
        }

        return form;
    }
}

/// <summary>Both apps as real Kestrel processes, in Production mode with JSON logs, shared by the bad-input suite.</summary>
public sealed class BadInputApps : IAsyncLifetime
{
    public const string Token = "bad-input-auth-token";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    internal AppProcess Primary { get; private set; } = null!;

    internal AppProcess Fallback { get; private set; } = null!;

    internal static IReadOnlyList<WebhookRoute> Routes { get; } =
    [
        new("primary", WebhookKind.Voice, "/voice"),
        new("primary", WebhookKind.Continue, "/voice/continue?n=main&l=en-US"),
        new("primary", WebhookKind.Status, "/voice/status"),
        new("primary", WebhookKind.Sms, "/sms"),
        new("fallback", WebhookKind.FallbackVoice, "/fallback/voice"),
        new("fallback", WebhookKind.FallbackContinue, "/fallback/voice/continue?n=main&l=en-US"),
        new("fallback", WebhookKind.FallbackSms, "/fallback/sms"),
    ];

    internal AppProcess For(WebhookRoute route) => route.App == "primary" ? Primary : Fallback;

    internal AppProcess For(string app) => app == "primary" ? Primary : Fallback;

    public async Task InitializeAsync()
    {
        var primaryPort = AppProcess.FreePort();
        var fallbackPort = AppProcess.FreePort();
        Primary = AppProcess.Start("IvrService.Primary", Settings(primaryPort), primaryPort);
        Fallback = AppProcess.Start("IvrService.Fallback", Settings(fallbackPort), fallbackPort);
        var up = await Task.WhenAll(Primary.WaitUntilHealthyAsync(StartTimeout), Fallback.WaitUntilHealthyAsync(StartTimeout));
        if (!up.All(u => u))
        {
            throw new InvalidOperationException($"Apps did not start.\nPrimary:\n{Primary.Output}\nFallback:\n{Fallback.Output}");
        }
    }

    public async Task DisposeAsync()
    {
        await Primary.DisposeAsync();
        await Fallback.DisposeAsync();
    }

    /// <summary>A well-formed, validly signed POST of <paramref name="form"/> to the route.</summary>
    internal RawRequest SignedPost(WebhookRoute route, IReadOnlyList<KeyValuePair<string, string?>> form, string? pathAndQuery = null)
    {
        var target = pathAndQuery ?? route.PathAndQuery;
        var body = Encoding.UTF8.GetBytes(Encode(form));
        return new RawRequest("POST", target, [("Content-Type", "application/x-www-form-urlencoded"), ("X-Twilio-Signature", Sign(route, target, form))], body);
    }

    /// <summary>The signature Twilio would send for <paramref name="form"/> posted to <paramref name="pathAndQuery"/>.</summary>
    internal string Sign(WebhookRoute route, string pathAndQuery, IEnumerable<KeyValuePair<string, string?>> form, string token = Token) =>
        TwilioRequestSigner.Sign(PublicUrl(route, pathAndQuery), form, token);

    internal string PublicUrl(WebhookRoute route, string pathAndQuery) => For(route).BaseUri.AbsoluteUri.TrimEnd('/') + pathAndQuery;

    internal static string Encode(IEnumerable<KeyValuePair<string, string?>> form) =>
        string.Join('&', form.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value ?? "")));

    private static Dictionary<string, string?> Settings(int port) => new()
    {
        ["Twilio__AuthToken"] = Token,
        ["Twilio__RequestValidation__BaseUrlOverride"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"),
        ["Fallback__PrimaryHosts__0"] = "127.0.0.1",
        ["Hosting__JsonLogs"] = "true",
    };
}

[CollectionDefinition(Name)]
public sealed class BadInputGroup : ICollectionFixture<BadInputApps>
{
    public const string Name = "Bad input against real processes";
}
