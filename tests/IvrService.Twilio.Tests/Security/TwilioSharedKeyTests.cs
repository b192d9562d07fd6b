using System.Security.Cryptography;
using System.Text;
using IvrService.Twilio.Security;

namespace IvrService.Twilio.Tests.Security;

/// <summary>
/// Webhooks a Webhook Rule signs with a SharedKey: <c>X-Twilio-Webhooks-Signature-Settings</c> names the key and the
/// algorithm; the signed string is the auth-token scheme's. The expected MACs here are computed with .NET's HMAC over
/// the string written out by hand, not with our signer; the SDK's verdicts are in <c>SdkSignatureOracleTests</c>.
/// </summary>
public class TwilioSharedKeyTests
{
    private const string Url = "https://ivr.example.com/voice?lang=es";
    private const string AuthToken = "auth-token-0123456789abcdef";
    private const string Secret = "shared-key-secret-0123456789";
    private const string Sha256Header = "key=webhooks_sharedkey_01JX,algorithm=HMAC_SHA256";

    private static readonly KeyValuePair<string, string?>[] Form = [new("From", "+15005550006"), new("CallSid", "CA123"), new("Digits", "5")];

    private static string Expected(string key, bool sha256)
    {
        var data = Encoding.UTF8.GetBytes(Url + "CallSidCA123Digits5From+15005550006");
        var secret = Encoding.UTF8.GetBytes(key);
#pragma warning disable CA5350 // Twilio's algorithm
        return Convert.ToBase64String(sha256 ? HMACSHA256.HashData(secret, data) : HMACSHA1.HashData(secret, data));
#pragma warning restore CA5350
    }

    private static TwilioSignedRequest Request(string signature, string? settings) =>
        new(Url, signature) { FormParameters = Form, SignatureSettings = settings };

    [Fact]
    public void Compute_HmacSha256_IsTheSha256MacOfTheSameSignedString()
    {
        var signature = TwilioSignature.Compute(Url, Form, Secret, TwilioSignatureAlgorithm.HmacSha256);

        Assert.Equal(Expected(Secret, sha256: true), signature);
        Assert.Equal(44, signature.Length);
        Assert.Equal(Expected(Secret, sha256: false), TwilioSignature.Compute(Url, Form, Secret));
    }

    [Theory]
    [InlineData("key=webhooks_sharedkey_01JX,algorithm=HMAC_SHA256", true)]
    [InlineData("key=webhooks_sharedkey_01JX,algorithm=hmac_sha256", true)]
    [InlineData(" key=webhooks_sharedkey_01JX , algorithm=HMAC_SHA256 ", true)]
    [InlineData("algorithm=HMAC_SHA256,key=webhooks_sharedkey_01JX", true)]
    [InlineData("key=webhooks_sharedkey_01JX,algorithm=HMAC_SHA1", false)]
    [InlineData("key=webhooks_sharedkey_01JX", false)]
    public void Validate_SignedWithSharedKey_AcceptsWithTheHeadersAlgorithm(string header, bool sha256)
    {
        var result = TwilioSignatureValidator.Validate(Request(Expected(Secret, sha256), header), [AuthToken], [Secret]);

        Assert.True(result.IsValid, result.Failure.ToString());
        Assert.Equal(sha256 ? TwilioSignatureAlgorithm.HmacSha256 : TwilioSignatureAlgorithm.HmacSha1, result.SharedKey!.Algorithm);
        Assert.Equal("webhooks_sharedkey_01JX", result.SharedKey.KeyId);
        Assert.Equal(0, result.MatchedTokenIndex);
    }

    [Fact]
    public void Validate_SecondSharedKeyDuringRotation_AcceptsWithItsIndex()
    {
        var result = TwilioSignatureValidator.Validate(Request(Expected("new-shared-secret", true), Sha256Header), [AuthToken], [Secret, "new-shared-secret"]);

        Assert.True(result.IsValid);
        Assert.Equal(1, result.MatchedTokenIndex);
    }

    [Fact]
    public void Validate_SharedKeyHeaderButSignedWithAuthToken_Refused()
    {
        // Twilio signed with the key the header names; the auth token is never tried for such a request.
        var sha1WithToken = TwilioSignatureValidator.Validate(Request(Expected(AuthToken, false), "key=k"), [AuthToken], [Secret]);
        var sha256WithToken = TwilioSignatureValidator.Validate(Request(Expected(AuthToken, true), Sha256Header), [AuthToken], [Secret]);

        Assert.Equal(TwilioSignatureFailure.NoMatch, sha1WithToken.Failure);
        Assert.Equal(TwilioSignatureFailure.NoMatch, sha256WithToken.Failure);
    }

