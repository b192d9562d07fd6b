using IvrService.Testing;

namespace IvrService.Fallback.Tests;

/// <summary>Settings that cannot work stop start-up with a message naming them; content never does.</summary>
public class FallbackOptionsTests
{
    [Theory]
    [InlineData("Fallback:SupportNumber", "call-me-maybe", "Fallback:SupportNumber")]
    [InlineData("Fallback:PrimaryHosts:0", "https://primary.example.com/voice", "Fallback:PrimaryHosts:0")]
    [InlineData("Fallback:Mode", "Transfer", "Fallback:Mode")]
    [InlineData("Fallback:TransferTimeoutSeconds", "1", "TransferTimeoutSeconds")]
    [InlineData("Fallback:ApologyText", "", "Fallback:ApologyText")]
    public async Task Start_BadSetting_FailsNamingTheSetting(string key, string value, string named)
    {
        // The real process: start-up refusals are about what an operator sees, an exit code and a message.
        await using var app = AppProcess.Start("IvrService.Fallback", new Dictionary<string, string?>
        {
            ["Twilio__AuthToken"] = "token",
            [key.Replace(":", "__", StringComparison.Ordinal)] = value,
        });

        Assert.True(await app.WaitForExitAsync(TimeSpan.FromSeconds(60)), "the fallback started with " + key + "=" + value + ":\n" + app.Output);
        Assert.NotEqual(0, app.ExitCode);
        Assert.Contains(named, app.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, LastResortMode.Voicemail)]
    [InlineData("+15005550006", LastResortMode.Transfer)]
    public void EffectiveMode_Auto_DependsOnTheSupportNumber(string? supportNumber, LastResortMode expected)
    {
        var options = new FallbackOptions { SupportNumber = supportNumber };

        Assert.Equal(expected, options.EffectiveMode);
    }
}
