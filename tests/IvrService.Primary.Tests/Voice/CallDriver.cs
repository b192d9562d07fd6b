using System.Xml.Linq;

namespace IvrService.Primary.Tests.Voice;

/// <summary>
/// Follows a call through the primary the way Twilio would for the verbs these tests need: posts the incoming call,
/// then posts Gather/Dial/Record results or follows Redirects to the action URLs the TwiML names.
/// </summary>
internal sealed class CallDriver(HttpClient client)
{
    private readonly Dictionary<string, string> _call = new(StringComparer.Ordinal)
    {
        ["CallSid"] = "CA" + Guid.NewGuid().ToString("N"),
        ["AccountSid"] = "AC00000000000000000000000000000001",
        ["From"] = "+14155550100",
        ["To"] = "+15005550006",
        ["CallStatus"] = "in-progress",
        ["Direction"] = "inbound",
        ["ApiVersion"] = "2010-04-01",
    };

    public XElement Current { get; private set; } = new("Response");

    public string CallSid => _call["CallSid"];

    /// <summary>The caller's number (Twilio's From), e.g. a withheld caller ID.</summary>
    public CallDriver From(string from)
    {
        _call["From"] = from;
        return this;
    }

    /// <summary>The same call, from where it is now, sent through <paramref name="other"/> (another replica).</summary>
    public CallDriver Via(HttpClient other)
    {
        var driver = new CallDriver(other) { Current = Current };
        foreach (var (key, value) in _call)
        {
            driver._call[key] = value;
        }

        return driver;
    }

    public async Task<XElement> StartAsync() => Current = await PostAsync("/voice", []);

    /// <summary>Presses <paramref name="digits"/> at the current Gather.</summary>
    public async Task<XElement> PressAsync(string digits) =>
        Current = await PostAsync(Action("Gather"), new() { ["Digits"] = digits });

    /// <summary>Stays silent: Twilio falls through the Gather to the next verb, a Redirect.</summary>
    public async Task<XElement> SilenceAsync()
    {
        var redirect = Current.Elements("Redirect").Single().Value;
        return Current = await PostAsync(redirect, []);
    }

    public async Task<XElement> DialEndsAsync(string dialCallStatus) =>
        Current = await PostAsync(Action("Dial"), new() { ["DialCallStatus"] = dialCallStatus, ["DialCallSid"] = "CA" + new string('d', 32) });

    public async Task<XElement> RecordingEndsAsync() =>
        Current = await PostAsync(Action("Record"), new()
        {
            ["RecordingUrl"] = "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1",
            ["RecordingDuration"] = "12",
            ["RecordingSid"] = "RE" + new string('1', 32),
        });

    public async Task<XElement> PostAsync(string url, Dictionary<string, string> extra)
    {
        var form = new Dictionary<string, string>(_call);
        foreach (var (key, value) in extra)
        {
            form[key] = value;
        }

        using var content = new FormUrlEncodedContent(form);
        using var response = await client.PostAsync(new Uri(PathAndQuery(url), UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}: {body}");
        return XDocument.Parse(body).Root!;
    }

    public string Action(string verb)
    {
        var element = Current.Elements(verb).SingleOrDefault() ?? throw new InvalidOperationException($"No <{verb}> in {Current}");
        return element.Attribute("action")!.Value;
    }

    // Not Uri.TryCreate(Absolute): on Unix "/voice/continue?n=…" parses as a file URI.
    private static string PathAndQuery(string url) =>
        url.StartsWith("http", StringComparison.Ordinal) ? new Uri(url).PathAndQuery : url;
}

internal static class Twiml
{
    /// <summary>The URLs played, in document order, including inside Gather.</summary>
    public static IReadOnlyList<string> Plays(this XElement response) =>
        response.Descendants("Play").Select(p => p.Value).ToList();

    /// <summary>The audio keys played (the path after /audio/, or after the bucket host).</summary>
    public static IReadOnlyList<string> PlayedKeys(this XElement response) =>
        response.Plays().Select(url => Uri.UnescapeDataString(new Uri(url).AbsolutePath.Replace("/audio/", "/", StringComparison.Ordinal).TrimStart('/'))).ToList();

    public static IReadOnlyList<string> Verbs(this XElement response) =>
        response.Elements().Select(e => e.Name.LocalName).ToList();
}
