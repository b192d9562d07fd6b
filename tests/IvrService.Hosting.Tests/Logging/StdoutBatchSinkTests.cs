using System.Text;
using IvrService.Hosting.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace IvrService.Hosting.Tests.Logging;

public class StdoutBatchSinkTests
{
    [Fact]
    public void EmitBatch_ManyEvents_WritesEveryLineInOneWrite()
    {
        var output = new CountingStream();
        var sink = new StdoutBatchSink(new ClefLineFormatter(), output, startWriter: false);
        var batch = Enumerable.Range(0, 200).Select(i => Event($"call {i} answered")).ToList();

        WriteAll(sink, batch);

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(200, lines.Length);
        Assert.Contains("call 0 answered", lines[0], StringComparison.Ordinal);
        Assert.Contains("call 199 answered", lines[^1], StringComparison.Ordinal);
        Assert.True(output.Writes == 1, $"{output.Writes} writes for {output.Length} bytes");
    }

    [Fact]
    public void EmitBatch_NonAscii_WritesUtf8WithoutBom()
    {
        var output = new CountingStream();
        var sink = new StdoutBatchSink(new ClefLineFormatter(), output, startWriter: false);

        WriteAll(sink, [Event("llamada de José ✓")]);

        var bytes = output.ToArray();
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Contains("José ✓", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void EmitBatch_BiggerThanTheBuffer_WritesInPiecesAndLosesNothing()
    {
        var output = new CountingStream();
        var sink = new StdoutBatchSink(new ClefLineFormatter(), output, startWriter: false);
        var batch = Enumerable.Range(0, 3000).Select(i => Event($"call {i} answered " + new string('x', 100))).ToList();

        WriteAll(sink, batch);

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3000, lines.Length);
        Assert.InRange(output.Writes, 2, 20);
    }

    [Fact]
    public void EmitBatch_EventThatCannotBeFormatted_IsDroppedAlone()
    {
        var output = new CountingStream();
        var sink = new StdoutBatchSink(new ClefLineFormatter(), output, startWriter: false);
        var broken = new LogEvent(DateTimeOffset.UnixEpoch, LogEventLevel.Information, null, new MessageTemplateParser().Parse("value {V}"),
            [new LogEventProperty("V", new ScalarValue(new ThrowingToString()))]);

        WriteAll(sink, [Event("before"), broken, Event("after")]);

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("before", lines[0], StringComparison.Ordinal);
        Assert.Contains("after", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Emit_QueueFull_DropsAndCounts_ThenReportsOnceStdoutMoves()
    {
        var output = new CountingStream();
        using var sink = new StdoutBatchSink(new ClefLineFormatter(), output, startWriter: false);

        for (var i = 0; i < StdoutBatchSink.QueueLimit + 250; i++)
        {
            sink.Emit(Event("call answered"));
        }

        Assert.Equal(250, sink.Dropped);
        Assert.Equal(StdoutBatchSink.QueueLimit, sink.WriteQueued());
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(StdoutBatchSink.QueueLimit + 1, lines.Length);
        Assert.Contains("250 log events were dropped", lines[^1], StringComparison.Ordinal);
        Assert.Equal(0, sink.Dropped);
    }

    [Fact]
    public async Task WriterThread_WritesWithinTheInterval_WithoutBeingWoken()
    {
        var output = new CountingStream();
        using var sink = new StdoutBatchSink(new ClefLineFormatter(), output);

        sink.Emit(Event("call answered"));

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (output.Length == 0 && waited.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20);
        }

        Assert.Contains("call answered", Encoding.UTF8.GetString(output.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_WritesEverythingStillQueued()
    {
        var output = new CountingStream();
        var sink = new StdoutBatchSink(new ClefLineFormatter(), output);
        for (var i = 0; i < 5000; i++)
        {
            sink.Emit(Event($"call {i} answered"));
        }

        sink.Dispose();

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5000, lines.Length);
        Assert.Contains("call 4999 answered", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emit_StdoutBlocked_NeverBlocksTheCaller()
    {
        using var blocked = new BlockingStream();
        var sink = new StdoutBatchSink(new ClefLineFormatter(), blocked);
        sink.Emit(Event("first"));
        Assert.True(blocked.Entered.Wait(TimeSpan.FromSeconds(5)), "the writer never reached the stream");

        var emitting = Task.Run(() =>
        {
            for (var i = 0; i < StdoutBatchSink.QueueLimit + 10; i++)
            {
                sink.Emit(Event("call answered"));
            }
        });

        Assert.Same(emitting, await Task.WhenAny(emitting, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.True(sink.Dropped >= 10, $"{sink.Dropped} dropped");
        blocked.Release();
        sink.Dispose();
    }

    [Fact]
    public async Task Dispose_StdoutStuck_GivesUpInsteadOfHanging()
    {
        using var blocked = new BlockingStream();
        var sink = new StdoutBatchSink(new ClefLineFormatter(), blocked, shutdownWait: TimeSpan.FromMilliseconds(200));
        sink.Emit(Event("first"));
        Assert.True(blocked.Entered.Wait(TimeSpan.FromSeconds(5)), "the writer never reached the stream");
        sink.Emit(Event("second"));

        var disposing = Task.Run(sink.Dispose);

        Assert.Same(disposing, await Task.WhenAny(disposing, Task.Delay(TimeSpan.FromSeconds(5))));
    }

    private static void WriteAll(StdoutBatchSink sink, IEnumerable<LogEvent> events)
    {
        foreach (var logEvent in events)
        {
            sink.Emit(logEvent);
        }

        sink.WriteQueued();
    }

    private sealed class BlockingStream : MemoryStream
    {
        private readonly ManualResetEventSlim _release = new();

        public ManualResetEventSlim Entered { get; } = new();

        public void Release() => _release.Set();

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Entered.Set();
            _release.Wait();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _release.Set();
                _release.Dispose();
                Entered.Dispose();
            }

            base.Dispose(disposing);
        }
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
