using System.Text;
using IvrService.Twilio.Security;

namespace IvrService.Twilio.Tests.Security;

public class TwilioSignatureTests
{
    public static TheoryData<string, string, string> SignedVectors => ProtocolVectors.SignedUrls;

    [Theory]
    [MemberData(nameof(SignedVectors))]
    public void Compute_PublishedVector_MatchesSignature(string parameters, string url, string signature)
    {
        var actual = TwilioSignature.Compute(url, ProtocolVectors.Params(parameters), ProtocolVectors.Token);

        Assert.Equal(signature, actual);
    }

    [Theory]
    [InlineData(ProtocolVectors.PropertyBody, ProtocolVectors.PropertyBodyHash)]
    [InlineData("{}", ProtocolVectors.EmptyObjectHash)]
    [InlineData("""{"CallSid":"CA1234567890ABCDE","Caller":"+12349013030"}""", "5ccde7145dfb8f56479710896586cb9d5911809d83afbe34627818790db0aec9")]
    public void ComputeBodyHash_PublishedBody_MatchesLowercaseHex(string body, string hash)
    {
        Assert.Equal(hash, TwilioSignature.ComputeBodyHash(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void Compute_NameValueSortInsteadOfNameSort_WouldDiffer()
    {
        // "Reason" must sort before "ReasonConferenceEnded" even though "Reason" + "P…" > "ReasonC…".
        var signed = TwilioSignature.BuildSignedString("u", ProtocolVectors.Params("Reason"));

        Assert.Equal("uReasonParticipant leftReasonConferenceEndedparticipant-with-end-conference-on-exit-left", signed);
    }

    [Fact]
    public void Compute_UppercaseBeforeLowercase_SortsOrdinally()
    {
        Assert.Equal("https://example.com/hookZeta1alpha2", TwilioSignature.BuildSignedString("https://example.com/hook", ProtocolVectors.Params("Zeta")));
    }

    [Fact]
    public void Compute_RepeatedName_DeduplicatesAndSortsValues()
    {
        var signed = TwilioSignature.BuildSignedString("u", ProtocolVectors.Params("Repeated"));

        Assert.Equal("uDigits1234Digits5678SidCA123SidAccountAC123", signed);
    }

    [Fact]
    public void Compute_NullValue_CountsAsEmpty()
    {
        var withNull = TwilioSignature.Compute("https://example.com/x", [new("A", null), new("B", "1")], "t");
        var withEmpty = TwilioSignature.Compute("https://example.com/x", [new("A", ""), new("B", "1")], "t");

        Assert.Equal(withEmpty, withNull);
    }

    [Fact]
    public void Compute_NoParametersOverload_EqualsEmptyList()
    {
        Assert.Equal(
            TwilioSignature.Compute("https://example.com/voice?CallSid=CA123&From=%2B15005550006", [], ProtocolVectors.Token),
            TwilioSignature.Compute("https://example.com/voice?CallSid=CA123&From=%2B15005550006", ProtocolVectors.Token));
    }
}
