using IvrService.Testing.Logging;
using IvrService.Twilio.AspNetCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IvrService.Twilio.Tests.AspNetCore;

public class TwilioOptionsTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Start_NoAuthTokenOutsideDevelopment_FailsNamingTheSetting(string environment)
    {
        await using var app = ValidationTestApp.Build(GuardStyle.Middleware, environment, [], new InMemoryLoggerProvider());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Twilio:AuthToken", error.Message, StringComparison.Ordinal);
        Assert.Contains("Twilio__AuthToken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_BlankAuthTokenInProduction_Fails()
    {
        await using var app = ValidationTestApp.Build(GuardStyle.Middleware, "Production", [("Twilio:AuthToken", "   ")], new InMemoryLoggerProvider());

        await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
    }

    [Fact]
    public async Task Start_TokenUnderAspNetCoreKey_Accepted()
    {
        await using var app = ValidationTestApp.Build(
            GuardStyle.Middleware, "Production", [("Twilio:RequestValidation:AuthToken", "t")], new InMemoryLoggerProvider());

        await app.StartAsync();

        Assert.Equal("t", app.Services.GetRequiredService<IOptions<TwilioOptions>>().Value.EffectiveAuthTokens().Single());
    }

    [Fact]
    public async Task Start_SwitchOffInProduction_FailsNamingTheSetting()
    {
        await using var app = ValidationTestApp.Build(
            GuardStyle.Middleware, "Production", [("Twilio:AuthToken", "t"), ("Twilio:RequestValidation:Enabled", "false")], new InMemoryLoggerProvider());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Twilio:RequestValidation:Enabled", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Twilio:RequestValidation:TrustedProxies:0", "not-an-ip", "Twilio:RequestValidation:TrustedProxies:0")]
    [InlineData("Twilio:RequestValidation:TrustedProxies:0", "10.0.0.0/33", "Twilio:RequestValidation:TrustedProxies:0")]
    [InlineData("Twilio:RequestValidation:BaseUrlOverride", "abc.ngrok.app", "Twilio:RequestValidation:BaseUrlOverride")]
    [InlineData("Twilio:RequestValidation:BaseUrlOverride", "ftp://abc.ngrok.app", "Twilio:RequestValidation:BaseUrlOverride")]
    [InlineData("Twilio:RequestValidation:MaxBodyBytes", "0", "Twilio:RequestValidation:MaxBodyBytes")]
    public async Task Start_BadSetting_FailsNamingIt(string key, string value, string named)
    {
        await using var app = ValidationTestApp.Build(
            GuardStyle.Middleware, "Production", [("Twilio:AuthToken", "t"), (key, value)], new InMemoryLoggerProvider());

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bind_AllKeys_SanitisedAndBound()
    {
        await using var app = ValidationTestApp.Build(
            GuardStyle.Middleware,
            "Production",
            [
                ("Twilio:AuthToken", " primary "), ("Twilio:AccountSid", "AC123"),
                ("Twilio:RequestValidation:AdditionalAuthTokens:0", "old"), ("Twilio:RequestValidation:AdditionalAuthTokens:1", "primary"),
                ("Twilio:RequestValidation:BaseUrlOverride", "https://abc.ngrok.app/"),
                ("Twilio:RequestValidation:TrustedProxies:0", "10.0.0.0/8"), ("Twilio:RequestValidation:TrustedProxies:1", "::1"),
                ("Twilio:RequestValidation:PathPrefixes:0", "/voice"),
            ],
            new InMemoryLoggerProvider());

        await app.StartAsync();
        var options = app.Services.GetRequiredService<IOptions<TwilioOptions>>().Value;

        Assert.Equal("AC123", options.AccountSid);
        Assert.Equal(["primary", "old"], options.EffectiveAuthTokens());
        Assert.Equal("https://abc.ngrok.app", options.RequestValidation.BaseUrlOverride);
        Assert.Equal(["10.0.0.0/8", "::1"], options.RequestValidation.TrustedProxies);
        Assert.Equal(["/voice"], options.RequestValidation.PathPrefixes);
    }

    [Fact]
    public async Task Bind_EmptyBaseUrlOverride_MeansUnset()
    {
        await using var app = ValidationTestApp.Build(
            GuardStyle.Middleware, "Production", [("Twilio:AuthToken", "t"), ("Twilio:RequestValidation:BaseUrlOverride", "")], new InMemoryLoggerProvider());

        await app.StartAsync();

        Assert.Null(app.Services.GetRequiredService<IOptions<TwilioOptions>>().Value.RequestValidation.BaseUrlOverride);
    }

    [Fact]
    public void UseTwilioRequestValidation_NoPrefixes_ThrowsExplaining()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        builder.Configuration["Twilio:AuthToken"] = "t";
        builder.Services.AddTwilioRequestValidation();
        using var app = (IDisposable)builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => Microsoft.AspNetCore.Builder.TwilioRequestValidationExtensions.UseTwilioRequestValidation((Microsoft.AspNetCore.Builder.WebApplication)app));

        Assert.Contains("PathPrefixes", error.Message, StringComparison.Ordinal);
    }
}
