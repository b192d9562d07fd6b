using System.Diagnostics;
using IvrService.EndToEnd.Tests.Deployment;
using IvrService.EndToEnd.Tests.Failover;
using IvrService.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace IvrService.EndToEnd.Tests.Phone;

/// <summary>
/// The dev phone as a person uses it: the real primary and fallback processes, the real <c>ivr phone</c> process, and
/// Debian's chromium driven by Playwright (launched by path; Playwright never downloads a browser). Leaves a
/// screenshot at <see cref="ScreenshotPath"/>.
/// </summary>
[Collection(FailoverSuite.Name)]
public sealed class DevPhoneBrowserTests(FailoverFixture apps, ITestOutputHelper output)
{
    /// <summary>Where the screenshot goes: <c>$IVR_TEST_ARTIFACTS</c>, else <c>artifacts/</c> in the test output folder.</summary>
    public static string ScreenshotPath => Path.Combine(
        Environment.GetEnvironmentVariable("IVR_TEST_ARTIFACTS") is { Length: > 0 } folder ? folder : Path.Combine(AppContext.BaseDirectory, "artifacts"),
        "dev-phone.png");

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required",
    ];

    [Fact]
    public async Task Phone_CallKeysAndPrimaryFailure_InARealBrowser()
    {
        var chromium = ExternalTool.Require("chromium", "Debian: apt-get install chromium");
        var stopwatch = Stopwatch.StartNew();
        var port = AppProcess.FreePort();
        var tests = Path.Combine(Path.GetTempPath(), $"phone-{Guid.NewGuid():N}.tests.yaml");
        await using var phone = AppProcess.StartTool("IvrService.Cli", "ivr",
        [
            "phone", "--url", apps.PrimaryVoiceUrl.ToString(), "--fallback-url", apps.FallbackUrl.ToString(),
            "--token", FailoverFixture.Token, "--flow", RepoPaths.SampleFlow, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--no-open", "--tests", tests,
        ], port);
        Assert.True(await phone.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60)), "ivr phone did not start:\n" + phone.Output);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        page.SetDefaultTimeout(20_000);
        var offsite = new List<string>();
        var pageErrors = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(phone.BaseUri.ToString(), StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                offsite.Add(request.Url);
            }
        };
        page.PageError += (_, error) => pageErrors.Add(error);
        page.Console += (_, message) => output.WriteLine($"console.{message.Type}: {message.Text}");

        try
        {
            await page.GotoAsync(phone.BaseUri.ToString());
            await page.Locator("body[data-ready=true]").WaitForAsync();
            await page.Locator("#diagram svg").WaitForAsync();
            Assert.Equal("Ready: press Call", await page.Locator("#status").TextContentAsync());

            // Keys are answered by hand in this test; Twilio-like timeouts would race the clicks.
            await page.GetByLabel("Time out like Twilio").UncheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Call", Exact = true }).ClickAsync();

            // The primary answers; the real prompts arrive and load as audio; the caller waits in the main menu.
            await Expect(page.Locator("#status")).ToContainTextAsync("Listening for 1 key");
            await Expect(page.Locator("#transcript")).ToContainTextAsync("Thank you for calling Example Company.");
            await Expect(page.Locator("#answered")).ToContainTextAsync("Primary");
            await Expect(page.Locator("#current-node")).ToHaveTextAsync("main");
            Assert.Equal("n_main", await CurrentDiagramIdAsync(page));
            await page.WaitForFunctionAsync(
                "() => { const a = [...document.querySelectorAll('audio.prompt')]; return a.length >= 2 && a.every(x => x.readyState >= 1 && x.duration > 0); }");
            var audio = await page.EvaluateAsync<string>(
                "async () => { const a = document.querySelector('audio.prompt'); const b = new Uint8Array(await (await fetch(a.src)).arrayBuffer());"
                + " return String.fromCharCode(...b.slice(0, 4)) + String.fromCharCode(...b.slice(8, 12)) + ':' + b.length + ':' + a.duration; }");
            output.WriteLine($"first prompt as the browser got it: {audio}");
            Assert.StartsWith("RIFFWAVE:", audio, StringComparison.Ordinal);

            // A key from the keyboard: opening hours, then back to the menu.
            await page.Keyboard.PressAsync("3");
            await Expect(page.Locator("#transcript")).ToContainTextAsync("Caller presses 3");
            await Expect(page.Locator("#transcript")).ToContainTextAsync("We are open Monday to Friday");
            await Expect(page.Locator("#status")).ToContainTextAsync("Listening for 1 key");

            // The primary goes down; the next key reaches the fallback, which resumes where the caller was.
            await page.GetByLabel("Make the primary fail").CheckAsync();
            await Expect(page.Locator("fieldset.failure")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bon\\b"));
            await page.GetByRole(AriaRole.Button, new() { Name = "4", Exact = true }).ClickAsync();
            await Expect(page.Locator("#transcript")).ToContainTextAsync("ErrorCode=11205");
            await Expect(page.Locator("#transcript")).ToContainTextAsync($"ErrorUrl={apps.Primary.BaseUri}voice/continue?n=main");
            await Expect(page.Locator("#requests")).ToContainTextAsync("Fallback");
            await Expect(page.Locator("#answered")).ToContainTextAsync("Fallback");
            await Expect(page.Locator("#status")).ToContainTextAsync("Call ended");
            await Expect(page.Locator("#current-node")).ToHaveTextAsync("voicemail");
            Assert.Equal("n_voicemail", await CurrentDiagramIdAsync(page));
            await page.WaitForFunctionAsync(
                "() => [...document.querySelectorAll('audio.prompt')].some(a => a.src.includes('fallback') && a.readyState >= 1 && a.duration > 0)");

            // "Save as scenario" asks for a name and appends the call just made to the scenario file.
            page.Dialog += (_, dialog) => _ = dialog.AcceptAsync("keys and a failover");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save as scenario" }).ClickAsync();
            await Expect(page.Locator("#status")).ToContainTextAsync("Saved as scenario \"keys and a failover\"");
            var saved = await File.ReadAllTextAsync(tests);
            output.WriteLine(saved);
            Assert.Contains("- press: \"3\"", saved, StringComparison.Ordinal);
            Assert.Contains("- fail: 11205", saved, StringComparison.Ordinal);
            Assert.Contains("servedBy: fallback", saved, StringComparison.Ordinal);

            Directory.CreateDirectory(Path.GetDirectoryName(ScreenshotPath)!);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath, FullPage = true });
            output.WriteLine($"screenshot: {ScreenshotPath}; took {stopwatch.Elapsed.TotalSeconds:0.0} s");

            // Option 0 is the assistant: typed words go to the primary's agent over its signed WebSocket, and its answer
            // comes back into the transcript.
            await page.GetByLabel("Make the primary fail").UncheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Call", Exact = true }).ClickAsync();
            await Expect(page.Locator("#status")).ToContainTextAsync("Listening for 1 key");
            await page.Keyboard.PressAsync("0");
            await Expect(page.Locator("#transcript")).ToContainTextAsync("Agent: Hi! Ask me about our opening hours");
            await Expect(page.Locator("#say")).ToBeEnabledAsync();
            await page.Locator("#say").FillAsync("what are your opening hours");
            await page.GetByRole(AriaRole.Button, new() { Name = "Say", Exact = true }).ClickAsync();
            await Expect(page.Locator("#transcript")).ToContainTextAsync("Agent: We are open Monday to Friday");
            await page.GetByRole(AriaRole.Button, new() { Name = "Hang up" }).ClickAsync();
            await Expect(page.Locator("#status")).ToContainTextAsync("Call ended");

            // "Actual size" draws the diagram at Mermaid's own scale instead of fitting it into the panel.
            await page.GetByLabel("Actual size").CheckAsync();
            Assert.NotEqual("100%", await page.Locator("#diagram svg").GetAttributeAsync("width"));

            // A CLI built without npm has no Mermaid bundle: the page shows the diagram's text instead.
            var plain = await browser.NewPageAsync();
            await plain.RouteAsync("**/api/state", async route =>
            {
                var response = await route.FetchAsync();
                var json = (await response.TextAsync()).Replace("\"mermaidAvailable\":true", "\"mermaidAvailable\":false", StringComparison.Ordinal);
                await route.FulfillAsync(new RouteFulfillOptions { Response = response, Body = json });
            });
            await plain.GotoAsync(phone.BaseUri.ToString());
            await Expect(plain.Locator("#mermaid-text")).ToContainTextAsync("flowchart TD");
            Assert.Equal(0, await plain.Locator("#diagram svg").CountAsync());
            await plain.CloseAsync();
        }
        finally
        {
            File.Delete(tests);
            await page.GetByLabel("Make the primary fail").UncheckAsync(new() { Timeout = 5000 }).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        Assert.Empty(pageErrors);
        Assert.Empty(offsite);
    }

    private static async Task<string?> CurrentDiagramIdAsync(IPage page) =>
        await page.EvaluateAsync<string?>(
            "() => { const g = document.querySelector('#diagram g.node.current'); return g ? (g.dataset.id || g.id.replace(/^.*flowchart-(.*)-\\d+$/, '$1')) : null; }");

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
