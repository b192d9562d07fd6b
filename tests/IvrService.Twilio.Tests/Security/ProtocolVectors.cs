namespace IvrService.Twilio.Tests.Security;

/// <summary>The published vectors of twilio-protocol.md §1.4 (token 12345), as data.</summary>
internal static class ProtocolVectors
{
    public const string Token = "12345";
    public const string PropertyBody = """{"property": "value", "boolean": true}""";
    public const string PropertyBodyHash = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";
    public const string EmptyObjectHash = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

    /// <summary>Parameter sets by name, so theory rows stay readable.</summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> Params(string name) => name switch
    {
        "P" => Pairs(("CallSid", "CA1234567890ABCDE"), ("Caller", "+14158675309"), ("Digits", "1234"), ("From", "+14158675309"), ("To", "+18005551212")),
        "Binding" => Pairs(("MessagingBinding.Address", "+1325xxxxxxx"), ("MessagingBinding.Address", "+1415xxxxxxx")),
        "BindingReversed" => Pairs(("MessagingBinding.Address", "+1415xxxxxxx"), ("MessagingBinding.Address", "+1325xxxxxxx")),
        "Repeated" => Pairs(("Sid", "CA123"), ("SidAccount", "AC123"), ("Digits", "5678"), ("Digits", "1234"), ("Digits", "1234")),
        "Docs" => Pairs(("CallSid", "CA1234567890ABCDE"), ("Caller", "+14158675310"), ("Digits", "1234"), ("From", "+14158675310"), ("To", "+18005551212")),
        "Reason" => Pairs(("ReasonConferenceEnded", "participant-with-end-conference-on-exit-left"), ("Reason", "Participant left")),
        "Zeta" => Pairs(("alpha", "2"), ("Zeta", "1")),
        "Unicode" => Pairs(("From", "+15005550006"), ("Body", "héllo 😀")),
        "None" => [],
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>(parameter set, signed URL, signature): Compute(url, params, 12345) must equal the signature.</summary>
    public static TheoryData<string, string, string> SignedUrls => new()
    {
        { "P", "https://mycompany.com/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=" },
        { "P", "https://mycompany.com:443/myapp.php?foo=1&bar=2", "kvajT1Ptam85bY51eRf/AJRuM3w=" },
        { "P", "http://mycompany.com:80/myapp.php?foo=1&bar=2", "0ZXoZLH/DfblKGATFgpif+LLRf4=" },
        { "P", "http://mycompany.com:1234/myapp.php?foo=1&bar=2", "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=" },
        { "P", "https://mycompany.com:1234/myapp.php?foo=1&bar=2", "CYn1h0gLBdNxDGkKJg6hYohgeD8=" },
        { "P", "https://MyCompany.com/myapp.php?foo=1&bar=2", "g9IN/x4Cft2g517EjYvEvM/W7LU=" },
        { "P", "https://MyCompany.com:1234/myapp.php?foo=1&bar=2", "PCqOZm8cnu/L6+u5i5fuEd+Iac4=" },
        { "P", "http://MyCompany.com/myapp.php?foo=1&bar=2", "XY7AlKOKL6im4yWyX84gldUrtis=" },
        { "P", "http://username:password@MyCompany.com/myapp.php?foo=1&bar=2", "PJ08CxXr7KLPjEQCTc8LkUSMwSM=" },
        { "P", "HTTP://username:password@MyCompany.com/myapp.php?foo=1&bar=2", "hy/l8pca+LFms4cvRdv8uiP6NGc=" },
        { "P", "http://Username:Password@MyCompany.com/myapp.php?foo=1&bar=2", "SkTSKyDJH9kUlhItI0slbgZ1UsI=" },
        { "P", "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2", "CukzLTc1tT5dXEDIHm/tKBanW10=" },
        { "P", "https://user@mycompany.com/myapp.php?foo=1&bar=2", "2YRLlVAflCqxaNicjMpJcSTgzSs=" },
        { "P", "https://user:pass@mycompany.com:443/myapp.php?foo=1&bar=2", "ZQFR1PTIZXF2MXB8ZnKCvnnA+rI=" },
        { "P", "https://mycompany.com/myapp.php?foo=1&bar=2&Body=It%27s+amazing", "TfZzewPq8wqrGlMfyAud8+/IvJ0=" },
        { "Binding", "https://mycompany.com/myapp.php?foo=1&bar=2", "83O6e2vORAoJHUNzJjDWN1jz+BA=" },
        { "BindingReversed", "https://mycompany.com/myapp.php?foo=1&bar=2", "83O6e2vORAoJHUNzJjDWN1jz+BA=" },
        { "Repeated", "https://mycompany.com/myapp.php?foo=1&bar=2", "IK+Dwps556ElfBT0I3Rgjkr1wJU=" },
        { "Docs", "https://example.com/myapp.php?foo=1&bar=2", "L/OH5YylLD5NRKLltdqwSvS0BnU=" },
        { "Reason", "https://example.com/conf", "242133WxYWh5nULlTqjEPzwQAtc=" },
        { "Zeta", "https://example.com/hook", "WGlmimiOL2qP8z4hIMXr0DC2ZAE=" },
        { "Unicode", "https://example.com/sms", "o9gJi5/1F2qaVbi8RbCv3roDzrE=" },
        { "None", "https://example.com/voice?CallSid=CA123&From=%2B15005550006", "JVZzNCYG8jZI9WWR43vdoQpIVV8=" },
        { "None", $"https://mycompany.com/myapp.php?foo=1&bar=2&bodySHA256={PropertyBodyHash}", "a9nBmqA0ju/hNViExpshrM61xv4=" },
        { "None", $"https://mycompany.com/myapp.php?bodySHA256={PropertyBodyHash}", "y77kIzt2vzLz71DgmJGsen2scGs=" },
        { "None", $"https://mycompany.com:443/myapp.php?foo=1&bar=2&bodySHA256={EmptyObjectHash}", "Ldidvp12m26NI7eqEvxnEpkd9Hc=" },
    };

    /// <summary>
    /// (parameter set, URL received, signature, accepted?): what the validator must decide. Several rows reach the
    /// signed URL only through a variant (port toggle, userinfo, query re-encoding).
    /// </summary>
    public static TheoryData<string, string, string, bool> Received => new()
    {
        { "P", "https://mycompany.com/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", true },
        { "P", "https://mycompany.com/myapp.php?foo=1&bar=2", "kvajT1Ptam85bY51eRf/AJRuM3w=", true },
        { "P", "https://mycompany.com:443/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", true },
        { "P", "http://mycompany.com/myapp.php?foo=1&bar=2", "0ZXoZLH/DfblKGATFgpif+LLRf4=", true },
        { "P", "http://mycompany.com:1234/myapp.php?foo=1&bar=2", "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=", true },
        { "P", "https://mycompany.com:1234/myapp.php?foo=1&bar=2", "CYn1h0gLBdNxDGkKJg6hYohgeD8=", true },
        // Voice over HTTPS: Twilio signs without the port it connected to.
        { "P", "https://mycompany.com:1234/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", true },
        { "P", "https://MyCompany.com/myapp.php?foo=1&bar=2", "g9IN/x4Cft2g517EjYvEvM/W7LU=", true },
        { "P", "https://MyCompany.com:1234/myapp.php?foo=1&bar=2", "PCqOZm8cnu/L6+u5i5fuEd+Iac4=", true },
        { "P", "http://MyCompany.com/myapp.php?foo=1&bar=2", "XY7AlKOKL6im4yWyX84gldUrtis=", true },
        { "P", "http://username:password@MyCompany.com/myapp.php?foo=1&bar=2", "PJ08CxXr7KLPjEQCTc8LkUSMwSM=", true },
        { "P", "HTTP://username:password@MyCompany.com/myapp.php?foo=1&bar=2", "hy/l8pca+LFms4cvRdv8uiP6NGc=", true },
        { "P", "http://Username:Password@MyCompany.com/myapp.php?foo=1&bar=2", "SkTSKyDJH9kUlhItI0slbgZ1UsI=", true },
        { "P", "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2", "CukzLTc1tT5dXEDIHm/tKBanW10=", true },
        { "P", "https://user@mycompany.com/myapp.php?foo=1&bar=2", "2YRLlVAflCqxaNicjMpJcSTgzSs=", true },
        { "P", "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2", "ZQFR1PTIZXF2MXB8ZnKCvnnA+rI=", true },
        // Twilio itself removes userinfo before signing.
        { "P", "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", true },
        { "P", "https://mycompany.com/myapp.php?foo=1&bar=2&Body=It's+amazing", "TfZzewPq8wqrGlMfyAud8+/IvJ0=", true },
        { "Binding", "https://mycompany.com/myapp.php?foo=1&bar=2", "83O6e2vORAoJHUNzJjDWN1jz+BA=", true },
        { "BindingReversed", "https://mycompany.com/myapp.php?foo=1&bar=2", "83O6e2vORAoJHUNzJjDWN1jz+BA=", true },
        { "Repeated", "https://mycompany.com/myapp.php?foo=1&bar=2", "IK+Dwps556ElfBT0I3Rgjkr1wJU=", true },
        { "Docs", "https://example.com/myapp.php?foo=1&bar=2", "L/OH5YylLD5NRKLltdqwSvS0BnU=", true },
        { "Reason", "https://example.com/conf", "242133WxYWh5nULlTqjEPzwQAtc=", true },
        { "Zeta", "https://example.com/hook", "WGlmimiOL2qP8z4hIMXr0DC2ZAE=", true },
        { "Unicode", "https://example.com/sms", "o9gJi5/1F2qaVbi8RbCv3roDzrE=", true },
        { "None", "https://example.com/voice?CallSid=CA123&From=%2B15005550006", "JVZzNCYG8jZI9WWR43vdoQpIVV8=", true },

        // Issue 17: twilio-csharp's negative vector, accepted now as node accepts it (the WHATWG lowercased-host candidate).
        { "P", "https://MyCompany.com/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", true },

        // Negatives.
        { "P", "https://mycompany.com/myapp.php?foo=1&bar=2", "NOTRSOYDt4T1cUTdK1PDd93/VVr8B8=", false },
        { "P", "https://mycompany.com/myapp.php?foo=1&bar=2", "WRONG_SIGNATURE", false },
        { "Reason", "https://example.com/conf", "76eLpMykF7xnGAqFHm7qT832yf0=", false },
        { "Zeta", "https://example.com/hook", "i+dUhhJ2MSKvllCgLjpvV+fjKkA=", false },
        { "Docs", "https://example.com/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", false },
        { "P", "https://mycompany.com/myapp.php?foo=1&bar=2&extra=1", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", false },
        { "None", "https://mycompany.com/myapp.php?foo=1&bar=2", "RSOYDt4T1cUTdK1PDd93/VVr8B8=", false },
    };

    private static KeyValuePair<string, string?>[] Pairs(params (string Name, string? Value)[] pairs) =>
        pairs.Select(p => new KeyValuePair<string, string?>(p.Name, p.Value)).ToArray();
}
