using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace IvrService.Twilio.Tests.TwiML;

/// <summary>
/// Attribute names and enum values checked against the official library's TypeScript declarations
/// (tests/node/node_modules/twilio/lib/twiml/*.d.ts): the differential test proves escaping and structure, this one
/// proves we never write a name or value Twilio's schema does not know (error 12200).
/// </summary>
public partial class TwilioTypeDefinitionTests
{
    // Declared by the library but deliberately not offered by our writer (not needed by IvrService).
    private static readonly HashSet<string> Omitted =
    [
        "Dial.events", "Dial.passports", "Dial.recordingConfigurationId", "Record.recordingConfigurationId",
        "Sip.machineDetectionSpeechThreshold", "Sip.machineDetectionSpeechEndThreshold", "Sip.machineDetectionSilenceTimeout",
    ];

    private static readonly Lazy<(Dictionary<string, HashSet<string>> Voice, Dictionary<string, HashSet<string>> Messaging, Dictionary<string, HashSet<string>> Unions)> Declarations =
        new(Load);

    [Fact]
    public void EveryAttributeWeWrite_IsDeclaredByTheLibrary()
    {
        var problems = new List<string>();
        foreach (var (element, declared) in EveryAttributeDocuments())
        {
            foreach (var attribute in element.Attributes())
            {
                if (!declared.TryGetValue(element.Name.LocalName, out var names) || !names.Contains(attribute.Name.LocalName))
                {
                    problems.Add($"{element.Name.LocalName}.{attribute.Name.LocalName}");
                }
            }
        }

        Assert.Empty(problems.Distinct());
    }

    [Fact]
    public void EveryDeclaredAttribute_IsWrittenOrDeliberatelyOmitted()
    {
        var written = EveryAttributeDocuments()
            .SelectMany(p => p.Element.Attributes().Select(a => $"{p.Element.Name.LocalName}.{a.Name.LocalName}"))
            .ToHashSet(StringComparer.Ordinal);
        var (voice, _, _) = Declarations.Value;
        string[] ours = ["Say", "Play", "Pause", "Gather", "Dial", "Number", "Client", "Sip", "Record", "Reject", "Enqueue", "Redirect"];

        var missing = ours
            .SelectMany(verb => voice[verb].Select(attribute => $"{verb}.{attribute}"))
            .Where(name => !written.Contains(name) && !Omitted.Contains(name))
            .ToList();

        Assert.Empty(missing);
    }

    [Theory]
    [InlineData("Gather", "input", "GatherInput")]
    [InlineData("Dial", "record", "DialRecord")]
    [InlineData("Dial", "trim", "DialTrim")]
    [InlineData("Dial", "recordingTrack", "DialRecordingTrack")]
    [InlineData("Dial", "recordingStatusCallbackEvent", "DialRecordingEvent")]
    [InlineData("Record", "trim", "RecordTrim")]
    [InlineData("Record", "recordingStatusCallbackEvent", "RecordRecordingEvent")]
    [InlineData("Reject", "reason", "RejectReason")]
    [InlineData("Number", "statusCallbackEvent", "NumberEvent")]
    [InlineData("Client", "statusCallbackEvent", "ClientEvent")]
    [InlineData("Sip", "statusCallbackEvent", "SipEvent")]
    public void EnumWireValues_AreInTheLibrarysUnionType(string element, string attribute, string unionType)
    {
        var union = Declarations.Value.Unions[unionType];
        var values = AllEnumRenderings()
            .Where(e => e.Name.LocalName == element && e.Attribute(attribute) is not null)
            .SelectMany(e => e.Attribute(attribute)!.Value.Split(' '))
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(values);
        Assert.Subset(union, values);
    }

    private static IEnumerable<(XElement Element, Dictionary<string, HashSet<string>> Declared)> EveryAttributeDocuments()
    {
        var (voice, messaging, _) = Declarations.Value;
        var (voiceDoc, _) = new TwiMLCaseGenerator(1, everyAttribute: true).Next();
        foreach (var element in TwiMLAssert.Root(voiceDoc.ToString()).Descendants())
        {
            yield return (element, voice);
        }

        var message = new IvrService.Twilio.TwiML.MessagingResponse()
            .Append(new IvrService.Twilio.TwiML.Message("x") { To = "+1", From = "+2", Action = "/a", Method = TwilioHttpMethod.Get, StatusCallback = "/s" })
            .Redirect("/r", TwilioHttpMethod.Post);
        foreach (var element in TwiMLAssert.Root(message.ToString()).Elements())
        {
            yield return (element, messaging);
        }
    }

    // Many seeds in every-attribute mode reach every enum member and flag.
    private static IEnumerable<XElement> AllEnumRenderings() =>
        Enumerable.Range(0, 200).SelectMany(seed => TwiMLAssert.Root(new TwiMLCaseGenerator(seed, everyAttribute: true).Next().Ours.ToString()).Descendants());

    private static (Dictionary<string, HashSet<string>>, Dictionary<string, HashSet<string>>, Dictionary<string, HashSet<string>>) Load()
    {
        var dir = Path.Combine(NodeTwiMLOracle.NodeToolsDirectory, "node_modules", "twilio", "lib", "twiml");
        var voiceText = File.ReadAllText(Path.Combine(dir, "VoiceResponse.d.ts"));
        var messagingText = File.ReadAllText(Path.Combine(dir, "MessagingResponse.d.ts"));
        return (Interfaces(voiceText), Interfaces(messagingText), Unions(voiceText));
    }

    // Same-named interfaces appear several times (TypeScript merges them), so names are unioned per element.
    private static Dictionary<string, HashSet<string>> Interfaces(string text)
    {
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (Match match in InterfaceRegex().Matches(text))
        {
            var set = result.TryGetValue(match.Groups[1].Value, out var existing) ? existing : result[match.Groups[1].Value] = [];
            foreach (Match property in PropertyRegex().Matches(match.Groups[2].Value))
            {
                set.Add(property.Groups[1].Value);
            }
        }

        return result;
    }

    private static Dictionary<string, HashSet<string>> Unions(string text) =>
        UnionRegex().Matches(text).ToDictionary(
            m => m.Groups[1].Value,
            m => QuotedRegex().Matches(m.Groups[2].Value).Select(q => q.Groups[1].Value).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);

    [GeneratedRegex(@"interface (\w+)Attributes \{([^}]*)\}")]
    private static partial Regex InterfaceRegex();

    [GeneratedRegex(@"^\s*(\w+)\??:", RegexOptions.Multiline)]
    private static partial Regex PropertyRegex();

    [GeneratedRegex(@"type (\w+) = ([^;]+);")]
    private static partial Regex UnionRegex();

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex QuotedRegex();
}
