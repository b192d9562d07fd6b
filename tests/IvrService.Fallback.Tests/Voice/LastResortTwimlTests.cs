namespace IvrService.Fallback.Tests.Voice;

/// <summary>
/// The last resort (apology, then transfer, voicemail or goodbye) and its stage callbacks, byte for byte: the TwiML
/// these requests got before the last resort became an <c>IvrTurn</c> rendered by the shared renderer (issue 18),
/// captured from that code and held here so the move changes nothing a caller hears or Twilio requests.
/// </summary>
public class LastResortTwimlTests
{
    public static TheoryData<string, string, string?, string?, string, string> Cases => new()
    {
        { "voicemail", "/fallback/voice", null, null, "11205", "" },
        { "voicemail-say", "/fallback/voice", null, null, "13420", "" },
        { "transfer-number", "/fallback/voice", "Fallback:SupportNumber", "+15005550123", "11205", "" },
        { "transfer-sip-say", "/fallback/voice", "Fallback:SupportNumber", "sip:desk@support.example.com", "13227", "" },
        { "goodbye", "/fallback/voice", "Fallback:Mode", "Goodbye", "11205", "" },
        { "apology-prompt", "/fallback/voice", "Fallback:ApologyPromptId", "welcome", "11205", "" },
        { "apology-prompt-say", "/fallback/voice", "Fallback:ApologyPromptId", "welcome", "13420", "" },
        { "after-rec", "/fallback/voice/continue?fs=rec", null, null, "", "rec" },
        { "after-rec-silent", "/fallback/voice/continue?fs=rec&m=say", null, null, "", "none" },
        { "after-dial-ok", "/fallback/voice/continue?fs=dial", null, null, "", "completed" },
        { "after-dial-busy", "/fallback/voice/continue?fs=dial", null, null, "", "busy" },
        { "after-unknown", "/fallback/voice/continue?fs=zzz", null, null, "", "" },
    };

    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["after-dial-busy"] = """<Response><Say language="en-US">Please try again later. Goodbye.</Say><Hangup /></Response>""",
        ["after-dial-ok"] = """<Response><Hangup /></Response>""",
        ["after-rec"] = """<Response><Say language="en-US">Thank you. We will call you back as soon as we can. Goodbye.</Say><Hangup /></Response>""",
        ["after-rec-silent"] = """<Response><Say language="en-US">Please try again later. Goodbye.</Say><Hangup /></Response>""",
        ["after-unknown"] = """<Response><Say language="en-US">Please try again later. Goodbye.</Say><Hangup /></Response>""",
        ["apology-prompt"] = """<Response><Play>https://fallback.example.net/fallback/audio/en-US/welcome.wav</Play><Say language="en-US">Please leave your name, number and a short message after the tone.</Say><Record action="https://fallback.example.net/fallback/voice/continue?fs=rec" method="POST" maxLength="120" playBeep="true" /><Say language="en-US">Please try again later. Goodbye.</Say><Hangup /></Response>""",
        ["apology-prompt-say"] = """<Response><Say language="en-US">We're sorry, we are having technical difficulties.</Say><Say language="en-US">Please leave your name, number and a short message after the tone.</Say><Record action="https://fallback.example.net/fallback/voice/continue?fs=rec&amp;m=say" method="POST" maxLength="120" playBeep="true" /><Say language="en-US">Please try again later. Goodbye.</Say><Hangup /></Response>""",
        ["goodbye"] = """<Response><Say language="en-US">We're sorry, we are having technical difficulties.</Say><Say language="en-US">Please try again later. Goodbye.</Say><Hangup /></Response>""",
        ["transfer-number"] = """<Response><Say language="en-US">We're sorry, we are having technical difficulties.</Say><Say language="en-US">Please hold while we connect you to our team.</Say><Dial action="https://fallback.example.net/fallback/voice/continue?fs=dial" method="POST" timeout="30"><Number>+15005550123</Number></Dial></Response>""",
        ["transfer-sip-say"] = """<Response><Say language="en-US">We're sorry, we are having technical difficulties.</Say><Say language="en-US">Please hold while we connect you to our team.</Say><Dial action="https://fallback.example.net/fallback/voice/continue?fs=dial&amp;m=say" method="POST" timeout="30"><Sip>sip:desk@support.example.com</Sip></Dial></Response>""",
        ["voicemail"] = """<Response><Say language="en-US">We're sorry, we are having technical difficulties.</Say><Say language="en-US">Please leave your name, number and a short message after the tone.</Say><Record action="https://fallback.example.net/fallback/voice/continue?fs=rec" method="POST" maxLength="120" playBeep="true" /><Say language="en-US">Please try again later. Goodbye.</Say><Hangup /></Response>""",
        ["voicemail-say"] = """<Response><Say language="en-US">We're sorry, we are having technical difficulties.</Say><Say language="en-US">Please leave your name, number and a short message after the tone.</Say><Record action="https://fallback.example.net/fallback/voice/continue?fs=rec&amp;m=say" method="POST" maxLength="120" playBeep="true" /><Say language="en-US">Please try again later. Goodbye.</Say><Hangup /></Response>""",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task LastResort_RendersExactlyAsBefore(string name, string path, string? key, string? value, string code, string stage)
    {
        await using var app = new FallbackAppFactory();
        if (key is not null)
        {
            app.With(key, value);
        }

        var form = Webhooks.FailedCall(code.Length > 0 ? code : null, null);
        if (stage == "rec")
        {
            form["RecordingUrl"] = "https://api.twilio.com/rec/RE1";
            form["RecordingDuration"] = "7";
        }

        if (stage is "completed" or "busy")
        {
            form["DialCallStatus"] = stage;
        }

        var (status, _, body) = await app.PostAsync(path, form);

        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.Equal("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + Expected[name], body);
    }
}
