using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using IvrService.Audio.S3;

namespace IvrService.Audio.Tests.S3;

public class SigV4QueryPresignerTests
{
    private static readonly S3SigningCredentials DocsCredentials = new("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

    [Fact]
    public void PresignGet_AwsDocumentationExample_MatchesPublishedSignature()
    {
        // The worked example of "Authenticating Requests: Using Query Parameters (AWS Signature Version 4)".
        var address = new S3ObjectAddress("https", "examplebucket.s3.amazonaws.com", "/test.txt");

        var url = SigV4QueryPresigner.PresignGet(address, "us-east-1", DocsCredentials, new DateTimeOffset(2013, 5, 24, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(1));

        Assert.Equal(
            "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z"
            + "&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
            + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
            url.AbsoluteUri);
    }

    [Theory]
    [InlineData("en-US/welcome.wav")]
    [InlineData("es-US/menú principal (1).wav")]
    [InlineData("a+b/c~d_e-f.mp3")]
    public void PresignGet_SameInputsAsSdkPresigner_ProducesSameSignature(string key)
    {
        // The SDK signs with the real clock; re-sign with the date and expiry it used and the URLs must agree.
        using var client = new AmazonS3Client(new BasicAWSCredentials(DocsCredentials.AccessKeyId, DocsCredentials.SecretAccessKey),
            new AmazonS3Config { RegionEndpoint = Amazon.RegionEndpoint.USEast1 });
        var sdkUrl = new Uri(client.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = "prompts-bucket",
            Key = key,
            Verb = HttpVerb.GET,
            Expires = TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(2),
        }));
        var query = System.Web.HttpUtility.ParseQueryString(sdkUrl.Query);
        var signedAt = DateTimeOffset.ParseExact(query["X-Amz-Date"]!, "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal);
        var expires = TimeSpan.FromSeconds(int.Parse(query["X-Amz-Expires"]!));
        var address = new S3ObjectAddress("https", sdkUrl.Authority, sdkUrl.AbsolutePath);

        var ours = SigV4QueryPresigner.PresignGet(address, "us-east-1", DocsCredentials, signedAt, expires);

        Assert.Equal(query["X-Amz-Signature"], System.Web.HttpUtility.ParseQueryString(ours.Query)["X-Amz-Signature"]);
        Assert.Equal(S3ObjectAddress.For("prompts-bucket", "us-east-1", null, key).EscapedPath, sdkUrl.AbsolutePath);
    }

    [Fact]
    public void PresignGet_SessionToken_IsSignedIntoTheQuery()
    {
        var address = new S3ObjectAddress("https", "b.s3.us-east-1.amazonaws.com", "/k.wav");
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var withToken = SigV4QueryPresigner.PresignGet(address, "us-east-1", DocsCredentials with { SessionToken = "tok/en+=" }, at, TimeSpan.FromHours(1));
        var without = SigV4QueryPresigner.PresignGet(address, "us-east-1", DocsCredentials, at, TimeSpan.FromHours(1));

        Assert.Contains("X-Amz-Security-Token=tok%2Fen%2B%3D", withToken.AbsoluteUri, StringComparison.Ordinal);
        Assert.NotEqual(System.Web.HttpUtility.ParseQueryString(withToken.Query)["X-Amz-Signature"],
            System.Web.HttpUtility.ParseQueryString(without.Query)["X-Amz-Signature"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(604801)]
    public void PresignGet_ExpiryOutsideSigV4Limits_Throws(int seconds)
    {
        var address = new S3ObjectAddress("https", "b.s3.us-east-1.amazonaws.com", "/k.wav");

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            SigV4QueryPresigner.PresignGet(address, "us-east-1", DocsCredentials, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void SigningCredentials_ToString_DoesNotRevealTheSecret()
    {
        Assert.DoesNotContain(DocsCredentials.SecretAccessKey, DocsCredentials.ToString(), StringComparison.Ordinal);
    }
}
