using System.Collections.Concurrent;
using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using IvrService.Cli.Commands;
using IvrService.Cli.Tests.Simulator;
using Microsoft.AspNetCore.Http;

namespace IvrService.Cli.Tests.Commands;

/// <summary>
/// <c>ivr number</c> against a Kestrel stand-in of Twilio's IncomingPhoneNumbers endpoints. Edge tests resolve
/// <c>api.{edge}.us1.twilio.com</c> through a connect seam: reachable hosts go to the stand-in, others to a closed port.
/// </summary>
public sealed class NumberCommandsTests : IAsyncLifetime
{
    private const string AccountSid = "AC00000000000000000000000000000001";
    private const string AuthToken = "s3cret-token-value";
    private const string NumberSid = "PN00000000000000000000000000000001";
    private const string Phone = "+15005550006";
    private const string ListPath = $"/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json";
    private const string NumberPath = $"/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{NumberSid}.json";
    private const string Ashburn = "api.ashburn.us1.twilio.com";
    private const string Umatilla = "api.umatilla.us1.twilio.com";

    private static readonly Dictionary<string, string> FieldNames = new(StringComparer.Ordinal)
    {
        ["VoiceUrl"] = "voice_url",
        ["VoiceMethod"] = "voice_method",
        ["VoiceFallbackUrl"] = "voice_fallback_url",
        ["VoiceFallbackMethod"] = "voice_fallback_method",
        ["StatusCallback"] = "status_callback",
        ["StatusCallbackMethod"] = "status_callback_method",
        ["SmsUrl"] = "sms_url",
        ["SmsMethod"] = "sms_method",
        ["SmsFallbackUrl"] = "sms_fallback_url",
        ["SmsFallbackMethod"] = "sms_fallback_method",
        ["VoiceApplicationSid"] = "voice_application_sid",
        ["SmsApplicationSid"] = "sms_application_sid",
    };

    private readonly ConcurrentDictionary<string, string?> _number = new(StringComparer.Ordinal)
    {
        ["sid"] = NumberSid,
        ["account_sid"] = AccountSid,
        ["phone_number"] = Phone,
        ["friendly_name"] = "Main line",
        ["voice_url"] = "https://old.example.com/voice",
        ["voice_method"] = "GET",
        ["voice_fallback_url"] = "",
        ["voice_fallback_method"] = "POST",
        ["status_callback"] = "",
        ["sms_url"] = "",
        ["sms_fallback_url"] = "",
        ["voice_application_sid"] = "AP00000000000000000000000000000001",
        ["sms_application_sid"] = "",
        ["trunk_sid"] = null,
    };

    private readonly ConcurrentQueue<int> _listFailures = new();
    private readonly ConcurrentQueue<string> _connects = new();
    private TwimlStandIn _app = null!;

