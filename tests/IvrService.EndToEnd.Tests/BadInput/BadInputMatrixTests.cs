using System.Security.Cryptography;
using System.Xml.Linq;

namespace IvrService.EndToEnd.Tests.BadInput;

/// <summary>
/// Sends every row of <see cref="BadInputMatrix"/> to every webhook of both apps, each a real Kestrel process in
/// Production mode, and checks: a 4xx or safe TwiML as the row says, never a 5xx; the reason in the app's log;
/// no unhandled exception; and the app still answers /healthz and a normal signed call afterwards.
/// </summary>
[Collection(BadInputGroup.Name)]
public class BadInputMatrixTests(BadInputApps apps)
{
    private static readonly TimeSpan LogTimeout = TimeSpan.FromSeconds(5);

    public static TheoryData<string, string> Rows()
    {
        var rows = new TheoryData<string, string>();
        foreach (var row in BadInputMatrix.Cases)
        {
            foreach (var route in BadInputApps.Routes.Where(r => row.AppliesTo?.Invoke(r) ?? true))
            {
                rows.Add(row.Name, route.App + " " + route.PathAndQuery);
            }
        }

        return rows;
    }

    [Fact]
    public void Matrix_RowNames_AreUniqueAndEveryRowRuns()
    {
        Assert.Equal(BadInputMatrix.Cases.Count, BadInputMatrix.Cases.Select(c => c.Name).Distinct().Count());
        Assert.True(Rows().Count > 300, $"{Rows().Count} cases");
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task BadInput_EveryWebhook_GetsSafeAnswerAndLoggedReason(string row, string route)
    {
        var badCase = BadInputMatrix.Cases.Single(c => c.Name == row);
        var webhook = BadInputApps.Routes.Single(r => r.App + " " + r.PathAndQuery == route);
        var app = apps.For(webhook);
        var traceId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var context = new CaseContext(apps, webhook, traceId);
        var request = badCase.Build(context).WithHeader("traceparent", $"00-{traceId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}-01");
        var mark = app.LineCount();

        var response = await RawResponse.SendAsync(app.BaseUri, request, halfClose: badCase.HalfClose);

        var reason = badCase.Log(webhook);
        var logged = await app.WaitForLineAsync(mark, l => reason.Matches(l, context), LogTimeout);
        var lines = app.LinesSince(mark);
        var because = $"{row} → {route}: answered {response.Status} {Shorten(response.Body)}\nlog since the request:\n{string.Join('\n', lines.Select(l => l.ToString()))}";

        Assert.False(response.Status >= 500, because);
        Assert.True(response.Status != 0 || badCase.MayGoUnanswered, "no answer. " + because);
        if (response.Status == 0)
        {
            // Unanswered by design (the client hung up): the reason is still logged below.
        }
        else if (badCase.Answer == Answer.Rejected4xx)
        {
            Assert.True(response.Status is >= 400 and < 500, "expected a 4xx. " + because);
        }
        else
        {
            Assert.True(response.Status == 200, "expected TwiML. " + because);
            AssertSafeTwiml(webhook, response, because);
        }

        Assert.True(logged is not null, $"no log line '{reason}'. " + because);
        Assert.DoesNotContain(lines, l => l.Level is "Error" or "Fatal");
        await AssertStillServingAsync(apps, webhook);
    }

    private static void AssertSafeTwiml(WebhookRoute route, RawResponse response, string because)
    {
        Assert.StartsWith("application/xml", response.Headers.GetValueOrDefault("Content-Type") ?? "", StringComparison.Ordinal);
        var twiml = XDocument.Parse(response.Body);
        Assert.Equal("Response", twiml.Root?.Name.LocalName);
        if (route.DrivesCall)
        {
            // Keeps the call going (Gather, Redirect, Dial, Record) or ends it politely (a prompt, then Hangup).
            var verbs = twiml.Root!.Elements().Select(e => e.Name.LocalName).ToList();
            var goesOn = verbs.Any(v => v is "Gather" or "Redirect" or "Dial" or "Record" or "Enqueue");
            var politeEnd = verbs.LastOrDefault() == "Hangup" && verbs.Any(v => v is "Play" or "Say");
            Assert.True(goesOn || politeEnd, "the caller would be lost: " + string.Join(",", verbs) + ". " + because);
        }
    }

    internal static async Task AssertStillServingAsync(BadInputApps apps, WebhookRoute route)
    {
        var app = apps.For(route);
        Assert.False(app.HasExited, $"{route.App} exited:\n{app.Output}");
        var health = await RawResponse.SendAsync(app.BaseUri, new RawRequest("GET", "/healthz", [], []));
        Assert.Equal(200, health.Status);
        var call = await RawResponse.SendAsync(app.BaseUri, apps.SignedPost(route, route.ValidForm()));
        Assert.True(call.Status == 200, $"a normal signed call to {route} answered {call.Status}");
        Assert.Equal("Response", XDocument.Parse(call.Body).Root?.Name.LocalName);
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
