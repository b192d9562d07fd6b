using System.Diagnostics;
using System.Globalization;
using IvrService.Twilio.Security;

// Usage: IvrService.Bench.Signature [iterations]
//
// Times TwilioSignatureValidator.Validate on one thread, after a warm-up, and counts the bytes it allocates
// (GC.GetAllocatedBytesForCurrentThread). "genuine" is a webhook signed over the URL as received, so the first
// candidate matches; the other cases match only through a later candidate, and "forged" tries them all. The
// "shared key" case is signed with a SharedKey secret and HMAC-SHA256 (X-Twilio-Webhooks-Signature-Settings).
var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
const string Token = "bench-token";
string[] tokens = [Token];
const string SharedKey = "bench-shared-key-secret";
string[] sharedKeys = [SharedKey];
const string Settings = "key=webhooks_sharedkey_01BENCH,algorithm=HMAC_SHA256";
KeyValuePair<string, string?>[] form =
[
    new("AccountSid", "AC0123456789abcdef0123456789abcdef"), new("ApiVersion", "2010-04-01"),
    new("CallSid", "CA0123456789abcdef0123456789abcdef"), new("CallStatus", "ringing"), new("Called", "+18005551212"),
    new("Caller", "+14158675309"), new("Direction", "inbound"), new("From", "+14158675309"), new("To", "+18005551212"),
];

(string Name, string Received, string Signed)[] cases =
[
    ("genuine (first candidate)", "https://ivr.example.com/voice/continue?n=main&l=en-US", "https://ivr.example.com/voice/continue?n=main&l=en-US"),
    ("port toggled (2nd)", "https://ivr.example.com:443/voice/continue?n=main&l=en-US", "https://ivr.example.com/voice/continue?n=main&l=en-US"),
    ("host case (WHATWG)", "https://IVR.Example.COM/voice/continue?n=main&l=en-US", "https://ivr.example.com/voice/continue?n=main&l=en-US"),
    ("path escaping (WHATWG)", "https://ivr.example.com/voice/grüße?n=main", "https://ivr.example.com/voice/gr%C3%BC%C3%9Fe?n=main"),
    ("dot segments (WHATWG)", "https://ivr.example.com/v/../voice/continue?n=main", "https://ivr.example.com/voice/continue?n=main"),
    ("forged (every candidate)", "https://IVR.Example.COM/v/../voice/continue?n=main", "https://ivr.example.com/voice/other?n=main"),
    ("shared key, HMAC-SHA256 (first candidate)", "https://ivr.example.com/voice/continue?n=main&l=en-US", "https://ivr.example.com/voice/continue?n=main&l=en-US"),
];

var exit = 0;
Console.WriteLine($"| case | verdict | candidates tried | ns per call | bytes per call |");
Console.WriteLine($"|---|---|---|---|---|");
foreach (var (name, received, signed) in cases)
{
    var shared = name.StartsWith("shared key", StringComparison.Ordinal);
    var request = shared
        ? new TwilioSignedRequest(received, TwilioSignature.Compute(signed, form, SharedKey, TwilioSignatureAlgorithm.HmacSha256))
        {
            FormParameters = form,
            SignatureSettings = Settings,
        }
        : new TwilioSignedRequest(received, TwilioSignature.Compute(signed, form, Token)) { FormParameters = form };
    var result = TwilioSignatureValidator.Validate(request, tokens, sharedKeys);
    if (result.IsValid == name.StartsWith("forged", StringComparison.Ordinal))
    {
        // Before the WHATWG candidates the normalised cases were refused: say so rather than stop.
        Console.Error.WriteLine($"{name}: unexpected verdict {result.IsValid}");
        exit = 1;
    }

    for (var i = 0; i < iterations / 10; i++)
    {
        TwilioSignatureValidator.Validate(request, tokens, sharedKeys);
    }

    var before = GC.GetAllocatedBytesForCurrentThread();
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < iterations; i++)
    {
        TwilioSignatureValidator.Validate(request, tokens, sharedKeys);
    }

    clock.Stop();
    var bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)iterations;
    var ns = clock.Elapsed.TotalNanoseconds / iterations;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {(result.IsValid ? "accepted" : "refused")} | {result.UrlCandidates.Count} | {ns:F0} | {bytes:F0} |"));
}

return exit;
