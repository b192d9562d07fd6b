using Microsoft.Extensions.Options;

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
        await using var app = new FallbackAppFactory().With(key, value);

        // Program.cs logs the start-up failure as Fatal and exits; the factory then finds no server.
        Assert.ThrowsAny<InvalidOperationException>(() => app.CreateClient());

        var fatal = Assert.Single(app.Logs.Events, e => e.Level == Serilog.Events.LogEventLevel.Fatal);
        Assert.IsType<OptionsValidationException>(fatal.Exception);
        Assert.Contains(named, fatal.Exception!.Message, StringComparison.Ordinal);
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
