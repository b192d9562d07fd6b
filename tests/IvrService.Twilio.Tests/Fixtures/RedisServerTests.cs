using IvrService.Testing;

namespace IvrService.Twilio.Tests.Fixtures;

/// <summary>The Redis fixture other projects' tests rely on (it lives in IvrService.Testing, which has no tests of its own).</summary>
public class RedisServerTests
{
    [RedisFact]
    public async Task StopThenStartAgain_PingFailsWhileDown_ThenAnswersOnTheSamePort()
    {
        await using var redis = await RedisServer.StartAsync();
        var port = redis.Port;

        Assert.True(await redis.PingAsync());
        Assert.Equal($"127.0.0.1:{port}", redis.ConfigurationString);
        await redis.FlushAllAsync();

        await redis.StopAsync();
        Assert.False(redis.IsRunning);
        Assert.False(await redis.PingAsync());

        await redis.StartAgainAsync();
        Assert.Equal(port, redis.Port);
        Assert.True(await redis.PingAsync());
    }

    [Fact]
    public void Command_IsTheDebianBinaryTestShInstalls() => Assert.Equal("redis-server", RedisServer.Command);
}
