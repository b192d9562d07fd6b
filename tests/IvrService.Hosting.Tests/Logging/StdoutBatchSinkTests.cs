using System.Text;
using IvrService.Hosting.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace IvrService.Hosting.Tests.Logging;

public class StdoutBatchSinkTests
{
    [Fact]
    public async Task EmitBatch_ManyEvents_WritesEveryLineInOneWrite()
    {
        var output = new CountingStream();
        var sink = new StdoutBatchSink(new ClefLineFormatter(), output);
        var batch = Enumerable.Range(0, 200).Select(i => Event($"call {i} answered")).ToList();

        await sink.EmitBatchAsync(batch);

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(200, lines.Length);
        Assert.Contains("call 0 answered", lines[0], StringComparison.Ordinal);
        Assert.Contains("call 199 answered", lines[^1], StringComparison.Ordinal);
        Assert.True(output.Writes == 1, $"{output.Writes} writes for {output.Length} bytes");
    }

    [Fact]
    public async Task EmitBatch_NonAscii_WritesUtf8WithoutBom()
    {
        var output = new CountingStream();
        var sink = new StdoutBatchSink(new ClefLineFormatter(), output);

        await sink.EmitBatchAsync([Event("llamada de José ✓")]);

        var bytes = output.ToArray();
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Contains("José ✓", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmitBatch_BiggerThanTheBuffer_WritesInPiecesAndLosesNothing()
    {
        var output = new CountingStream();
        var sink = new StdoutBatchSink(new ClefLineFormatter(), output);
        var batch = Enumerable.Range(0, 3000).Select(i => Event($"call {i} answered " + new string('x', 100))).ToList();

        await sink.EmitBatchAsync(batch);

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3000, lines.Length);
        Assert.InRange(output.Writes, 2, 20);
    }

    [Fact]
    public async Task EmitBatch_EventThatCannotBeFormatted_IsDroppedAlone()
    {
        var output = new CountingStream();
        var sink = new StdoutBatchSink(new ClefLineFormatter(), output);
        var broken = new LogEvent(DateTimeOffset.UnixEpoch, LogEventLevel.Information, null, new MessageTemplateParser().Parse("value {V}"),
            [new LogEventProperty("V", new ScalarValue(new ThrowingToString()))]);

        await sink.EmitBatchAsync([Event("before"), broken, Event("after")]);

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("before", lines[0], StringComparison.Ordinal);
        Assert.Contains("after", lines[1], StringComparison.Ordinal);
    }

    private sealed class ThrowingToString
    {
        public override string ToString() => throw new InvalidOperationException("no text for this value");
    }

    private static LogEvent Event(string text) =>
        new(DateTimeOffset.UnixEpoch, LogEventLevel.Information, null, new MessageTemplateParser().Parse(text), []);

    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Writes++;
            base.Write(buffer, offset, count);
        }

        // One count per call: routes the span overload through the array one.
        public override void Write(ReadOnlySpan<byte> buffer) => Write(buffer.ToArray(), 0, buffer.Length);
    }
}
