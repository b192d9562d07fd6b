using System.Xml.Linq;

namespace IvrService.Twilio.Tests.TwiML;

/// <summary>Reads rendered TwiML back so tests compare parsed XML, not byte layout.</summary>
internal static class TwiMLAssert
{
    public static XElement Root(string xml) => XDocument.Parse(xml).Root ?? throw new InvalidOperationException("no root");

    public static XElement Single(string xml)
    {
        var root = Root(xml);
        Assert.Equal("Response", root.Name.LocalName);
        return Assert.Single(root.Elements());
    }

    public static Dictionary<string, string> Attributes(XElement element) =>
        element.Attributes().ToDictionary(a => a.Name.LocalName, a => a.Value, StringComparer.Ordinal);

    /// <summary>Element name, attributes as a sorted set, text and children: the shape Twilio's parser sees.</summary>
    public static string Canonical(XElement element)
    {
        var attributes = string.Join(' ', element.Attributes()
            .OrderBy(a => a.Name.LocalName, StringComparer.Ordinal)
            .Select(a => $"{a.Name.LocalName}={Quote(a.Value)}"));
        var text = string.Concat(element.Nodes().OfType<XText>().Select(t => t.Value));
        var children = string.Concat(element.Elements().Select(Canonical));
        return $"<{element.Name.LocalName} {attributes}|{Quote(text)}|{children}>";
    }

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\").Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t") + "\"";
}
