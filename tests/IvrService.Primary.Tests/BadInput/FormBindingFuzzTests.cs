using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using IvrService.Testing.Fuzz;
using IvrService.Testing.Twilio;
using Microsoft.AspNetCore.WebUtilities;
using Serilog.Events;

namespace IvrService.Primary.Tests.BadInput;

/// <summary>
/// Fuzz-style, through the primary's whole pipeline (signature check, MVC model binding, controllers): random
/// mutations of Twilio's forms, validly signed over what the server decodes so they reach binding, under random
/// content types. Never a 5xx, never an error logged; a readable request always gets TwiML. Seeded: a failure
/// prints the seed.
/// </summary>
public class FormBindingFuzzTests
{
    private const int Cases = 1200;

    private static readonly string[] Routes = ["/voice", "/voice/continue?n=main&l=en-US", "/voice/status", "/sms"];

    private static readonly string[] ContentTypes =
    [
        "application/x-www-form-urlencoded", "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8",
        "application/json", "multipart/form-data; boundary=b", "text/plain",
    ];

    private static readonly string[] Fields =
        ["CallSid", "From", "To", "CallStatus", "Digits", "SpeechResult", "Confidence", "DialCallStatus", "RecordingUrl", "RecordingDuration", "Body", "NumMedia", "MediaUrl0", "CallDuration", "Timestamp"];

    [Fact]
    public async Task Webhooks_RandomSignedMutations_NeverAnswer5xx()
    {
        await using var app = new PrimaryAppFactory();
        using var client = app.CreateClient();
        var seed = Fuzz.RunSeed(20261126);
        var failures = new List<string>();
        var answered = new Dictionary<HttpStatusCode, int>();
        for (var i = 0; i < Cases && failures.Count < 10; i++)
        {
            var random = Fuzz.ForCase(seed, i);
            var route = Routes[random.Next(Routes.Length)];
            var contentType = ContentTypes[random.Next(ContentTypes.Length)];
            using var request = await SignedAsync(route, contentType, RandomBody(random), random.Next(8) == 0);

            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            answered[response.StatusCode] = answered.GetValueOrDefault(response.StatusCode) + 1;
            if ((int)response.StatusCode >= 500
                || (response.StatusCode == HttpStatusCode.OK && XDocument.Parse(body).Root?.Name.LocalName != "Response"))
            {
                failures.Add($"{Fuzz.Replay(seed, i)}: {route} {contentType} answered {(int)response.StatusCode} {body[..Math.Min(200, body.Length)]}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.DoesNotContain(app.Logs.Events, e => e.Level >= LogEventLevel.Error);

        // Most mutations must have reached the controllers: otherwise this test only exercised the signature check.
        Assert.True(answered.GetValueOrDefault(HttpStatusCode.OK) > Cases * 3 / 4, string.Join(", ", answered.Select(a => $"{(int)a.Key}: {a.Value}")));
    }

    private static async Task<HttpRequestMessage> SignedAsync(string route, string contentType, byte[] body, bool get)
    {
        var publicUrl = PrimaryAppFactory.PublicBase.AbsoluteUri.TrimEnd('/') + route;
        if (get)
        {
            var target = route + (route.Contains('?', StringComparison.Ordinal) ? "&" : "?") + Encoding.UTF8.GetString(body).Replace("#", "%23", StringComparison.Ordinal);
            var getUrl = new Uri(PrimaryAppFactory.PublicBase, target).AbsoluteUri;
            var request = new HttpRequestMessage(HttpMethod.Get, new Uri(getUrl).PathAndQuery);
            request.Headers.Add("X-Twilio-Signature", TwilioRequestSigner.Sign(PrimaryAppFactory.PublicBase.AbsoluteUri.TrimEnd('/') + request.RequestUri!.OriginalString, [], PrimaryAppFactory.AuthToken));
            return request;
        }

        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal))
        {
            var post = new HttpRequestMessage(HttpMethod.Post, route) { Content = content };
            post.Headers.Add("X-Twilio-Signature", TwilioRequestSigner.Sign(publicUrl, await DecodeAsServerAsync(body), PrimaryAppFactory.AuthToken));
            return post;
        }

        var (url, signature) = TwilioRequestSigner.SignJson(publicUrl, body, PrimaryAppFactory.AuthToken);
        var other = new HttpRequestMessage(HttpMethod.Post, new Uri(url).PathAndQuery) { Content = content };
        other.Headers.Add("X-Twilio-Signature", signature);
        return other;
    }

    /// <summary>The pairs ASP.NET Core's form reader makes of the body (none when it refuses it, e.g. for a NUL).</summary>
    private static async Task<List<KeyValuePair<string, string?>>> DecodeAsServerAsync(byte[] body)
    {
        try
        {
            using var stream = new MemoryStream(body);
            var form = await new FormPipeReader(PipeReader.Create(stream)).ReadFormAsync();
            return form.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v))).ToList();
        }
        catch (InvalidDataException)
        {
            return [];
        }
    }

    private static byte[] RandomBody(Random random)
    {
        var pairs = new List<string>();
        for (var f = random.Next(1, 12); f > 0; f--)
        {
            var name = random.Next(6) == 0 ? Fuzz.Text(random, 2) : Fields[random.Next(Fields.Length)];
            pairs.Add(Escape(name) + "=" + (random.Next(4) == 0 ? Fuzz.Text(random) : Escape(Fuzz.Text(random))));
        }

        var body = Encoding.UTF8.GetBytes(string.Join('&', pairs));
        return random.Next(2) == 0 ? Fuzz.MutateBytes(random, body) : body;
    }

    private static string Escape(string text) => Uri.EscapeDataString(Fuzz.WithoutLoneSurrogates(text));
}
