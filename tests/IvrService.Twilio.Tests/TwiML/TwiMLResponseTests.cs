using System.Buffers;
using System.Text;
using IvrService.Twilio.TwiML;

namespace IvrService.Twilio.Tests.TwiML;

public class TwiMLResponseTests
{
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";

    [Fact]
    public void ToString_Empty_WritesDeclarationAndEmptyResponse()
    {
        Assert.Equal(Declaration + "<Response />", new VoiceResponse().ToString());
        Assert.Equal(Declaration + "<Response />", new MessagingResponse().ToString());
    }

    [Fact]
    public void ToString_SimpleVoice_MatchesSdkLayout()
    {
        var xml = new VoiceResponse().Say("Hello", voice: "alice").Hangup().ToString();

        Assert.Equal(Declaration + "<Response><Say voice=\"alice\">Hello</Say><Hangup /></Response>", xml);
    }

    [Fact]
    public void ToUtf8Bytes_NoByteOrderMark_AndUtf8Text()
    {
        var bytes = new VoiceResponse().Say("héllo 😀").ToUtf8Bytes();

        Assert.Equal((byte)'<', bytes[0]);
        Assert.Contains("héllo 😀", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_MarkupCharacters_AreEscaped()
    {
        var xml = new VoiceResponse().Say("a & b < c > d \"e\" 'f' ]]>").ToString();

        Assert.Contains("a &amp; b &lt; c &gt; d \"e\" 'f' ]]&gt;", xml, StringComparison.Ordinal);
        Assert.Equal("a & b < c > d \"e\" 'f' ]]>", TwiMLAssert.Single(xml).Value);
    }

    [Fact]
    public void Attribute_MarkupCharacters_AreEscapedAndRoundTrip()
    {
        const string url = "https://example.com/menu?a=1&b=<2>&c=\"3\"&d='4'";
        var xml = new VoiceResponse().Append(new Gather { Action = url }).ToString();

        Assert.Contains("&amp;b=&lt;2&gt;&amp;c=&quot;3&quot;", xml, StringComparison.Ordinal);
        Assert.Equal(url, TwiMLAssert.Attributes(TwiMLAssert.Single(xml))["action"]);
    }

    [Theory]
    [InlineData("line1\nline2")]
    [InlineData("cr\rhere")]
    [InlineData("crlf\r\nhere")]
    [InlineData("tab\there")]
    public void Whitespace_InTextAndAttributes_SurvivesParsing(string value)
    {
        var xml = new VoiceResponse().Say(value, language: value).ToString();
        var say = TwiMLAssert.Single(xml);

        Assert.Equal(value, say.Value);
        Assert.Equal(value, TwiMLAssert.Attributes(say)["language"]);
    }

    [Theory]
    [InlineData("a\u0001b", "ab")]
    [InlineData("a\u0000b\u001Fc", "abc")]
    [InlineData("non-chars \uFFFE\uFFFF", "non-chars ")]
    [InlineData("emoji 😀 stays", "emoji 😀 stays")]
    [InlineData("\u0085\u2028 stay", "\u0085\u2028 stay")]
    public void InvalidXmlCharacters_AreStripped_NotThrown(string input, string expected)
    {
        var xml = new VoiceResponse().Say(input, voice: input).ToString();
        var say = TwiMLAssert.Single(xml);

        Assert.Equal(expected, say.Value);
        Assert.Equal(expected, TwiMLAssert.Attributes(say)["voice"]);
    }

    // Built in code: xunit's theory-data serialisation would turn lone surrogates into U+FFFD before the test runs.
    [Fact]
    public void LoneSurrogates_AreStripped_PairsKept()
    {
        var input = "a" + '\uD800' + "b" + '\uDC00' + "c" + '\uDC00' + '\uD800' + "d\uD83D\uDE00" + '\uD83D';
        var xml = new VoiceResponse().Say(input, voice: input).ToString();
        var say = TwiMLAssert.Single(xml);

        Assert.Equal("abcd\uD83D\uDE00", say.Value);
        Assert.Equal("abcd\uD83D\uDE00", TwiMLAssert.Attributes(say)["voice"]);
    }

    [Fact]
    public void WriteTo_BufferWriter_EqualsToString()
    {
        var response = BigResponse();
        var buffer = new ArrayBufferWriter<byte>();

        response.WriteTo(buffer);

        Assert.Equal(response.ToString(), Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void WriteTo_BufferWriterWithTinySegments_EqualsToString()
    {
        var response = BigResponse();
        var buffer = new TinySegmentWriter();

        response.WriteTo(buffer);

        Assert.Equal(response.ToString(), Encoding.UTF8.GetString(buffer.Written.ToArray()));
    }

    [Fact]
    public async Task WriteToAsync_Stream_EqualsToString()
    {
        var response = BigResponse();
        using var stream = new MemoryStream();

        await response.WriteToAsync(stream);

        Assert.Equal(response.ToString(), Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void ToString_Twice_IsStable()
    {
        var response = BigResponse();

        Assert.Equal(response.ToString(), response.ToString());
    }

    [Fact]
    public void IsEmpty_ReflectsVerbs()
    {
        Assert.True(new VoiceResponse().IsEmpty);
        Assert.False(new VoiceResponse().Hangup().IsEmpty);
        Assert.True(new MessagingResponse().IsEmpty);
        Assert.False(new MessagingResponse().Message("x").IsEmpty);
    }

    private static VoiceResponse BigResponse()
    {
        var response = new VoiceResponse();
        for (var i = 0; i < 200; i++)
        {
            response.Say($"Prompt {i} with ünïcödé & <markup> 😀", language: "en-US");
        }

        return response;
    }

    /// <summary>Hands out 7-byte spans so the stream adapter must split writes.</summary>
    private sealed class TinySegmentWriter : IBufferWriter<byte>
    {
        private readonly byte[] _segment = new byte[7];

        public List<byte> Written { get; } = [];

        public void Advance(int count) => Written.AddRange(_segment.AsSpan(0, count).ToArray());

        public Memory<byte> GetMemory(int sizeHint = 0) => _segment;

        public Span<byte> GetSpan(int sizeHint = 0) => _segment;
    }
}