    [Fact]
    public void Validate_AlgorithmMismatch_Refused()
    {
        // A SHA-1 MAC under a header that says SHA-256, and the reverse.
        Assert.False(TwilioSignatureValidator.Validate(Request(Expected(Secret, false), Sha256Header), [AuthToken], [Secret]).IsValid);
        Assert.False(TwilioSignatureValidator.Validate(Request(Expected(Secret, true), "key=k,algorithm=HMAC_SHA1"), [AuthToken], [Secret]).IsValid);
    }

    [Fact]
    public void Validate_NoHeader_SharedKeySecretIsNotAnAuthToken()
    {
        var result = TwilioSignatureValidator.Validate(Request(Expected(Secret, false), null), [AuthToken], [Secret]);

        Assert.Equal(TwilioSignatureFailure.NoMatch, result.Failure);
        Assert.Null(result.SharedKey);
        Assert.True(TwilioSignatureValidator.Validate(Request(Expected(AuthToken, false), null), [AuthToken], [Secret]).IsValid);
    }

    [Theory]
    [InlineData("key=k,algorithm=MD5", "MD5")]
    [InlineData("key=k,algorithm=HMAC_SHA512", "HMAC_SHA512")]
    [InlineData("key=k,algorithm=HMAC-SHA256", "HMAC-SHA256")]
    public void Validate_UnknownAlgorithm_RefusedWithReason(string header, string named)
    {
        var result = TwilioSignatureValidator.Validate(Request(Expected(Secret, true), header), [AuthToken], [Secret]);

        Assert.Equal(TwilioSignatureFailure.UnsupportedAlgorithm, result.Failure);
        Assert.Equal(named, result.SharedKey!.AlgorithmName);
    }

    [Fact]
    public void Validate_SharedKeyHeaderWithoutConfiguredSecret_RefusedWithReason()
    {
        var result = TwilioSignatureValidator.Validate(Request(Expected(Secret, true), Sha256Header), [AuthToken], ["  "]);

        Assert.Equal(TwilioSignatureFailure.NoSharedKeyConfigured, result.Failure);
        Assert.Equal(TwilioSignatureFailure.NoSharedKeyConfigured,
            TwilioSignatureValidator.Validate(Request(Expected(Secret, true), Sha256Header), [AuthToken]).Failure);
    }

    [Fact]
    public void Validate_SharedKeyOnly_RequestWithoutHeaderHasNoToken()
    {
        var result = TwilioSignatureValidator.Validate(Request(Expected(Secret, false), null), [], [Secret]);

        Assert.Equal(TwilioSignatureFailure.NoTokenConfigured, result.Failure);
    }

    [Fact]
    public void Validate_JsonBodySignedWithSharedKey_ChecksBodyHashAndSha256Mac()
    {
        var body = Encoding.UTF8.GetBytes("""{"CallSid":"CA1","n":1}""");
        var url = Url + "&bodySHA256=" + TwilioSignature.ComputeBodyHash(body);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(url)));
        var request = new TwilioSignedRequest(url, signature) { RawBody = body, SignatureSettings = Sha256Header };

        Assert.True(TwilioSignatureValidator.Validate(request, [AuthToken], [Secret]).IsValid);
        Assert.Equal(TwilioSignatureFailure.BodyHashMismatch,
            TwilioSignatureValidator.Validate(request with { RawBody = Encoding.UTF8.GetBytes("""{"CallSid":"CA1","n":2}""") }, [AuthToken], [Secret]).Failure);
    }

    [Fact]
    public void Validate_SharedKeySignedForAnotherPortForm_FoundAmongCandidates()
    {
        // The URL candidates are the same for both schemes: signed without :443, received with it.
        var signature = TwilioSignature.Compute(Url, Form, Secret, TwilioSignatureAlgorithm.HmacSha256);
        var request = new TwilioSignedRequest("https://ivr.example.com:443/voice?lang=es", signature)
        {
            FormParameters = Form,
            SignatureSettings = Sha256Header,
        };

        var result = TwilioSignatureValidator.Validate(request, [AuthToken], [Secret]);

        Assert.True(result.IsValid);
        Assert.Equal(Url, result.MatchedUrl);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_NoHeader_IsNull(string? header) => Assert.Null(TwilioSignatureSettings.Parse(header));

    [Fact]
    public void Parse_GarbageHeader_IsSha1WithoutKey()
    {
        // What the SDK's GetSignatureAlgorithm makes of it: no algorithm= means HMAC_SHA1 (and still the shared key).
        var settings = TwilioSignatureSettings.Parse(";;==,,garbage");

        Assert.NotNull(settings);
        Assert.True(settings.IsSupported);
        Assert.Equal(TwilioSignatureAlgorithm.HmacSha1, settings.Algorithm);
        Assert.Null(settings.KeyId);
    }
}
