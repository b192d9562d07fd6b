using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using IvrService.Testing;
using IvrService.Testing.Telemetry;
using IvrService.Testing.Twilio;

namespace IvrService.EndToEnd.Tests.Deployment;

/// <summary>
/// The fallback ships as Native AOT: its publish must produce no trim or AOT warning (IL2xxx, IL3xxx; the build treats
/// warnings as errors, and this test reads the output as well), and the binary must answer a signed failover and
/// count it on /metrics — OpenTelemetry included.
/// </summary>
public sealed partial class FallbackAotPublishTests
{
    private const string Token = "aot-test-auth-token";

    [Fact]
    public async Task NativeAotPublish_HasNoTrimOrAotWarnings_AndTheBinaryAnswersAndCounts()
    {
        var output = Path.Combine(Path.GetTempPath(), "ivr-aot-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exitCode, log) = await RunAsync("dotnet", RepoPaths.Root,
                "publish", Path.Combine(RepoPaths.Root, "src", "IvrService.Fallback"), "-c", "Release", "-r", "linux-x64",
                "-o", output, "-nologo", "-p:PublishAot=true");
            Assert.True(exitCode == 0, "publish failed:\n" + log);
            var warnings = TrimOrAotWarning().Matches(log).Select(m => m.Value).Distinct().ToList();
            Assert.True(warnings.Count == 0, "trim/AOT warnings: " + string.Join(", ", warnings) + "\n" + log);

            var port = AppProcess.FreePort();
            var info = new ProcessStartInfo(Path.Combine(output, "IvrService.Fallback")) { WorkingDirectory = output };
            await using var fallback = AppProcess.Launch(info, new Dictionary<string, string?>
            {
                ["Twilio__AuthToken"] = Token,
                ["Twilio__RequestValidation__BaseUrlOverride"] = $"http://127.0.0.1:{port}",
                ["Fallback__PrimaryHosts__0"] = "primary.example.com",
            }, port);
            Assert.True(await fallback.WaitUntilHealthyAsync(TimeSpan.FromSeconds(30)), fallback.Output);

            var url = new Uri(fallback.BaseUri, "/fallback/voice").AbsoluteUri;
            using var http = new HttpClient();
            using var request = TwilioRequestSigner.CreateFormPost(url, new Dictionary<string, string?>
            {
                ["CallSid"] = "CA00000000000000000000000000000001", ["From"] = "+14155550100", ["To"] = "+15005550006",
                ["ErrorCode"] = "11205", ["ErrorUrl"] = "https://primary.example.com/voice",
            }, Token);
            request.RequestUri = new Uri(url);
            using var response = await http.SendAsync(request);
            var twiml = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode && twiml.Contains("<Gather", StringComparison.Ordinal), twiml);

            var metrics = PrometheusText.Parse(await http.GetStringAsync(new Uri(fallback.BaseUri, "/metrics")));
            Assert.Equal(1, metrics.Sum("ivr_fallback_requests_total", ("twilio_error_code", "11205"), ("ivr_decision", "resumed")));
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string command, string directory, params string[] arguments)
    {
        var info = new ProcessStartInfo(command)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, new StringBuilder(await stdout).Append(await stderr).ToString());
    }

    [GeneratedRegex(@"\bIL[23]\d{3}\b")]
    private static partial Regex TrimOrAotWarning();
}
