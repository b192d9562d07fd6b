using System.Globalization;
using System.Text;
using IvrService.Testing.Fuzz;
using IvrService.Twilio.Security;

namespace IvrService.Twilio.Tests.Security;

/// <summary>
/// Fuzz-style: thousands of validly signed requests, each mutated at random (URL, parameters, signature, body), fed
/// to the pure validator. It must never throw, must accept every mutation that leaves the signed content as it was
/// (reordered or repeated parameters, a port or fragment Twilio never signs) and reject every other one. Seeded and
/// reproducible: a failure prints the seed to replay it with.
/// </summary>
public class TwilioSignatureFuzzTests
{
    private const int Cases = 4000;

    private static readonly string[] Hosts = ["ivr.example.com", "MyCompany.com", "127.0.0.1", "[::1]", "xn--bcher-kva.example"];
    private static readonly string[] Names = ["CallSid", "AccountSid", "From", "To", "Digits", "SpeechResult", "Body", "Reason", "ReasonConferenceEnded", "Zeta", "alpha", "MediaUrl0"];

    private enum Mutation
    {
        // Must still be accepted.
        Reorder,
        DuplicatePair,
        TogglePort,
        AddFragment,

        // Must be accepted only if the signed content is, by chance, unchanged.
        UrlEdit,
        NameEdit,
        ValueEdit,
        AddParameter,
        DropParameter,
        RandomUnicodeValue,

        // Must be rejected.
        SignatureEdit,
        OtherToken,
        RawBodyWithoutHash,
    }

