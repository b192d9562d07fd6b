using System.Text;
using static IvrService.EndToEnd.Tests.BadInput.Answer;
using static IvrService.EndToEnd.Tests.BadInput.LogReason;

namespace IvrService.EndToEnd.Tests.BadInput;

/// <summary>
/// The bad-input matrix: every row is sent to every webhook of both apps it applies to (BadInputApps.Routes). A row
/// names what is wrong, how the request is built from the route's valid signed one, the answer it must get, and the
/// log line that must give the reason. docs/hardening.md lists the same table for readers.
/// </summary>
internal static class BadInputMatrix
{
    private const string Forged = "NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=";

    private static readonly byte[] Json = """{"CallSid":"CA00000000000000000000000000000008","Digits":"1"}"""u8.ToArray();

    private static readonly byte[] Multipart =
        "--b\r\nContent-Disposition: form-data; name=\"CallSid\"\r\n\r\nCA00000000000000000000000000000008\r\n--b--\r\n"u8.ToArray();

    public static IReadOnlyList<BadInputCase> Cases { get; } =
    [
        // ---- signatures -------------------------------------------------------------------------------------
        new("forged signature", c => c.Valid().WithoutHeader("X-Twilio-Signature").WithHeader("X-Twilio-Signature", Forged), Rejected4xx, Rejected("NoMatch")),
        new("missing signature", c => c.Valid().WithoutHeader("X-Twilio-Signature"), Rejected4xx, Rejected("NoHeader")),
        new("empty signature header", c => c.Valid().WithoutHeader("X-Twilio-Signature").WithHeader("X-Twilio-Signature", ""), Rejected4xx, Rejected("NoHeader")),
        new("two valid signature headers", c => c.Valid().WithHeader("X-Twilio-Signature", c.Sign(c.Route.PathAndQuery, c.Form)), Rejected4xx, Rejected("MultipleHeaders")),
        new("valid and forged signature headers", c => c.Valid().WithHeader("X-Twilio-Signature", Forged), Rejected4xx, Rejected("MultipleHeaders")),
        new("signature for another URL", c => Resigned(c, c.Sign("/elsewhere", c.Form)), Rejected4xx, Rejected("NoMatch")),
        new("signature for another host", c => Resigned(c, IvrService.Testing.Twilio.TwilioRequestSigner.Sign("https://evil.example.com" + c.Route.PathAndQuery, c.Form, BadInputApps.Token)), Rejected4xx, Rejected("NoMatch")),
        new("signature made with another token", c => Resigned(c, c.Sign(c.Route.PathAndQuery, c.Form, "another-accounts-token")), Rejected4xx, Rejected("NoMatch")),
        new("signature not Base64", c => Resigned(c, "%%%not base64***"), Rejected4xx, Rejected("NoMatch")),
        new("signature 8,000 characters long", c => Resigned(c, new string('A', 8000)), Rejected4xx, Rejected("NoMatch")),
        new("value changed after signing", c => c.Valid() with { Body = Encoding.UTF8.GetBytes(BadInputApps.Encode(c.Form).Replace("%2B1415", "%2B1900", StringComparison.Ordinal)) }, Rejected4xx, Rejected("NoMatch")),
        new("parameter added after signing", c => c.Valid() with { Body = [.. c.Valid().Body, .. "&Digits=9"u8] }, Rejected4xx, Rejected("NoMatch")),
        new("parameter name case changed after signing", c => c.Valid() with { Body = Encoding.UTF8.GetBytes(BadInputApps.Encode(c.Form).Replace("From=", "from=", StringComparison.Ordinal)) }, Rejected4xx, Rejected("NoMatch")),

        // ---- malformed form bodies (signed over what the server decodes: they must reach the handler) -------------
        new("broken percent-encoding, signed", c => c.SignedRawForm(Body(c, "&Digits=%zz1&FromCity=%&ToCity=%E2%82&CallerName=%%31%")), SafeTwiml, r => Completed(r)),
        new("broken percent-encoding, forged", c => Resigned(c.SignedRawForm(Body(c, "&Digits=%zz1&FromCity=%")), Forged), Rejected4xx, Rejected("NoMatch")),
        new("lone & and =, signed", c => c.SignedRawForm(Body(c, "&&=&==&&=x&y=&&")), SafeTwiml, r => Completed(r)),
        // ASP.NET Core's form reader refuses NUL characters outright; Twilio never sends them (GSM-7's 0x00 is '@').
        new("NUL bytes, signed", c => c.Valid() with { Body = [.. Body(c, "&Digits=1%00&FromCity=a%00b&%00=%00&Raw="), 0, (byte)'z'] }, Rejected4xx, Rejected("UnreadableBody")),
        new("invalid UTF-8 in keys and values, signed", c => c.SignedRawForm([.. Body(c, "&%FF%FE=%C3%28&FromCity=%ED%A0%80&ToCity=%C0%AF&"), 0xFF, (byte)'=', 0xC3, 0x28]), SafeTwiml, r => Completed(r)),
        new("invalid UTF-8, forged", c => Resigned(c.SignedRawForm([.. Body(c, "&%FF%FE=%C3%28&"), 0xFF]), Forged), Rejected4xx, Rejected("NoMatch")),
        new("10,000 parameters, signed", c => c.SignedPost(ManyParameters(c, 10_000)), Rejected4xx, Rejected("UnreadableBody")),
        new("10,000 parameters, unsigned", c => c.SignedPost(ManyParameters(c, 10_000)).WithoutHeader("X-Twilio-Signature"), Rejected4xx, Rejected("NoHeader")),
        new("body over 64 KiB, signed", c => c.SignedWith(("Filler", new string('x', 70 * 1024))), Rejected4xx, Rejected("UnreadableBody")),
        new("body over 64 KiB chunked, signed", c => Chunked(c.SignedWith(("Filler", new string('x', 70 * 1024)))), Rejected4xx, Rejected("UnreadableBody")),
        new("body over 64 KiB, unsigned", c => c.SignedWith(("Filler", new string('x', 70 * 1024))).WithoutHeader("X-Twilio-Signature"), Rejected4xx, Rejected("NoHeader")),
        new("body shorter than its Content-Length, signed", c => c.Valid().WithHeader("Content-Length", (c.Valid().Body.Length + 100).ToString(System.Globalization.CultureInfo.InvariantCulture)), Rejected4xx, Rejected("UnreadableBody")) { HalfClose = true, MayGoUnanswered = true },
        new("one 60 KB value within the limits, signed", c => c.SignedWith(("Filler", new string('x', 60 * 1000))), SafeTwiml, r => Completed(r)),

        // ---- absurd digits and text (validly signed: the caller must not be lost) --------------------------------
        new("10,000 digits", c => c.SignedWith(("Digits", new string('7', 10_000))), SafeTwiml, r => Completed(r, invalidOnContinue: true)),
        new("non-DTMF characters as digits", c => c.SignedWith(("Digits", "12abXYZ!?"), ("FinishedOnKey", "Q")), SafeTwiml, r => Completed(r, invalidOnContinue: true)),
        new("control characters as digits", c => c.SignedWith(("Digits", "\u0001\u0007\r\n\t\u007f\u001b[2J")), SafeTwiml, r => Completed(r, invalidOnContinue: true)),
        new("emoji as digits", c => c.SignedWith(("Digits", "😀📞☎️")), SafeTwiml, r => Completed(r, invalidOnContinue: true)),
        new("Digits repeated", c => c.SignedWith(("Digits", "1"), ("Digits", "2")), SafeTwiml, r => Completed(r)),
        new("speech of control characters and emoji", c => c.SignedWith(("SpeechResult", "\u0001😀\r\nDROP TABLE"), ("Confidence", "NaN")), SafeTwiml, r => Completed(r)),
        new("SMS body of 1,600 emoji and control characters", c => c.SignedWith(("Body", string.Concat(Enumerable.Repeat("😀\u0007\r\n", 400)))), SafeTwiml, r => Completed(r)),

        // ---- tampered action URLs (the state travels in the signed query) ----------------------------------------
        new("state node changed, re-signed", c => c.SignedContinue("n=nowhere&l=en-US"), SafeTwiml, StateRepaired, OnContinue),
        new("state removed, re-signed", c => c.SignedContinue(null), SafeTwiml, StateRepaired, OnContinue),
        new("state duplicated, re-signed", c => c.SignedContinue("n=main&n=sales&l=en-US&l=xx"), SafeTwiml, StateRepaired, OnContinue),
        new("state value 5,000 characters, re-signed", c => c.SignedContinue("n=" + new string('m', 5000) + "&l=en-US"), SafeTwiml, StateRepaired, OnContinue),
        new("state counters absurd, re-signed", c => c.SignedContinue("n=main&l=en-US&f=99999999999999&t=-1&b=x.y.z&x=%00"), SafeTwiml, StateRepaired, OnContinue),
        new("state changed after signing", c => c.Valid() with { Target = c.Route.Path + "?n=sales&l=en-US" }, Rejected4xx, Rejected("NoMatch"), OnContinue),
        new("state removed after signing", c => c.Valid() with { Target = c.Route.Path }, Rejected4xx, Rejected("NoMatch"), OnContinue),
        new("state duplicated after signing", c => c.Valid() with { Target = c.Route.PathAndQuery + "&n=sales" }, Rejected4xx, Rejected("NoMatch"), OnContinue),

        // ---- wrong content types, JSON where a form is expected -------------------------------------------------
        new("text/plain body, signed as a form", c => WithType(c.Valid(), "text/plain"), Rejected4xx, Rejected("BodyHashMissing")),
        new("no Content-Type, signed as a form", c => c.Valid().WithoutHeader("Content-Type"), Rejected4xx, Rejected("BodyHashMissing")),
        new("multipart body, signed as a form", c => WithType(c.Valid() with { Body = Multipart }, "multipart/form-data; boundary=b"), Rejected4xx, Rejected("BodyHashMissing")),
        new("malformed multipart with a valid bodySHA256", c => c.SignedBody("--b\r\nContent-Disposition: form-da"u8.ToArray(), "multipart/form-data; boundary=b"), SafeTwiml, BodyIgnored),
        new("form type with a suffix (x-www-form-urlencodedX)", c => WithType(c.Valid(), "application/x-www-form-urlencodedX"), Rejected4xx, Rejected("BodyHashMissing")),
        new("form with charset parameter", c => WithType(c.Valid(), "application/x-www-form-urlencoded; charset=utf-8"), SafeTwiml, r => Completed(r)),
        new("JSON without bodySHA256", c => Resigned(WithType(c.Valid() with { Body = Json }, "application/json"), c.Sign(c.Route.PathAndQuery, [])), Rejected4xx, Rejected("BodyHashMissing")),
        new("JSON with a valid bodySHA256", c => c.SignedBody(Json, "application/json"), SafeTwiml, BodyIgnored),
        new("JSON with the bodySHA256 of another body", c => c.SignedBody(Json, "application/json", bodyHashOf: "{}"), Rejected4xx, Rejected("BodyHashMismatch")),
        new("JSON with a valid bodySHA256, typed as a form", c => c.SignedBody(Json, "application/x-www-form-urlencoded"), SafeTwiml, r => Completed(r)),

        // ---- HTTP methods (Twilio may be configured to use GET) ----------------------------------------------
        new("GET with the parameters in a signed query", c => c.SignedGet(), SafeTwiml, r => Completed(r)),
        new("GET unsigned", c => c.SignedGet().WithoutHeader("X-Twilio-Signature"), Rejected4xx, Rejected("NoHeader")),
        new("GET query changed after signing", c => ChangeCaller(c.SignedGet()), Rejected4xx, Rejected("NoMatch")),
        new("PUT, signed", c => c.Valid() with { Method = "PUT" }, Rejected4xx, Answered4xx),
        new("DELETE, signed", c => c.SignedGet("DELETE"), Rejected4xx, Answered4xx),
        new("PATCH, signed", c => c.Valid() with { Method = "PATCH" }, Rejected4xx, Answered4xx),
        new("OPTIONS", c => new RawRequest("OPTIONS", c.Route.PathAndQuery, [], []), Rejected4xx, Answered4xx),

        // ---- refused by Kestrel before any middleware ------------------------------------------------------
        new("NUL in a header value", c => c.Valid().WithHeader("X-Junk", "a\0b"), Rejected4xx, Kestrel),
        new("headers over 32 KiB", c => c.Valid().WithHeader("X-Junk", new string('h', 40 * 1024)), Rejected4xx, Kestrel),
        new("garbage request line", c => c.Valid() with { Verbatim = "GARBAGE\r\n\r\n"u8.ToArray() }, Rejected4xx, Kestrel),
        new("non-numeric Content-Length", c => c.Valid().WithHeader("Content-Length", "ten"), Rejected4xx, Kestrel),
    ];

