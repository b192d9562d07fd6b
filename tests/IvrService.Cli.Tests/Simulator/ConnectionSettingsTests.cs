using IvrService.Cli.Simulator;

namespace IvrService.Cli.Tests.Simulator;

public sealed class ConnectionSettingsTests
{
    [Fact]
    public void TwilioDefaults_MatchTwiliosTimers()
    {
        var defaults = ConnectionSettings.TwilioDefaults;

        Assert.Equal(TimeSpan.FromSeconds(5), defaults.ConnectTimeout);
        Assert.Equal(1, defaults.Retries);
        Assert.Equal(TimeSpan.FromSeconds(15), defaults.ReadTimeout);
        Assert.Equal(TimeSpan.FromSeconds(15), defaults.TotalTimeout);
        Assert.Equal(RetryOn.Connect, defaults.RetryOn);
    }

    [Fact]
    public void WithFragment_AllKeys_Applied()
    {
        var notes = new List<string>();

        var settings = ConnectionSettings.TwilioDefaults.WithFragment("#ct=1000&rt=2000&tt=3000&rc=3&rp=4xx,5xx&e=dublin,frankfurt", notes, out var error);

        Assert.Null(error);
        Assert.Empty(notes);
        Assert.Equal(TimeSpan.FromMilliseconds(1000), settings.ConnectTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(2000), settings.ReadTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(3000), settings.TotalTimeout);
        Assert.Equal(3, settings.Retries);
        Assert.Equal(RetryOn.Status4xx | RetryOn.Status5xx, settings.RetryOn);
        Assert.Equal(["dublin", "frankfurt"], settings.Edges);
    }

    [Theory]
    [InlineData("ct=50", 100)]
    [InlineData("ct=20000", 10000)]
    public void WithFragment_OutOfRange_ClampedWithNote(string fragment, int expectedMs)
    {
        var notes = new List<string>();

        var settings = ConnectionSettings.TwilioDefaults.WithFragment(fragment, notes, out _);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), settings.ConnectTimeout);
        Assert.Single(notes);
    }

    [Fact]
    public void WithFragment_Garbage_KeepsValuesAndNotes()
    {
        var notes = new List<string>();

        var settings = ConnectionSettings.TwilioDefaults.WithFragment("rt=soon&zz=1&&rc=-1", notes, out var error);

        Assert.Null(error);
        Assert.Equal(ConnectionSettings.TwilioDefaults.ReadTimeout, settings.ReadTimeout);
        Assert.Equal(1, settings.Retries);
        Assert.Equal(3, notes.Count);
    }

    [Theory]
    [InlineData("e=atlantis", 11241)]
    [InlineData("e=ashburn,london-ix", 11242)]
    [InlineData("e=roaming", null)]
    public void WithFragment_Edges_ValidatedLikeTwilio(string fragment, int? expected)
    {
        ConnectionSettings.TwilioDefaults.WithFragment(fragment, [], out var error);

        Assert.Equal(expected, error);
    }

    [Fact]
    public void WithFragment_Empty_ReturnsSameInstance()
    {
        var settings = ConnectionSettings.TwilioDefaults;

        Assert.Same(settings, settings.WithFragment("", [], out _));
    }
}
