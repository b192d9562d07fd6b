using System.Reflection;
using System.Text;
using IvrService.Testing.Fuzz;
using IvrService.Twilio.Webhooks;
using Microsoft.AspNetCore.Http;

namespace IvrService.Twilio.Tests.Webhooks;

/// <summary>
/// Fuzz-style: random mutations of Twilio's webhook forms (flipped, inserted and deleted bytes, broken escapes,
/// reordered and repeated fields, random unicode), under random methods and content types, bound through every
/// model's <c>BindAsync</c> and read through every public property. Nothing may throw; only an unreadable url-encoded
/// body may bind to null. Seeded and reproducible: a failure prints the seed.
/// </summary>
public class WebhookBindingFuzzTests
{
    private const int Cases = 3000;

    private static readonly string[] ContentTypes =
    [
        "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8", "APPLICATION/X-WWW-FORM-URLENCODED",
        "application/x-www-form-urlencodedX", "application/json", "multipart/form-data; boundary=b", "multipart/form-data",
        "text/plain", "", "///", "application/x-www-form-urlencoded; charset=nonsense",
    ];

    private static readonly string[] Fields =
    [
        "CallSid", "AccountSid", "From", "To", "CallStatus", "Direction", "Digits", "SpeechResult", "Confidence", "DialCallStatus",
        "DialCallDuration", "RecordingUrl", "RecordingDuration", "CallDuration", "Duration", "Timestamp", "SequenceNumber",
        "MessageSid", "Body", "NumMedia", "NumSegments", "MediaUrl0", "MediaContentType0", "MediaUrl7", "ErrorCode", "ErrorUrl",
    ];

    private static readonly Func<HttpContext, ValueTask<object?>>[] Binders =
    [
        async c => await VoiceRequest.BindAsync(c),
        async c => await StatusCallbackRequest.BindAsync(c),
        async c => await SmsRequest.BindAsync(c),
        async c => await FallbackRequest.BindAsync(c),
        async c => await SmsFallbackRequest.BindAsync(c),
    ];

    [Fact]
    public async Task BindAsync_RandomMutationsOfWebhookForms_NeverThrow()
    {
        var seed = Fuzz.RunSeed(20261124);
        var failures = new List<string>();
        var (bound, unreadable) = (0, 0);
        for (var i = 0; i < Cases && failures.Count < 10; i++)
        {
            var random = Fuzz.ForCase(seed, i);
            var body = RandomBody(random);
            var contentType = ContentTypes[random.Next(ContentTypes.Length)];
            var method = random.Next(5) == 0 ? "GET" : "POST";
            var query = random.Next(3) == 0 ? "?" + Encoding.UTF8.GetString(RandomBody(random)).Replace("#", "%23", StringComparison.Ordinal) : "";
            foreach (var bind in Binders)
            {
                var context = NewContext(method, contentType, query, body);
                try
                {
                    var model = await bind(context);
                    if (model is null)
                    {
                        Assert.True(WebhookForms.IsUrlEncodedForm(context.Request), $"{Fuzz.Replay(seed, i)}: null for a {contentType} body");
                        unreadable++;
                        continue;
                    }

                    ReadEveryProperty(model);
                    bound++;
                }
#pragma warning disable CA1031 // A fuzz test reports any exception as a finding.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    failures.Add($"{Fuzz.Replay(seed, i)}: {method} {contentType} threw {e.GetType().Name}: {e.Message}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.True(bound > Cases * 4 && unreadable > 0, $"bound {bound}, unreadable {unreadable}: the mutations are too tame or too wild");
    }

    [Fact]
    public void FromForm_RandomCollections_NeverThrow()
    {
        var seed = Fuzz.RunSeed(20261125);
        for (var i = 0; i < Cases; i++)
        {
            var random = Fuzz.ForCase(seed, i);
            var fields = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>(StringComparer.OrdinalIgnoreCase);
            for (var f = random.Next(12); f > 0; f--)
            {
                var name = random.Next(4) == 0 ? Fuzz.Text(random, 2) : Fields[random.Next(Fields.Length)];
                fields[name] = random.Next(6) switch
                {
                    0 => Microsoft.Extensions.Primitives.StringValues.Empty,
                    1 => new[] { Fuzz.Text(random), Fuzz.Text(random) },
                    2 => new string('9', random.Next(1, 5000)),
                    _ => Fuzz.Text(random),
                };
            }

            var form = new FormCollection(fields);
            var because = Fuzz.Replay(seed, i);
            ReadEveryProperty(VoiceRequest.FromForm(form), because);
            ReadEveryProperty(StatusCallbackRequest.FromForm(form), because);
            ReadEveryProperty(SmsRequest.FromForm(form), because);
            ReadEveryProperty(FallbackRequest.FromForm(form), because);
            ReadEveryProperty(SmsFallbackRequest.FromForm(form), because);
        }
    }

    private static byte[] RandomBody(Random random)
    {
        var pairs = new List<string>();
        for (var f = random.Next(1, 14); f > 0; f--)
        {
            var name = random.Next(5) == 0 ? Fuzz.Text(random, 2) : Fields[random.Next(Fields.Length)];
            var value = random.Next(3) == 0 ? Fuzz.Text(random) : Uri.EscapeDataString(Fuzz.WithoutLoneSurrogates(Fuzz.Text(random)));
            pairs.Add(Uri.EscapeDataString(Fuzz.WithoutLoneSurrogates(name)) + "=" + value);
        }

        var body = Encoding.UTF8.GetBytes(string.Join('&', pairs));
        return random.Next(2) == 0 ? Fuzz.MutateBytes(random, body) : body;
    }

    private static DefaultHttpContext NewContext(string method, string contentType, string query, byte[] body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.ContentType = contentType.Length == 0 ? null : contentType;
        context.Request.QueryString = new QueryString(query.Length == 0 ? null : query);
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        return context;
    }

    private static void ReadEveryProperty(object model, string because = "")
    {
        foreach (var property in model.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            try
            {
                var value = property.GetValue(model);
                if (value is System.Collections.IEnumerable items and not string)
                {
                    foreach (var item in items)
                    {
                        _ = item?.ToString();
                    }
                }
            }
            catch (TargetInvocationException e)
            {
                throw new InvalidOperationException($"{because} {model.GetType().Name}.{property.Name} threw {e.InnerException?.GetType().Name}: {e.InnerException?.Message}", e);
            }
        }
    }
}
