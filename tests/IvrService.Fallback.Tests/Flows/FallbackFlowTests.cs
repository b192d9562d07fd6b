using System.Net;
using Serilog.Events;

namespace IvrService.Fallback.Tests.Flows;

/// <summary>The fallback never refuses to start over content: no flow, a broken flow, an unreadable flow.</summary>
public class FallbackFlowTests
{
    private const string ResumableUrl = "https://primary.example.com/voice/continue?n=main&l=en-US";

    public static TheoryData<string> BrokenFlows => new()
    {
        "{ this is not json",
        """{ "start": "main", "locales": ["en-US"], "nodes": { "main": { "type": "menu", "options": { "1": { "next": "nowhere" } } } } }""",
        "",
    };

    [Fact]
    public async Task Start_FlowFileAbsent_LogsAnErrorAndApologises()
    {
        await using var app = new FallbackAppFactory().With("Fallback:FlowPath", "/nonexistent/flow.json");

        var (status, twiml, _) = await app.PostAsync("/fallback/voice", Webhooks.FailedCall("11205", ResumableUrl));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(twiml!.Descendants("Gather"));
        Assert.Contains("technical difficulties", twiml.Root!.Element("Say")?.Value, StringComparison.Ordinal);
        var error = Assert.Single(app.Logs.Events, e => e.Level == LogEventLevel.Error);
        Assert.Contains("/nonexistent/flow.json", error.RenderMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BrokenFlows))]
    public async Task Start_FlowFileBroken_StillAnswersWithTheStaticApology(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"fallback-broken-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, content);
        try
        {
            await using var app = new FallbackAppFactory().With("Fallback:FlowPath", path);

            var (status, twiml, _) = await app.PostAsync("/fallback/voice", Webhooks.FailedCall("11205", ResumableUrl));
            using var health = await app.CreateClient().GetAsync(new Uri("/healthz", UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Empty(twiml!.Descendants("Gather"));
            Assert.NotNull(twiml.Descendants("Record").SingleOrDefault());
            Assert.Contains(app.Logs.Events, e => e.Level == LogEventLevel.Error && e.RenderMessage().Contains(path, StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Continue_FlowUnavailable_ApologisesInsteadOfFollowingTheState()
    {
        await using var app = new FallbackAppFactory().With("Fallback:FlowPath", "");

        var (status, twiml, _) = await app.PostAsync("/fallback/voice/continue?n=main&l=en-US", Webhooks.FailedCall(null, null, ("Digits", "1")));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(twiml!.Descendants("Dial"));
        Assert.Contains("technical difficulties", twiml.Root!.Element("Say")?.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audio_BundledPrompt_IsServedUnsignedWithAnAudioType()
    {
        await using var app = new FallbackAppFactory();

        using var response = await app.CreateClient().GetAsync(new Uri("/fallback/audio/en-US/welcome.wav", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/wav", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=86400", response.Headers.CacheControl?.ToString());
    }
}
