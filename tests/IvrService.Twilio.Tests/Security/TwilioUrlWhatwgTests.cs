using System.Text.Json;
using IvrService.Testing;
using IvrService.Twilio.Security;

namespace IvrService.Twilio.Tests.Security;

/// <summary>
/// The WHATWG candidates against the official twilio npm library (6.2.0): seeded received URLs of each normalisation
/// class (host case, path and query escaping, dot segments, default ports) are signed by node over
/// <c>new URL(received).href</c> (with and without the default port) and must validate here; a signature over a
/// different path, host or query value must not, here or in node.
/// </summary>
public class TwilioUrlWhatwgTests(TwilioUrlWhatwgTests.OracleFixture oracle) : IClassFixture<TwilioUrlWhatwgTests.OracleFixture>
{
    internal const int CasesPerClass = 200;

    public static TheoryData<string> Classes => new() { "host", "path", "query", "dots", "port" };

    [Theory]
    [MemberData(nameof(Classes))]
    public void Validate_NodeNormalisedSignature_Accepted(string kind)
    {
        var failures = new List<string>();
        var cases = oracle.Results.Where(r => r.Case.Kind == kind).ToList();
        foreach (var (c, r) in cases)
        {
            var request = new TwilioSignedRequest(c.Received, r.GetProperty("signature").GetString()) { FormParameters = Form };
            var result = TwilioSignatureValidator.Validate(request, [Token]);
            if (!r.GetProperty("valid").GetBoolean())
            {
                failures.Add($"node refuses its own form: {c.Received}");
            }

            if (!result.IsValid)
            {
                failures.Add($"{c.Received} signed as {r.GetProperty("href")}: refused after {string.Join(" | ", result.UrlCandidates)}");
            }
        }

        Assert.True(cases.Count >= CasesPerClass);
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join('\n', failures.Take(10)));
    }

    [Theory]
    [MemberData(nameof(Classes))]
    public void Validate_ForgedUrlSignature_RefusedWithEveryCandidateLogged(string kind)
    {
        var failures = new List<string>();
        foreach (var (c, r) in oracle.Results.Where(r => r.Case.Kind == kind))
        {
            var request = new TwilioSignedRequest(c.Received, r.GetProperty("forged").GetString()) { FormParameters = Form };
            var result = TwilioSignatureValidator.Validate(request, [Token]);
            var href = r.GetProperty("href").GetString()!;
            if (result.IsValid || r.GetProperty("forgedValid").GetBoolean())
            {
                failures.Add($"{c.Received} accepted a signature over {c.ForgedUrl}");
            }
            else if (!result.UrlCandidates.Contains(href))
            {
                failures.Add($"{c.Received}: the normalised candidate {href} is not in the refusal's list");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join('\n', failures.Take(10)));
    }

    [Theory]
    [InlineData("https://ivr.Example.COM/voice", "https://ivr.example.com/voice")]
    [InlineData("https://ivr.example.com/grüße", "https://ivr.example.com/gr%C3%BC%C3%9Fe")]
    [InlineData("https://ivr.example.com/v/../voice", "https://ivr.example.com/voice")]
    [InlineData("https://ivr.example.com/v/%2E%2e/a/./b/%2e", "https://ivr.example.com/a/b/")]
    [InlineData("HTTPS://ivr.example.com:0443/a b?x=\"1\"", "https://ivr.example.com/a%20b?x=%221%22")]
    [InlineData("http://ivr.example.com:80", "http://ivr.example.com/")]
    [InlineData("http://ivr.example.com:8080/{a}`", "http://ivr.example.com:8080/%7Ba%7D%60")]
    [InlineData("https://ivr.example.com/a\\b/../c", "https://ivr.example.com/a/c")]
    public void Whatwg_Examples_SerialiseAsNode(string received, string expected)
    {
        Assert.True(TwilioUrlCandidates.UrlParts.TryParse(received, out var parts));
        Assert.Equal(expected, TwilioUrlCandidates.Whatwg(parts)?.ToString());
    }

    [Theory]
    [InlineData("https://bücher.example/voice")]
    [InlineData("https://127.1/voice")]
    [InlineData("https://ivr.example.com:99999/voice")]
    public void Whatwg_NotModelled_NoCandidate(string received)
    {
        Assert.True(TwilioUrlCandidates.UrlParts.TryParse(received, out var parts));
        Assert.Null(TwilioUrlCandidates.Whatwg(parts));
    }

    [Fact]
    public void Whatwg_LoneSurrogate_NoCandidate()
    {
        Assert.True(TwilioUrlCandidates.UrlParts.TryParse("https://ivr.example.com/a" + '\ud800', out var parts));
        Assert.Null(TwilioUrlCandidates.Whatwg(parts));
    }

    private const string Token = "whatwg-token";

    private static readonly KeyValuePair<string, string?>[] Form = [new("CallSid", "CA1"), new("Digits", "1")];

    public sealed record Case(string Kind, string Received, string ForgedUrl, bool WithPort);

    /// <summary>Generates the seeded cases and runs node over all of them once.</summary>
    public sealed class OracleFixture : IAsyncLifetime
    {
        public List<(Case Case, JsonElement Result)> Results { get; } = [];

        public async Task InitializeAsync()
        {
            var cases = Generate(new Random(17));
            using var document = await NodeOracle.RunAsync("oracle/whatwg.js", new
            {
                cases = cases.Select(c => new
                {
                    token = Token, received = c.Received, forgedUrl = c.ForgedUrl, withPort = c.WithPort,
                    @params = Form.ToDictionary(p => p.Key, p => p.Value),
                }),
            });
            var results = document.RootElement.GetProperty("results").EnumerateArray().Select(e => e.Clone()).ToList();
            Results.AddRange(cases.Zip(results));
        }

        public Task DisposeAsync() => Task.CompletedTask;

        internal static List<Case> Generate(Random random)
        {
            var cases = new List<Case>();
            foreach (var kind in (string[])["host", "path", "query", "dots", "port"])
            {
                for (var i = 0; i < CasesPerClass; i++)
                {
                    var https = random.Next(2) == 0;
                    var scheme = https ? "https" : "http";
                    var host = "ivr" + random.Next(100) + ".example.com";
                    var port = string.Empty;
                    var path = "/voice/" + Word(random, false);
                    var query = "n=" + Word(random, false);
                    switch (kind)
                    {
                        case "host":
                            host = MixCase(random, host);
                            if (random.Next(3) == 0)
                            {
                                scheme = MixCase(random, scheme);
                            }

                            break;
                        case "path":
                            path = "/voice/" + Word(random, true) + "/" + Word(random, true);
                            break;
                        case "query":
                            query = "n=" + Word(random, true) + "&m=" + Word(random, true);
                            break;
                        case "dots":
                            path = Dots(random);
                            break;
                        default:
                            port = random.Next(3) switch { 0 => https ? ":443" : ":80", 1 => https ? ":0443" : ":080", _ => string.Empty };
                            host = MixCase(random, host);
                            break;
                    }

                    var received = $"{scheme}://{host}{port}{path}?{query}";
                    var forged = random.Next(3) switch
                    {
                        0 => $"{scheme.ToLowerInvariant()}://{host.ToLowerInvariant()}/other{path}?{query}",
                        1 => $"{scheme.ToLowerInvariant()}://evil.example.com{path}?{query}",
                        _ => $"{scheme.ToLowerInvariant()}://{host.ToLowerInvariant()}{path}?{query}x",
                    };
                    cases.Add(new Case(kind, received, forged, random.Next(2) == 0));
                }
            }

            return cases;
        }

        private static string MixCase(Random random, string text) =>
            string.Concat(text.Select(c => random.Next(2) == 0 ? char.ToUpperInvariant(c) : c));

        private static string Word(Random random, bool special)
        {
            const string plain = "abcXYZ019-._~";
            string[] odd = ["ü", "ß", " ", "\"", "<", ">", "`", "{", "}", "é", "😀", "'", "%41", "%c3%a9", "|", "^"];
            var length = random.Next(1, 8);
            var builder = new System.Text.StringBuilder();
            for (var i = 0; i < length; i++)
            {
                builder.Append(special && random.Next(3) == 0 ? odd[random.Next(odd.Length)] : plain[random.Next(plain.Length)].ToString());
            }

            return builder.ToString();
        }

        private static string Dots(Random random)
        {
            string[] segments = ["a", "voice", ".", "..", "%2e", "%2E%2e", ".%2E", "%2e.", "b", ""];
            var count = random.Next(1, 7);
            return string.Concat(Enumerable.Range(0, count).Select(_ => "/" + segments[random.Next(segments.Length)])) + "/voice";
        }
    }
}
