using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrService.Twilio.AspNetCore;

/// <summary>Says loudly at start-up when webhooks will not be validated or cannot be accepted.</summary>
internal sealed partial class TwilioValidationStartupReport(
    IOptions<TwilioOptions> options, IHostEnvironment environment, ILogger<TwilioValidationStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var value = options.Value;
        if (!value.RequestValidation.Enabled)
        {
            LogDisabled(logger, environment.EnvironmentName);
        }
        else if (value.EffectiveAuthTokens().Count == 0 && value.EffectiveSharedKeySecrets().Count == 0)
        {
            LogNoToken(logger, environment.EnvironmentName);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 4033, EventName = "TwilioValidationDisabledAtStartup", Level = LogLevel.Warning,
        Message = "Twilio signature validation is DISABLED in {Environment} (Twilio:RequestValidation:Enabled=false): " +
                  "anyone can call the webhooks. Never use this outside local development.")]
    private static partial void LogDisabled(ILogger logger, string environment);

    [LoggerMessage(EventId = 4034, EventName = "TwilioNoAuthToken", Level = LogLevel.Warning,
        Message = "No Twilio auth token in {Environment}: every webhook will be refused with 403. Set Twilio:AuthToken " +
                  "(environment variable Twilio__AuthToken, or 'dotnet user-secrets set Twilio:AuthToken <token>'); " +
                  "to test without Twilio, sign requests with any token you also configure here.")]
    private static partial void LogNoToken(ILogger logger, string environment);
}