    private static bool OnContinue(WebhookRoute route) => route.IsContinue;

    /// <summary>The completion event; on a menu's callback, absurd digits must come back as an invalid choice.</summary>
    private static LogReason Completed(WebhookRoute route, bool invalidOnContinue = false) =>
        invalidOnContinue && route.IsContinue ? Answered(200, "invalid") : Answered(200);

    private static RawRequest Resigned(CaseContext c, string signature) => Resigned(c.Valid(), signature);

    private static RawRequest Resigned(RawRequest request, string signature) =>
        request.WithoutHeader("X-Twilio-Signature").WithHeader("X-Twilio-Signature", signature);

    private static RawRequest ChangeCaller(RawRequest get) =>
        get with { Target = get.Target.Replace("%2B1415", "%2B1900", StringComparison.Ordinal) };

    private static RawRequest WithType(RawRequest request, string contentType) =>
        request.WithoutHeader("Content-Type").WithHeader("Content-Type", contentType);

    private static byte[] Body(CaseContext c, string tail) => Encoding.UTF8.GetBytes(BadInputApps.Encode(c.Form) + tail);

    private static List<KeyValuePair<string, string?>> ManyParameters(CaseContext c, int count)
    {
        // Short names keep 10,000 fields under the 64 KiB body limit, so the field limit is what trips.
        var form = c.Form;
        for (var i = 0; i < count; i++)
        {
            form.Add(new(i.ToString("x", System.Globalization.CultureInfo.InvariantCulture), ""));
        }

        return form;
    }

    private static RawRequest Chunked(RawRequest request)
    {
        var body = new List<byte>();
        foreach (var chunk in request.Body.Chunk(8 * 1024))
        {
            body.AddRange(Encoding.ASCII.GetBytes(chunk.Length.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "\r\n"));
            body.AddRange(chunk);
            body.AddRange("\r\n"u8.ToArray());
        }

        body.AddRange("0\r\n\r\n"u8.ToArray());
        return request.WithHeader("Transfer-Encoding", "chunked") with { Body = [.. body] };
    }
}
