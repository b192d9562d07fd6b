using System.Security.Cryptography;
using System.Text;
using IvrService.Twilio.Security;

namespace IvrService.Twilio.Tests.Security;

public class TwilioSignatureValidatorTests
{
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private const string UrlSignature = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    public static TheoryData<string, string, string, bool> Received => ProtocolVectors.Received;

    private static readonly string[] Tokens = [ProtocolVectors.Token];

    [Theory]
    [MemberData(nameof(Received))]
    public void Validate_PublishedVector_DecidesAsPublished(string parameters, string url, string signature, bool valid)
    {
        var request = new TwilioSignedRequest(url, signature) { FormParameters = ProtocolVectors.Params(parameters) };

        var result = TwilioSignatureValidator.Validate(request, Tokens);

        Assert.Equal(valid, result.IsValid);
        Assert.Equal(valid ? TwilioSignatureFailure.None : TwilioSignatureFailure.NoMatch, result.Failure);
    }

    [Theory]
    [InlineData($"https://mycompany.com/myapp.php?foo=1&bar=2&bodySHA256={ProtocolVectors.PropertyBodyHash}", ProtocolVectors.PropertyBody, "a9nBmqA0ju/hNViExpshrM61xv4=")]
    [InlineData($"https://mycompany.com/myapp.php?bodySHA256={ProtocolVectors.PropertyBodyHash}", ProtocolVectors.PropertyBody, "y77kIzt2vzLz71DgmJGsen2scGs=")]
    [InlineData($"https://mycompany.com/myapp.php?foo=1&bar=2&bodySHA256={ProtocolVectors.EmptyObjectHash}", "{}", "Ldidvp12m26NI7eqEvxnEpkd9Hc=")]
    public void Validate_JsonBodyWithMatchingHash_Accepts(string url, string body, string signature)
    {
        var request = new TwilioSignedRequest(url, signature) { RawBody = Encoding.UTF8.GetBytes(body) };

        var result = TwilioSignatureValidator.Validate(request, Tokens);

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Validate_JsonBodyAltered_FailsWithBodyHashMismatch()
    {
        var url = $"https://mycompany.com/myapp.php?bodySHA256={ProtocolVectors.PropertyBodyHash}";
        var request = new TwilioSignedRequest(url, "y77kIzt2vzLz71DgmJGsen2scGs=")
        {
            RawBody = Encoding.UTF8.GetBytes("""{"property": "forged", "boolean": true}"""),
        };

        var result = TwilioSignatureValidator.Validate(request, Tokens);

        Assert.False(result.IsValid);
        Assert.Equal(TwilioSignatureFailure.BodyHashMismatch, result.Failure);
    }

    [Fact]
    public void Validate_JsonBodyWithoutBodySha256_FailsWithBodyHashMissing()
    {
        // The URL's signature is genuine, but nothing signs the body.
        var request = new TwilioSignedRequest("https://example.com/voice?CallSid=CA123&From=%2B15005550006", "JVZzNCYG8jZI9WWR43vdoQpIVV8=")
        {
            RawBody = Encoding.UTF8.GetBytes(ProtocolVectors.PropertyBody),
        };

        var result = TwilioSignatureValidator.Validate(request, Tokens);

        Assert.Equal(TwilioSignatureFailure.BodyHashMissing, result.Failure);
    }

    [Fact]
    public void Validate_BodyModeIgnoresFormParameters_SignsUrlAlone()
    {
        var url = $"https://mycompany.com/myapp.php?bodySHA256={ProtocolVectors.PropertyBodyHash}";
        var request = new TwilioSignedRequest(url, "y77kIzt2vzLz71DgmJGsen2scGs=")
        {
            RawBody = Encoding.UTF8.GetBytes(ProtocolVectors.PropertyBody),
            FormParameters = [new("CallSid", "CA1")],
        };

        Assert.True(TwilioSignatureValidator.Validate(request, Tokens).IsValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Validate_NoSignature_FailsWithNoHeader(string? signature)
    {
        var result = TwilioSignatureValidator.Validate(new TwilioSignedRequest(Url, signature), Tokens);

        Assert.Equal(TwilioSignatureFailure.NoHeader, result.Failure);
    }

    [Fact]
    public void Validate_NoUsableToken_FailsWithNoTokenConfigured()
    {
        var result = TwilioSignatureValidator.Validate(new TwilioSignedRequest(Url, UrlSignature), [null, " ", ""]);

        Assert.Equal(TwilioSignatureFailure.NoTokenConfigured, result.Failure);
    }

    [Fact]
    public void Validate_SecondTokenSigned_ReportsItsIndex()
    {
        var request = new TwilioSignedRequest(Url, UrlSignature) { FormParameters = ProtocolVectors.Params("P") };

        var result = TwilioSignatureValidator.Validate(request, ["new-primary-token", ProtocolVectors.Token]);

        Assert.True(result.IsValid);
        Assert.Equal(1, result.MatchedTokenIndex);
        Assert.Equal(Url, result.MatchedUrl);
    }

    [Fact]
    public void Validate_WrongToken_ListsCandidatesTried()
    {
        var request = new TwilioSignedRequest(Url, UrlSignature) { FormParameters = ProtocolVectors.Params("P") };

        var result = TwilioSignatureValidator.Validate(request, ["other"]);

        Assert.Equal(TwilioSignatureFailure.NoMatch, result.Failure);
        Assert.Null(result.MatchedTokenIndex);
        Assert.Equal(["https://mycompany.com/myapp.php?foo=1&bar=2", "https://mycompany.com:443/myapp.php?foo=1&bar=2"], result.UrlCandidates.Take(2));
    }

    [Fact]
    public void Validate_SignedForReceivedUrl_StopsAtFirstCandidate()
    {
        var request = new TwilioSignedRequest(Url, UrlSignature) { FormParameters = ProtocolVectors.Params("P") };

        var result = TwilioSignatureValidator.Validate(request, Tokens);

        // The variants (port toggled, re-encoded queries) are only built when the URL as received does not match.
        Assert.True(result.IsValid);
        Assert.Equal([Url], result.UrlCandidates);
    }

    [Fact]
    public void Validate_SignedWithPortToggled_TriesCandidatesInOrderUntilMatch()
    {
        var withPort = "https://mycompany.com:443/myapp.php?foo=1&bar=2";
        var parameters = ProtocolVectors.Params("P");
        var signature = TwilioSignature.Compute(withPort, parameters, ProtocolVectors.Token);

        var result = TwilioSignatureValidator.Validate(new TwilioSignedRequest(Url, signature) { FormParameters = parameters }, Tokens);

        Assert.True(result.IsValid);
        Assert.Equal(withPort, result.MatchedUrl);
        Assert.Equal([Url, withPort], result.UrlCandidates);
    }

    [Fact]
    public void Validate_UserInfoInUrl_CandidatesMaskPassword()
    {
        var request = new TwilioSignedRequest("https://user:secret@mycompany.com/x", "WRONG") { FormParameters = [] };

        var result = TwilioSignatureValidator.Validate(request, Tokens);

        Assert.DoesNotContain(result.UrlCandidates, c => c.Contains("secret", StringComparison.Ordinal));
        Assert.Contains("https://user:***@mycompany.com/x", result.UrlCandidates);
    }

    [Fact]
    public void Validate_FragmentInUrl_IsNotSigned()
    {
        var request = new TwilioSignedRequest(Url + "#ct=1000&rt=2000", UrlSignature) { FormParameters = ProtocolVectors.Params("P") };

        Assert.True(TwilioSignatureValidator.Validate(request, Tokens).IsValid);
    }

    [Fact]
    public void Validate_SignatureOfOtherParameters_Fails()
    {
        var forged = ProtocolVectors.Params("P").Append(new("Digits", "9")).ToArray();
        var request = new TwilioSignedRequest(Url, UrlSignature) { FormParameters = forged };

        Assert.False(TwilioSignatureValidator.Validate(request, Tokens).IsValid);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("")]
    [InlineData("/relative?x=1")]
    public void Validate_NotAnAbsoluteUrl_FailsWithoutThrowing(string url)
    {
        var result = TwilioSignatureValidator.Validate(new TwilioSignedRequest(url, UrlSignature), Tokens);

        Assert.Equal(TwilioSignatureFailure.NoMatch, result.Failure);
    }

    // A Fact over a dictionary, not a Theory: xUnit's theory serialisation would turn lone surrogates into U+FFFD.
    private static readonly Dictionary<string, string[]> AwkwardParameters = new()
    {
        { "surrogate pair split between a name and its value", ["Name\uD83D", "\uDE00value"] },
        { "lone surrogates", ["A\uD800", "b\uDC00c"] },
        { "repeated name, repeated value", ["Digits", "1", "Digits", "1", "Digits", "0"] },
        { "empty and null-like values", ["Empty", "", "Z", "zz"] },
        { "non-ASCII everywhere", ["Città", "Straße 😀", "名前", "値"] },
        { "many parameters", [.. Enumerable.Range(0, 300).SelectMany(i => new[] { $"P{i % 97}", $"v{i}" })] },
    };

    /// <summary>
    /// The validator signs in pooled UTF-8 buffers, piece by piece; what it accepts must be exactly the HMAC of the
    /// signed string encoded whole (as node encodes the JavaScript string), computed here without the library's
    /// signing path, and one changed character must fail.
    /// </summary>
    [Fact]
    public void Validate_AcceptsWhatComputeSigns_AndNothingElse()
    {
        foreach (var (because, flat) in AwkwardParameters)
        {
            AssertAcceptsOnlyComputed(because, flat);
        }
    }

    private static void AssertAcceptsOnlyComputed(string because, string[] flat)
    {
        var parameters = Enumerable.Range(0, flat.Length / 2)
            .Select(i => new KeyValuePair<string, string?>(flat[2 * i], flat[2 * i + 1])).ToList();
#pragma warning disable CA5350 // Twilio's algorithm.
        var signature = Convert.ToBase64String(HMACSHA1.HashData(
            Encoding.UTF8.GetBytes(ProtocolVectors.Token), Encoding.UTF8.GetBytes(TwilioSignature.BuildSignedString(Url, parameters))));
#pragma warning restore CA5350

        var accepted = TwilioSignatureValidator.Validate(new TwilioSignedRequest(Url, signature) { FormParameters = parameters }, Tokens);
        var altered = signature[..5] + (signature[5] == 'A' ? 'B' : 'A') + signature[6..];
        var rejected = TwilioSignatureValidator.Validate(new TwilioSignedRequest(Url, altered) { FormParameters = parameters }, Tokens);

        Assert.True(accepted.IsValid, because);
        Assert.False(rejected.IsValid, because);
    }
}
