using System.CommandLine;
using System.Text.RegularExpressions;
using IvrService.Cli.Commands;
using IvrService.Testing;

namespace IvrService.Cli.Tests.Commands;

public sealed partial class PhoneCommandTests
{
    private static RootCommand Root(Func<string, string?>? environment = null) =>
        new() { PhoneCommand.Create(environment ?? (_ => null)) };

    [Theory]
    [InlineData("--url", "ftp://example.com/voice", "--url")]
    [InlineData("--fallback-url", "not a url", "--fallback-url")]
    [InlineData("--port", "70000", "--port")]
    public async Task Phone_BadArgument_ExitsOneNamingIt(string option, string value, string named)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await Root().Parse(["phone", option, value, "--no-open"]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });

        Assert.Equal(PhoneCommand.ExitUsage, exit);
        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The phone's default token must be the one both apps accept in Development, or it gets 403s.</summary>
    [Theory]
    [InlineData("IvrService.Primary")]
    [InlineData("IvrService.Fallback")]
    public void DevelopmentToken_IsWhatTheAppAcceptsInDevelopment(string app)
    {
        var settings = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "src", app, "appsettings.Development.json")));

        Assert.Equal(PhoneCommand.DevelopmentToken, (string?)settings?["Twilio"]?["AuthToken"]);
    }

    [Fact]
    public async Task Phone_Started_ServesThePageOnLoopbackUntilCancelled()
    {
        using var output = new SynchronizedWriter();
        using var error = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var run = Root(name => name == CallCommands.TokenEnvironmentVariable ? "token-from-env" : null)
            .Parse(["phone", "--port", "0", "--no-open", "--flow", RepoPaths.SampleFlow, "--fallback-url", "none"])
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, stop.Token);

        Match address;
        while (!(address = PageAddress().Match(output.ToString())).Success)
        {
            Assert.False(run.IsCompleted, $"the phone stopped: {output}{error}");
            await Task.Delay(50, stop.Token);
        }

        using var client = new HttpClient();
        var page = new Uri(address.Groups[1].Value);
        Assert.Equal("127.0.0.1", page.Host);
        Assert.Equal("ok", await client.GetStringAsync(new Uri(page, "/healthz")));
        Assert.Contains("signing with $TWILIO_AUTH_TOKEN", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("fallback (none)", output.ToString(), StringComparison.Ordinal);

        await stop.CancelAsync();
        Assert.Equal(PhoneCommand.ExitOk, await run);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync(new Uri(page, "/healthz")));
    }

    [GeneratedRegex(@"dev phone: (http://\S+)")]
    private static partial Regex PageAddress();

    /// <summary>The command writes from its own task while the test reads.</summary>
    private sealed class SynchronizedWriter : StringWriter
    {
        private readonly Lock _lock = new();

        public override void Write(char value)
        {
            lock (_lock)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_lock)
            {
                base.Write(value);
            }
        }

        public override void WriteLine(string? value)
        {
            lock (_lock)
            {
                base.WriteLine(value);
            }
        }

        public override string ToString()
        {
            lock (_lock)
            {
                return base.ToString();
            }
        }
    }
}
