using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;
using IvrService.Twilio.Tests.TwiML;
using IvrService.Twilio.TwiML;
using SdkTwiML = global::Twilio.TwiML.TwiML;

namespace IvrService.Twilio.Tests.Sdk;

/// <summary>
/// Our TwiML writer against the official C# SDK (<c>Twilio</c> 8.2.0, tests only): the seeded documents of
/// <see cref="TwiMLCaseGenerator"/> (every verb, every attribute our writer emits, markup, unicode and whitespace in
/// text) are replayed through the SDK's typed classes (<c>Twilio.TwiML.Voice.*</c>, <c>Twilio.TwiML.Messaging.*</c>:
/// each attribute passed to the constructor parameter of that name, with the parameter's own type) and compared as
/// parsed XML — names, attributes as sets, text — ignoring attribute order and the empty-element form. The two
/// deliberate differences are asserted, not tolerated silently: a CR in text (we keep it as <c>&amp;#xD;</c>, the
/// SDK's XmlWriter turns CR and CRLF into LF) and U+0001 (the SDK throws, we drop it). The node library stays the
/// first oracle for TwiML (<see cref="TwiMLDifferentialTests"/>); both must agree with us.
/// </summary>
public class SdkTwiMLOracleTests
{
    private const int CaseCount = 400;

    [Fact]
    public void SeededDocuments_ParseAsTheSdksDo_ExceptCrInText()
    {
        var failures = new List<string>();
        var crDifferences = 0;
        var generator = new TwiMLCaseGenerator(20261207);
        var everyAttribute = new TwiMLCaseGenerator(20261208, everyAttribute: true);
        var untyped = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < CaseCount; i++)
        {
            var (ours, spec) = (i % 10 == 0 ? everyAttribute : generator).Next();
            var oursXml = ours.ToString();
            var sdkXml = SdkReplay.Render(spec, untyped);
            var expected = TwiMLAssert.Canonical(TwiMLAssert.Root(sdkXml));
            var actual = TwiMLAssert.Canonical(TwiMLAssert.Root(oursXml));
            if (expected == actual)
            {
                continue;
            }

            // Deliberate: Twilio receives our CR as a CR; the SDK's writer replaces it with the platform newline.
            if (oursXml.Contains("&#xD;", StringComparison.Ordinal)
                && TwiMLAssert.Canonical(CrAsLf(TwiMLAssert.Root(oursXml))) == expected)
            {
                crDifferences++;
                continue;
            }

            failures.Add($"case {i}\nspec: {spec.ToJsonString()}\nsdk:  {sdkXml}\nours: {oursXml}");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {CaseCount} differ:\n" + string.Join("\n\n", failures.Take(5)));
        Assert.True(crDifferences > 0, "no case had a CR in text: the deliberate difference is no longer exercised");
        // Every attribute we emit exists, typed, in the SDK (a name missing there would mean one of us is wrong).
        Assert.Empty(untyped);
    }

    [Fact]
    public void ControlCharacter_SdkThrows_WeDropIt()
    {
        var ours = new VoiceResponse().Say("a\u0001b").ToString();

        Assert.Equal("ab", TwiMLAssert.Single(ours).Value);
        var sdk = new global::Twilio.TwiML.VoiceResponse().Say("a\u0001b");
        Assert.ThrowsAny<ArgumentException>(() => sdk.ToString());
    }

    [Fact]
    public void Bytes_DifferFromTheSdk_InIndentationEmptyElementsAndAttributeOrder()
    {
        var ours = new VoiceResponse()
            .Append(new Gather { Action = "/voice/continue?n=main", NumDigits = 1, Timeout = 5, Input = GatherInput.Dtmf | GatherInput.Speech })
            .Hangup()
            .ToString();
        var sdkResponse = new global::Twilio.TwiML.VoiceResponse()
            .Gather(input: [global::Twilio.TwiML.Voice.Gather.InputEnum.Dtmf, global::Twilio.TwiML.Voice.Gather.InputEnum.Speech],
                action: new Uri("/voice/continue?n=main", UriKind.Relative), timeout: 5, numDigits: 1)
            .Hangup();
        var sdk = sdkResponse.ToString();
        var sdkCompact = sdkResponse.ToString(System.Xml.Linq.SaveOptions.DisableFormatting);

        // Same document for Twilio's parser …
        Assert.Equal(TwiMLAssert.Canonical(TwiMLAssert.Root(sdk)), TwiMLAssert.Canonical(TwiMLAssert.Root(ours)));
        // … not the same bytes: what docs/twiml-and-models.md says about the SDK's layout.
        const string Declaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";
        Assert.Equal(
            Declaration + "\n<Response>\n  <Gather input=\"dtmf speech\" action=\"/voice/continue?n=main\" timeout=\"5\" numDigits=\"1\"></Gather>\n  <Hangup></Hangup>\n</Response>",
            sdk);
        Assert.Equal(
            Declaration + "<Response><Gather input=\"dtmf speech\" action=\"/voice/continue?n=main\" timeout=\"5\" numDigits=\"1\"></Gather><Hangup></Hangup></Response>",
            sdkCompact);
        Assert.Equal(
            Declaration + "\n<Response><Gather action=\"/voice/continue?n=main\" timeout=\"5\" numDigits=\"1\" input=\"dtmf speech\" /><Hangup /></Response>",
            ours);
    }

