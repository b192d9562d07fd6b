using System.Collections.Specialized;
using BenchmarkDotNet.Attributes;
using IvrService.Twilio.Security;
using IvrService.Twilio.TwiML;
using SdkRequestValidator = Twilio.Security.RequestValidator;
using SdkVoice = Twilio.TwiML.Voice;
using SdkVoiceResponse = Twilio.TwiML.VoiceResponse;

namespace IvrService.Bench.Sdk;

/// <summary>
/// One signed Voice webhook (a key press, 11 form fields) checked by our validator and by the SDK's
/// <c>RequestValidator</c>: received as signed, and signed with an explicit <c>:443</c> the received URL lacks (both
/// libraries then match on a second URL form). The reverse, received with <c>:443</c> and signed without, the SDK
/// refuses (a known defect, tests/IvrService.Twilio.Tests/Sdk), so it cannot be timed.
/// </summary>
[MemoryDiagnoser]
public class SignatureCheck
{
    private const string Token = "bench-token";
    private static readonly string[] Tokens = [Token];
    private readonly SdkRequestValidator _sdk = new(Token);
    private KeyValuePair<string, string?>[] _form = [];
    private NameValueCollection _collection = [];
    private TwilioSignedRequest _request = null!;
    private string _signature = "";

    [Params("as signed", "signed with :443")]
    public string Received { get; set; } = "as signed";

    private const string Url = "https://ivr.example.com/voice/continue?n=main&l=en-US";

    private string Signed => Received == "as signed" ? Url : Url.Replace("ivr.example.com", "ivr.example.com:443", StringComparison.Ordinal);

    [GlobalSetup]
    public void Setup()
    {
        _form =
        [
            new("AccountSid", "AC0123456789abcdef0123456789abcdef"), new("ApiVersion", "2010-04-01"),
            new("CallSid", "CA0123456789abcdef0123456789abcdef"), new("CallStatus", "in-progress"), new("Called", "+18005551212"),
            new("Caller", "+14158675309"), new("Digits", "1"), new("Direction", "inbound"), new("FinishedOnKey", ""),
            new("From", "+14158675309"), new("To", "+18005551212"),
        ];
        _collection = [];
        foreach (var (k, v) in _form)
        {
            _collection.Add(k, v);
        }

        _signature = TwilioSignature.Compute(Signed, _form, Token);
        _request = new TwilioSignedRequest(Url, _signature) { FormParameters = _form };
        if (!Ours() || !Sdk())
        {
            throw new InvalidOperationException("both validators must accept the request");
        }
    }

    [Benchmark(Baseline = true)]
    public bool Ours() => TwilioSignatureValidator.Validate(_request, Tokens).IsValid;

    [Benchmark]
    public bool Sdk() => _sdk.Validate(Url, _collection, _signature);
}

/// <summary>The primary's main-menu answer (a Gather with a Play per prompt, a Redirect), written by each library.</summary>
[MemoryDiagnoser]
public class MenuTwiML
{
    private const string Action = "/voice/continue?n=main&l=en-US&f=0&t=0";
    private static readonly string[] Prompts =
    [
        "https://ivr-audio.s3.us-east-1.amazonaws.com/en-US/main-long.mp3",
        "https://ivr-audio.s3.us-east-1.amazonaws.com/en-US/main-options.mp3",
    ];

    [Benchmark(Baseline = true)]
    public byte[] Ours()
    {
        var gather = new Gather { Action = Action, NumDigits = 1, Timeout = 5, Input = GatherInput.Dtmf | GatherInput.Speech, Hints = "sales, support, hours", ActionOnEmptyResult = true };
        foreach (var prompt in Prompts)
        {
            gather.Append(new Play(prompt));
        }

        return new VoiceResponse().Append(gather).Redirect(Action + "&e=timeout").ToUtf8Bytes();
    }

    [Benchmark]
    public byte[] Sdk()
    {
        var gather = new SdkVoice.Gather(
            input: [SdkVoice.Gather.InputEnum.Dtmf, SdkVoice.Gather.InputEnum.Speech], action: new Uri(Action, UriKind.Relative),
            timeout: 5, numDigits: 1, hints: "sales, support, hours", actionOnEmptyResult: true);
        foreach (var prompt in Prompts)
        {
            gather.Play(new Uri(prompt));
        }

        var response = new SdkVoiceResponse().Append(gather).Redirect(new Uri(Action + "&e=timeout", UriKind.Relative));
        return System.Text.Encoding.UTF8.GetBytes(response.ToString());
    }
}
