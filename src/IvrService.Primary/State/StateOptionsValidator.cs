using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IvrService.Primary.State;

/// <summary>Start-up validation of <see cref="StateOptions"/>; every message names the setting.</summary>
internal sealed class StateOptionsValidator : IValidateOptions<StateOptions>
{
    public ValidateOptionsResult Validate(string? name, StateOptions options)
    {
        var failures = new List<string>();
        if (options.UsesRedis)
        {
            try
            {
                var parsed = ConfigurationOptions.Parse(options.Redis!);
                if (parsed.EndPoints.Count == 0)
                {
                    failures.Add("State:Redis names no server; give host:port, e.g. redis:6379 (env State__Redis).");
                }
            }
            catch (ArgumentException ex)
            {
                failures.Add($"State:Redis is not a StackExchange.Redis configuration string: {ex.Message}");
            }
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromSeconds(10))
        {
            failures.Add("State:Timeout must be more than 0 and at most 00:00:10 (a webhook waits this long for Redis at most).");
        }

        if (options.ClaimTimeout < TimeSpan.FromSeconds(1))
        {
            failures.Add("State:ClaimTimeout must be at least 00:00:01.");
        }

        if (string.IsNullOrWhiteSpace(options.KeyPrefix) || options.KeyPrefix.AsSpan().ContainsAny('{', '}'))
        {
            failures.Add("State:KeyPrefix must be a non-empty name without braces (the app adds the hash tag).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