    private static System.Xml.Linq.XElement CrAsLf(System.Xml.Linq.XElement element)
    {
        foreach (var text in element.DescendantNodes().OfType<System.Xml.Linq.XText>())
        {
            text.Value = text.Value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        }

        return element;
    }
}

/// <summary>
/// Replays a <see cref="TwiMLCaseGenerator"/> description through the SDK's typed TwiML classes by reflection: the
/// element's class in <c>Twilio.TwiML.Voice</c> or <c>Twilio.TwiML.Messaging</c>, its constructor called with each
/// attribute converted to the parameter's type (<c>Uri</c>, <c>int?</c>, <c>bool?</c>, the SDK's string enums, lists
/// of them), the element text as the constructor's content parameter, children appended.
/// </summary>
internal static class SdkReplay
{
    private static readonly Assembly Sdk = typeof(global::Twilio.TwiML.VoiceResponse).Assembly;

    /// <summary>The constructor parameter that takes an element's text content.</summary>
    private static readonly Dictionary<string, string> ContentParameter = new(StringComparer.Ordinal)
    {
        ["Say"] = "message", ["Play"] = "url", ["Redirect"] = "url", ["Dial"] = "number", ["Number"] = "phoneNumber",
        ["Client"] = "identity", ["Sip"] = "sipUrl", ["Enqueue"] = "name", ["Message"] = "body", ["Body"] = "message",
        ["Media"] = "url",
    };

    /// <param name="spec">A case: <c>{kind, verbs: [{name, attrs, text?, children?}]}</c>.</param>
    /// <param name="untyped">Collects <c>Element.attribute</c> names the SDK has no constructor parameter for.</param>
    public static string Render(JsonObject spec, ISet<string> untyped)
    {
        var voice = (string)spec["kind"]! == "voice";
        SdkTwiML response = voice ? new global::Twilio.TwiML.VoiceResponse() : new global::Twilio.TwiML.MessagingResponse();
        foreach (var verb in spec["verbs"]!.AsArray())
        {
            response.Append(Build(verb!.AsObject(), voice ? "Twilio.TwiML.Voice." : "Twilio.TwiML.Messaging.", untyped));
        }

        return response.ToString();
    }

    private static SdkTwiML Build(JsonObject element, string ns, ISet<string> untyped)
    {
        var name = (string)element["name"]!;
        var type = Sdk.GetType(ns + name, throwOnError: true)!;
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var attrs = element["attrs"]?.AsObject() ?? [];
        var parameters = constructor.GetParameters();
        var args = new object?[parameters.Length];
        ContentParameter.TryGetValue(name, out var content);
        for (var i = 0; i < parameters.Length; i++)
        {
            var p = parameters[i];
            var value = p.Name == content ? element["text"] : attrs[p.Name!];
            args[i] = value is null ? (p.HasDefaultValue ? p.DefaultValue : null) : Convert(value, p.ParameterType);
        }

        foreach (var (attribute, _) in attrs)
        {
            if (!parameters.Any(p => p.Name == attribute))
            {
                untyped.Add(name + "." + attribute);
            }
        }

        var built = (SdkTwiML)constructor.Invoke(args);
        foreach (var (attribute, value) in attrs.Where(a => !parameters.Any(p => p.Name == a.Key)))
        {
            built.SetOption(attribute, value is JsonArray list ? string.Join(' ', list.Select(v => (string)v!)) : value!.ToString());
        }

        foreach (var child in element["children"]?.AsArray() ?? [])
        {
            built.Append(Build(child!.AsObject(), ns, untyped));
        }

        return built;
    }

    private static object? Convert(JsonNode value, Type target)
    {
        var type = Nullable.GetUnderlyingType(target) ?? target;
        if (type == typeof(string))
        {
            return value.GetValue<string>();
        }

        if (type == typeof(int))
        {
            return value.GetValue<int>();
        }

        if (type == typeof(bool))
        {
            return value.GetValue<bool>();
        }

        if (type == typeof(Uri))
        {
            return new Uri(value.GetValue<string>(), UriKind.RelativeOrAbsolute);
        }

        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(List<>) || type.GetGenericTypeDefinition() == typeof(IEnumerable<>)))
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(type.GetGenericArguments()[0]))!;
            var items = value is JsonArray array ? array.Select(v => v!) : value.GetValue<string>().Split(' ').Select(s => (JsonNode)JsonValue.Create(s));
            foreach (var item in items)
            {
                list.Add(Convert(item, type.GetGenericArguments()[0]));
            }

            return list;
        }

        // The SDK's string enums (Say.VoiceEnum, Twilio.Http.HttpMethod, …) convert implicitly from a string.
        var implicitFromString = type.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .FirstOrDefault(m => m.Name == "op_Implicit" && m.ReturnType == type && m.GetParameters() is [{ ParameterType: var t }] && t == typeof(string))
            ?? throw new InvalidOperationException($"no conversion from a string to {type}");
        return implicitFromString.Invoke(null, [value.GetValue<string>()]);
    }
}
