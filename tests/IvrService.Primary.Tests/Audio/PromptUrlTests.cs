using Amazon.Runtime;
using IvrService.Primary.Tests.Voice;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace IvrService.Primary.Tests.Audio;

/// <summary>With <c>Audio:Bucket</c> set, every prompt is a URL into that bucket in us-east-1, stable for Twilio's cache.</summary>
public class PromptUrlTests
{
    [Fact]
    public async Task Bucket_Public_EveryPlayUrlPointsIntoTheBucketInUsEast1()
    {
        await using var app = new PrimaryAppFactory()
            .With("Audio:Bucket", "x")
            .With("Audio:PreflightOnStart", "Off");

        var call = new CallDriver(app.CreateSignedClient());
        var responses = new[] { await call.StartAsync(), await call.PressAsync("9"), await call.PressAsync("1") };

        var plays = responses.SelectMany(r => r.Plays()).ToList();
        Assert.NotEmpty(plays);
        Assert.All(plays, url => Assert.StartsWith("https://x.s3.us-east-1.amazonaws.com/", url, StringComparison.Ordinal));
        Assert.Contains("https://x.s3.us-east-1.amazonaws.com/es-US/connecting-sales.wav", plays);
    }

    [Fact]
    public async Task Bucket_Presigned_UrlStableWithinWindowAndNewAfterIt()
    {
        await using var app = new PrimaryAppFactory()
            .With("Audio:Bucket", "private-prompts")
            .With("Audio:UrlMode", "Presigned")
            .With("Audio:PresignWindow", "01:00:00")
            .With("Audio:PreflightOnStart", "Off");
        using var client = app.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton<AWSCredentials>(new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"))))
            .CreateTwilioSignedClient();

        var first = (await new CallDriver(client).StartAsync()).Plays();
        app.Time.Advance(TimeSpan.FromMinutes(20));
        var sameWindow = (await new CallDriver(client).StartAsync()).Plays();
        app.Time.Advance(TimeSpan.FromHours(1));
        var nextWindow = (await new CallDriver(client).StartAsync()).Plays();

        Assert.All(first, url => Assert.Contains("X-Amz-Signature=", url, StringComparison.Ordinal));
        Assert.StartsWith("https://private-prompts.s3.us-east-1.amazonaws.com/en-US/welcome.wav?", first[0], StringComparison.Ordinal);
        Assert.Equal(first, sameWindow);
        Assert.NotEqual(first[0], nextWindow[0]);
    }
}

internal static class FactoryClients
{
    public static HttpClient CreateTwilioSignedClient(this Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory) =>
        factory.CreateDefaultClient(new IvrService.Testing.Twilio.SigningHandler(PrimaryAppFactory.AuthToken, PrimaryAppFactory.PublicBase));
}
