namespace IvrService.Audio.Tests;

public class AudioOptionsValidatorTests
{
    private readonly AudioOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeed() => Assert.True(_validator.Validate(null, new AudioOptions()).Succeeded);

    [Fact]
    public void Validate_BucketX_Succeeds() => Assert.True(_validator.Validate(null, new AudioOptions { Bucket = "x" }).Succeeded);

    [Fact]
    public void Validate_EmptyRegionWithBucket_NamesAudioRegion()
    {
        var result = _validator.Validate(null, new AudioOptions { Bucket = "x", Region = "" });

        Assert.Contains("Audio:Region", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PresignWindowTooShort_NamesTheSetting()
    {
        var result = _validator.Validate(null, new AudioOptions { Bucket = "x", UrlMode = AudioUrlMode.Presigned, PresignWindow = TimeSpan.FromSeconds(5) });

        Assert.Contains("Audio:PresignWindow", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LocalModeWithoutPath_NamesAudioLocalPath()
    {
        var result = _validator.Validate(null, new AudioOptions { LocalPath = "" });

        Assert.Contains("Audio:LocalPath", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, PreflightMode.Off)]
    [InlineData("x", PreflightMode.Warn)]
    public void EffectivePreflight_DefaultsByBucket(string? bucket, PreflightMode expected)
        => Assert.Equal(expected, new AudioOptions { Bucket = bucket }.EffectivePreflight);

    [Fact]
    public void EffectivePreflight_NoBucket_IsOffEvenWhenFailIsConfigured()
        => Assert.Equal(PreflightMode.Off, new AudioOptions { PreflightOnStart = PreflightMode.Fail }.EffectivePreflight);
}