    public async Task InitializeAsync()
    {
        _app = await TwimlStandIn.StartAsync();
        _app.Route(ListPath, async context =>
        {
            if (await RejectAsync(context))
            {
                return;
            }

            if (_listFailures.TryDequeue(out var status))
            {
                await ErrorAsync(context, status, 20500, "Internal server error");
                return;
            }

            var wanted = context.Request.Query["PhoneNumber"].ToString();
            var numbers = wanted == _number["phone_number"] ? new[] { _number.ToDictionary() } : [];
            await JsonAsync(context, new Dictionary<string, object?> { ["incoming_phone_numbers"] = numbers, ["next_page_uri"] = null });
        });
        _app.Route(NumberPath, async context =>
        {
            if (await RejectAsync(context))
            {
                return;
            }

            if (HttpMethods.IsPost(context.Request.Method))
            {
                foreach (var (key, value) in await context.Request.ReadFormAsync())
                {
                    _number[FieldNames.GetValueOrDefault(key, key)] = value.ToString();
                }
            }

            await JsonAsync(context, _number.ToDictionary());
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Configure_Defaults_SendsBasicAuthFormFieldsAndVoiceFragment()
    {
        var (exit, output, error) = await RunAsync(null, Configure(
            "--status-callback", "https://primary.example.com/voice/status",
            "--sms-url", "https://primary.example.com/sms",
            "--sms-fallback-url", "https://fallback.example.net/fallback/sms"));

        Assert.Equal(NumberCommands.ExitOk, exit);
        var list = Assert.Single(_app.To(ListPath));
        Assert.Equal("GET", list.Method);
        Assert.Contains("PhoneNumber=%2B15005550006", list.Url, StringComparison.Ordinal);
        var update = Assert.Single(_app.To(NumberPath));
        Assert.Equal("POST", update.Method);
        Assert.Equal(ExpectedAuthorization(AuthToken), update.Authorization);
        Assert.Equal(ExpectedAuthorization(AuthToken), list.Authorization);
        Assert.Equal(
            ["VoiceUrl", "VoiceMethod", "VoiceFallbackUrl", "VoiceFallbackMethod", "StatusCallback", "StatusCallbackMethod",
             "SmsUrl", "SmsMethod", "SmsFallbackUrl", "SmsFallbackMethod", "VoiceApplicationSid"],
            update.Form.Select(p => p.Key));
        Assert.Equal("https://primary.example.com/voice#ct=1000&rt=2500&tt=3500&rc=0", update["VoiceUrl"]);
        Assert.Equal("https://fallback.example.net/fallback/voice", update["VoiceFallbackUrl"]);
        Assert.Equal("POST", update["VoiceMethod"]);
        Assert.Equal("POST", update["VoiceFallbackMethod"]);
        Assert.Equal("https://primary.example.com/voice/status", update["StatusCallback"]);
        Assert.Equal("https://primary.example.com/sms", update["SmsUrl"]);
        Assert.Equal("https://fallback.example.net/fallback/sms", update["SmsFallbackUrl"]);
        Assert.Equal("", update["VoiceApplicationSid"]);
        Assert.Contains("Before:", output, StringComparison.Ordinal);
        Assert.Contains("GET https://old.example.com/voice", output, StringComparison.Ordinal);
        Assert.Contains("After:", output, StringComparison.Ordinal);
        Assert.Contains("POST https://primary.example.com/voice#ct=1000&rt=2500&tt=3500&rc=0", output, StringComparison.Ordinal);
        Assert.Contains("connect 1000 ms, read 2500 ms, total 3500 ms, retries 0", output, StringComparison.Ordinal);
        Assert.DoesNotContain(AuthToken, output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configure_EdgesAndExplicitTimers_OverrideDefaultsInBothUrls()
    {
        var (exit, _, _) = await RunAsync(null, Configure("--edge", "ashburn,us2", "--connect-timeout", "800", "--retries", "1"));

        Assert.Equal(NumberCommands.ExitOk, exit);
        var update = Assert.Single(_app.To(NumberPath));
        Assert.Equal("https://primary.example.com/voice#ct=800&rt=2500&tt=3500&rc=1&e=ashburn,umatilla", update["VoiceUrl"]);
        Assert.Equal("https://fallback.example.net/fallback/voice#e=ashburn,umatilla", update["VoiceFallbackUrl"]);
    }

    [Fact]
    public async Task Configure_FragmentInVoiceUrl_KeptUnlessOverridden()
    {
        var (exit, _, _) = await RunAsync(null, Configure("--voice-url", "https://primary.example.com/voice#rt=4000&rp=all", "--total-timeout", "6000"));

        Assert.Equal(NumberCommands.ExitOk, exit);
        var update = Assert.Single(_app.To(NumberPath));
        Assert.Equal("https://primary.example.com/voice#ct=1000&rt=4000&tt=6000&rc=0&rp=all", update["VoiceUrl"]);
    }

    [Fact]
    public async Task Configure_NoOverrides_SendsUrlsAsGiven()
    {
        var (exit, _, _) = await RunAsync(null, Configure("--no-overrides", "--edge", "ashburn"));

        Assert.Equal(NumberCommands.ExitOk, exit);
        var update = Assert.Single(_app.To(NumberPath));
        Assert.Equal("https://primary.example.com/voice", update["VoiceUrl"]);
        Assert.Equal("https://fallback.example.net/fallback/voice", update["VoiceFallbackUrl"]);
    }

    [Fact]
    public async Task Configure_DryRun_PrintsPlanWithoutUpdating()
    {
        var (exit, output, _) = await RunAsync(null, Configure("--dry-run"));

        Assert.Equal(NumberCommands.ExitOk, exit);
        Assert.Single(_app.To(ListPath));
        Assert.Empty(_app.To(NumberPath));
        Assert.Contains("Would set", output, StringComparison.Ordinal);
        Assert.Contains("https://primary.example.com/voice#ct=1000&rt=2500&tt=3500&rc=0", output, StringComparison.Ordinal);
        Assert.Equal("https://old.example.com/voice", _number["voice_url"]);
    }

    [Fact]
    public async Task Configure_CredentialsFromEnvironment_AuthenticatesWithThem()
    {
        var environment = new Dictionary<string, string>
        {
            [NumberCommands.AccountSidEnvironmentVariable] = AccountSid,
            [NumberCommands.AuthTokenEnvironmentVariable] = AuthToken,
        };
        string[] args = ["number", "configure", "--number", Phone, "--api-base", _app.BaseUrl.ToString(),
            "--voice-url", "https://primary.example.com/voice", "--fallback-url", "https://fallback.example.net/fallback/voice"];

        var (exit, _, _) = await RunAsync(null, args, environment);

        Assert.Equal(NumberCommands.ExitOk, exit);
        Assert.Equal(ExpectedAuthorization(AuthToken), Assert.Single(_app.To(NumberPath)).Authorization);
    }

    [Theory]
    [InlineData("--connect-timeout", "20000", "--connect-timeout")]
    [InlineData("--read-timeout", "50", "--read-timeout")]
    [InlineData("--total-timeout", "15001", "--total-timeout")]
    [InlineData("--retries", "9", "--retries")]
    [InlineData("--connect-timeout", "5000", "ct cannot exceed tt")]
    [InlineData("--voice-url", "ftp://primary.example.com/voice", "--voice-url")]
    [InlineData("--fallback-url", "/fallback/voice", "--fallback-url")]
    [InlineData("--status-callback", "not a url", "--status-callback")]
    [InlineData("--number", "5005550006", "E.164")]
    [InlineData("--number", "+1 500 555 0006", "E.164")]
    [InlineData("--account-sid", "AC123", "Account SID")]
    [InlineData("--edge", "atlantis", "--edge")]
    [InlineData("--voice-url", "https://primary.example.com/voice#ct=abc", "--voice-url")]
    public async Task Configure_InvalidInput_ExitsUsageBeforeAnyRequest(string option, string value, string expected)
    {
        var (exit, _, error) = await RunAsync(null, Configure(option, value));

        Assert.Equal(NumberCommands.ExitUsage, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Empty(_app.Received);
    }

    [Fact]
    public async Task Configure_RegionWithoutHomeEdge_ExitsUsage()
    {
        var (exit, _, error) = await RunAsync(null, Configure("--api-base", "http://api.twilio.com", "--region", "jp1"));

        Assert.Equal(NumberCommands.ExitUsage, exit);
        Assert.Contains("--region", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configure_MissingToken_ExitsUsageNamingTheVariable()
    {
        string[] args = ["number", "configure", "--account-sid", AccountSid, "--number", Phone, "--api-base", _app.BaseUrl.ToString(),
            "--voice-url", "https://primary.example.com/voice", "--fallback-url", "https://fallback.example.net/fallback/voice"];

        var (exit, _, error) = await RunAsync(null, args);

        Assert.Equal(NumberCommands.ExitUsage, exit);
        Assert.Contains(NumberCommands.AuthTokenEnvironmentVariable, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configure_WrongToken_Exits401WithClearMessageAndNoSecret()
    {
        var args = Configure();
        args[Array.IndexOf(args, AuthToken)] = "wrong-token-123";

        var (exit, output, error) = await RunAsync(null, args);

        Assert.Equal(NumberCommands.ExitAuthentication, exit);
        Assert.Contains("rejected the credentials", error, StringComparison.Ordinal);
        Assert.Contains("20003", error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-token-123", output + error, StringComparison.Ordinal);
        Assert.Single(_app.To(ListPath));
        Assert.Empty(_app.To(NumberPath));
    }

    [Fact]
    public async Task Configure_NumberNotInAccount_ExitsNotFound()
    {
        var args = Configure();
        args[Array.IndexOf(args, Phone)] = "+15005550009";

        var (exit, _, error) = await RunAsync(null, args);

        Assert.Equal(NumberCommands.ExitNotFound, exit);
        Assert.Contains("No phone number +15005550009", error, StringComparison.Ordinal);
        Assert.Empty(_app.To(NumberPath));
    }

    [Fact]
    public async Task Configure_UnknownAccount404_ExitsNotFound()
    {
        var args = Configure();
        args[Array.IndexOf(args, AccountSid)] = "AC00000000000000000000000000000002";

        var (exit, _, error) = await RunAsync(null, args);

        Assert.Equal(NumberCommands.ExitNotFound, exit);
        Assert.Contains("404", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configure_FirstEdgeUnreachable_FailsOverToNextEdge()
    {
        var (exit, _, error) = await RunAsync(
            () => EdgeClient(Umatilla),
            Configure("--api-base", "http://api.twilio.com", "--edge", "ashburn,umatilla"));

        Assert.Equal(NumberCommands.ExitOk, exit);
        Assert.Equal([Ashburn, Umatilla], _connects.Take(2));
        Assert.All(_app.Received, r => Assert.Equal(Umatilla, r.Headers["Host"]));
        Assert.Single(_app.To(ListPath));
        Assert.Equal(
            "https://primary.example.com/voice#ct=1000&rt=2500&tt=3500&rc=0&e=ashburn,umatilla",
            Assert.Single(_app.To(NumberPath))["VoiceUrl"]);
        Assert.Contains(Ashburn, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configure_EveryEdgeUnreachable_StopsAfterMaxAttempts()
    {
        var (exit, _, error) = await RunAsync(
            () => EdgeClient(),
            Configure("--api-base", "http://api.twilio.com", "--edge", "ashburn,umatilla", "--max-attempts", "3"));

        Assert.Equal(NumberCommands.ExitUnavailable, exit);
        Assert.Equal([Ashburn, Umatilla, Ashburn], _connects);
        Assert.Contains("after 3 attempt(s)", error, StringComparison.Ordinal);
        Assert.Empty(_app.Received);
    }

    [Fact]
    public async Task Show_ServerErrorOnce_RetriedAndSucceeds()
    {
        _listFailures.Enqueue(503);

        var (exit, output, _) = await RunAsync(null, Show());

        Assert.Equal(NumberCommands.ExitOk, exit);
        Assert.Equal(2, _app.To(ListPath).Count);
        Assert.Contains("https://old.example.com/voice", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_ServerErrorsPersist_BoundedByMaxAttempts()
    {
        for (var i = 0; i < 5; i++)
        {
            _listFailures.Enqueue(503);
        }

        var (exit, _, error) = await RunAsync(null, Show("--max-attempts", "2"));

        Assert.Equal(NumberCommands.ExitUnavailable, exit);
        Assert.Equal(2, _app.To(ListPath).Count);
        Assert.Contains("HTTP 503", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_Text_PrintsConfigurationWithParsedFragment()
    {
        _number["voice_url"] = "https://primary.example.com/voice#ct=1000&rt=2500&tt=3500&rc=0&e=ashburn";
        _number["voice_fallback_url"] = "https://fallback.example.net/fallback/voice";

        var (exit, output, error) = await RunAsync(null, Show());

        Assert.Equal(NumberCommands.ExitOk, exit);
        Assert.Contains($"Number {Phone} ({NumberSid})", output, StringComparison.Ordinal);
        Assert.Contains("connect 1000 ms, read 2500 ms, total 3500 ms, retries 0, edges ashburn", output, StringComparison.Ordinal);
        Assert.Contains("none (Twilio's defaults", output, StringComparison.Ordinal);
        Assert.Contains("Twilio ignores the voice URLs", output, StringComparison.Ordinal);
        Assert.Empty(_app.To(NumberPath));
        Assert.DoesNotContain(AuthToken, output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_Json_HasFieldsAndParsedOverrides()
    {
        _number["voice_url"] = "https://primary.example.com/voice#ct=900&rt=2000&tt=3000&rc=1&e=ashburn,umatilla";

        var (exit, output, _) = await RunAsync(null, Show("--json"));

        Assert.Equal(NumberCommands.ExitOk, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(NumberSid, root.GetProperty("sid").GetString());
        Assert.Equal("GET", root.GetProperty("voice_method").GetString());
        var overrides = root.GetProperty("voice_url_overrides");
        Assert.Equal(900, overrides.GetProperty("ct").GetInt32());
        Assert.Equal(2000, overrides.GetProperty("rt").GetInt32());
        Assert.Equal(3000, overrides.GetProperty("tt").GetInt32());
        Assert.Equal(1, overrides.GetProperty("rc").GetInt32());
        Assert.Equal(["ashburn", "umatilla"], overrides.GetProperty("e").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("voice_fallback_url_overrides").ValueKind);
    }

    [Fact]
    public async Task Show_WrongToken_ExitsAuthentication()
    {
        var args = Show();
        args[Array.IndexOf(args, AuthToken)] = "nope-nope";

        var (exit, _, error) = await RunAsync(null, args);

        Assert.Equal(NumberCommands.ExitAuthentication, exit);
        Assert.Contains("--auth-token", error, StringComparison.Ordinal);
    }

    private string[] Configure(params string[] extra)
    {
        var args = new List<string>
        {
            "number", "configure", "--account-sid", AccountSid, "--auth-token", AuthToken, "--number", Phone,
            "--api-base", _app.BaseUrl.ToString(),
            "--voice-url", "https://primary.example.com/voice", "--fallback-url", "https://fallback.example.net/fallback/voice",
        };
        for (var i = 0; i < extra.Length; i++)
        {
            if (extra[i] is "--dry-run" or "--no-overrides")
            {
                args.Add(extra[i]);
                continue;
            }

            var at = args.IndexOf(extra[i]);
            if (at >= 0)
            {
                args[at + 1] = extra[++i];
            }
            else
            {
                args.Add(extra[i]);
                args.Add(extra[++i]);
            }
        }

        return [.. args];
    }

    private string[] Show(params string[] extra) =>
        ["number", "show", "--account-sid", AccountSid, "--auth-token", AuthToken, "--number", Phone, "--api-base", _app.BaseUrl.ToString(), .. extra];

    private static async Task<(int Exit, string Output, string Error)> RunAsync(Func<HttpClient>? http, string[] args, Dictionary<string, string>? environment = null)
    {
        var root = new RootCommand();
        root.Subcommands.Add(NumberCommands.Create(name => environment?.GetValueOrDefault(name), http));
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>An HTTP client whose connections to <paramref name="reachableHosts"/> reach the stand-in; every other host is refused.</summary>
    private HttpClient EdgeClient(params string[] reachableHosts)
    {
        var deadPort = SimulatorTestHelpers.DeadUrl().Port;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var host = context.DnsEndPoint.Host;
                _connects.Enqueue(host);
                var port = reachableHosts.Contains(host, StringComparer.OrdinalIgnoreCase) ? _app.BaseUrl.Port : deadPort;
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler);
    }

    private static string ExpectedAuthorization(string token) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{token}"));

    private static async Task<bool> RejectAsync(HttpContext context)
    {
        if (context.Request.Headers.Authorization.ToString() == ExpectedAuthorization(AuthToken))
        {
            return false;
        }

        await ErrorAsync(context, 401, 20003, "Authenticate");
        return true;
    }

    private static async Task ErrorAsync(HttpContext context, int status, int code, string message)
    {
        context.Response.StatusCode = status;
        await JsonAsync(context, new Dictionary<string, object?>
        {
            ["code"] = code,
            ["message"] = message,
            ["more_info"] = $"https://www.twilio.com/docs/errors/{code}",
            ["status"] = status,
        });
    }

    private static async Task JsonAsync<T>(HttpContext context, T body)
    {
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