    [Fact]
    public void Validate_RandomMutationsOfSignedRequests_NeverThrowsAndAcceptsOnlyEquivalents()
    {
        var seed = Fuzz.RunSeed(20261123);
        var outcomes = new Dictionary<Mutation, (int Accepted, int Rejected)>();
        var failures = new List<string>();
        for (var i = 0; i < Cases && failures.Count < 10; i++)
        {
            var random = Fuzz.ForCase(seed, i);
            var token = "token-" + random.Next(1000).ToString(CultureInfo.InvariantCulture);
            var url = RandomUrl(random);
            var form = RandomForm(random);
            var signature = TwilioSignature.Compute(url, form, token);
            var mutation = (Mutation)random.Next(Enum.GetValues<Mutation>().Length);
            var (mutated, expected) = Mutate(random, mutation, new TwilioSignedRequest(url, signature) { FormParameters = form }, token);
            string?[] tokens = random.Next(3) == 0 ? ["rotated-" + token, token] : [token];

            TwilioSignatureValidationResult result;
            try
            {
                result = TwilioSignatureValidator.Validate(mutated, tokens);
            }
#pragma warning disable CA1031 // A fuzz test reports any exception as a finding.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures.Add($"{Fuzz.Replay(seed, i)}: {mutation} threw {e.GetType().Name}: {e.Message}\n  url {Show(mutated.Url)}");
                continue;
            }

            var counts = outcomes.GetValueOrDefault(mutation);
            outcomes[mutation] = result.IsValid ? (counts.Accepted + 1, counts.Rejected) : (counts.Accepted, counts.Rejected + 1);
            if (result.IsValid != expected)
            {
                failures.Add($"{Fuzz.Replay(seed, i)}: {mutation} {(result.IsValid ? "accepted" : "rejected")} ({result.Failure}), expected the opposite\n" +
                             $"  signed  {Show(url)} {Show(string.Join('&', form.Select(p => p.Key + "=" + p.Value)))}\n" +
                             $"  sent    {Show(mutated.Url)} {Show(string.Join('&', mutated.FormParameters.Select(p => p.Key + "=" + p.Value)))} sig {Show(mutated.Signature ?? "")}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));

        // Every kind of mutation was exercised, the preserving ones all accepted, the breaking ones all rejected.
        Assert.All(Enum.GetValues<Mutation>(), m => Assert.True(outcomes.GetValueOrDefault(m) is var o && o.Accepted + o.Rejected > 100, $"{m}: {outcomes.GetValueOrDefault(m)}"));
        Assert.All([Mutation.Reorder, Mutation.DuplicatePair, Mutation.TogglePort, Mutation.AddFragment], m => Assert.Equal(0, outcomes[m].Rejected));
        Assert.All([Mutation.SignatureEdit, Mutation.OtherToken, Mutation.RawBodyWithoutHash, Mutation.AddParameter], m => Assert.Equal(0, outcomes[m].Accepted));
    }

    private static (TwilioSignedRequest Request, bool Expected) Mutate(Random random, Mutation mutation, TwilioSignedRequest request, string token)
    {
        var form = request.FormParameters.ToList();
        switch (mutation)
        {
            case Mutation.Reorder:
                return (request with { FormParameters = form.OrderBy(_ => random.Next()).ToList() }, true);
            case Mutation.DuplicatePair when form.Count > 0:
                form.Insert(random.Next(form.Count + 1), form[random.Next(form.Count)]);
                return (request with { FormParameters = form }, true);
            case Mutation.DuplicatePair:
                return (request, true);
            case Mutation.TogglePort when TwilioUrlCandidates.UrlParts.TryParse(request.Url, out var parts) && parts.Port is "" or ":443" or ":80":
                // What a proxy or Twilio's port rule does: the scheme's default port written out, or dropped.
                return (request with { Url = parts.WithPortToggled().ToString() }, parts.Port == "" || parts.Port == (parts.Scheme == "https://" ? ":443" : ":80"));
            case Mutation.TogglePort:
                return (request, true);
            case Mutation.AddFragment:
                return (request with { Url = request.Url + "#" + Uri.EscapeDataString(Fuzz.Text(random, 3)) }, true);
            case Mutation.SignatureEdit:
                return (request with { Signature = Fuzz.MutateText(random, request.Signature!) } is var s && s.Signature != request.Signature ? s : request with { Signature = request.Signature + "=" }, false);
            case Mutation.OtherToken:
                return (request with { Signature = TwilioSignature.Compute(request.Url, form, token + "x") }, false);
            case Mutation.RawBodyWithoutHash:
                return (request with { RawBody = new byte[] { (byte)'{', (byte)random.Next(256), (byte)'}' } }, false);
            case Mutation.AddParameter:
                // A name no request carries yet, so the signed string gains name+value whatever the value.
                form.Insert(random.Next(form.Count + 1), new("Extra" + random.Next(1000).ToString(CultureInfo.InvariantCulture), Fuzz.Text(random, 2)));
                return (request with { FormParameters = form }, false);
            default:
                var changed = Change(random, mutation, request, form);
                return (changed, SignsTheSame(changed, request));
        }
    }

    private static TwilioSignedRequest Change(Random random, Mutation mutation, TwilioSignedRequest request, List<KeyValuePair<string, string?>> form)
    {
        if (form.Count == 0 || mutation == Mutation.UrlEdit)
        {
            return request with { Url = Fuzz.MutateText(random, request.Url) };
        }

        var at = random.Next(form.Count);
        var (name, value) = form[at];
        form[at] = mutation switch
        {
            Mutation.NameEdit => new(Fuzz.MutateText(random, name), value),
            Mutation.ValueEdit => new(name, Fuzz.MutateText(random, value ?? "")),
            Mutation.DropParameter => default,
            _ => new(name, Fuzz.Text(random)),
        };
        if (mutation == Mutation.DropParameter)
        {
            form.RemoveAt(at);
        }

        return request with { FormParameters = form };
    }

    /// <summary>
    /// The oracle for content-changing mutations: the request is the "same" only if one of the URL forms Twilio may
    /// have signed, with the parameters as sent, builds exactly the string that was signed.
    /// </summary>
    private static bool SignsTheSame(TwilioSignedRequest sent, TwilioSignedRequest original)
    {
        // Compared as the UTF-8 bytes that are HMAC'd: unpaired surrogates all encode as U+FFFD, so strings that
        // differ only in them sign the same (and cannot differ on the wire, where text arrives as UTF-8).
        var signed = Encoding.UTF8.GetBytes(TwilioSignature.BuildSignedString(original.Url, original.FormParameters));
        return TwilioUrlCandidates.For(sent.Url).Any(c => Encoding.UTF8.GetBytes(TwilioSignature.BuildSignedString(c, sent.FormParameters)).AsSpan().SequenceEqual(signed));
    }

    private static string RandomUrl(Random random)
    {
        var scheme = random.Next(2) == 0 ? "https://" : "http://";
        var port = random.Next(3) switch { 0 => "", 1 => ":8443", _ => scheme == "https://" ? ":443" : ":80" };
        var path = random.Next(4) switch { 0 => "/voice", 1 => "/voice/continue", 2 => "/sms", _ => "/fallback/voice" };
        var query = random.Next(3) switch
        {
            0 => "",
            1 => "?n=main&l=en-US",
            _ => "?n=" + Uri.EscapeDataString(Fuzz.Text(random, 3)) + "&f=" + random.Next(5).ToString(CultureInfo.InvariantCulture),
        };
        return scheme + Hosts[random.Next(Hosts.Length)] + port + path + query;
    }

    private static List<KeyValuePair<string, string?>> RandomForm(Random random)
    {
        var form = new List<KeyValuePair<string, string?>>();
        var count = random.Next(8);
        for (var i = 0; i < count; i++)
        {
            form.Add(new(Names[random.Next(Names.Length)], random.Next(10) == 0 ? null : Fuzz.Text(random, 4)));
        }

        return form;
    }

    private static string Show(string text) => text.Length > 160 ? text[..160] + "…" : text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
