using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;

namespace IvrService.Hosting.Logging;

/// <summary>
/// Writes log events to standard output in batches, from one thread of its own.
/// <list type="bullet">
/// <item>A request only enqueues its event: no lock, no I/O and no wake-up of another thread. The console sink wrote
/// and flushed once per event under a lock, and Serilog's batching wrapper woke its worker through the thread pool for
/// nearly every event; at a thousand webhooks a second both showed up in the primary's CPU and tail latency.</item>
/// <item>The writer thread wakes every <see cref="Interval"/> (or as soon as <see cref="BatchSize"/> events wait),
/// formats the queued events as UTF-8 into one buffer and writes it with one call.</item>
/// <item>The queue is bounded (<see cref="QueueLimit"/>): if stdout blocks (a stuck log collector) events are dropped
/// and counted rather than stalling calls or growing memory; the count is reported once stdout moves again.</item>
/// <item><see cref="Dispose"/> (host shutdown, SIGTERM) writes everything still queued.</item>
/// </list>
/// </summary>
internal sealed class StdoutBatchSink : ILogEventSink, IDisposable
{
    /// <summary>Longest an event waits before it is written: as fresh as a person reading logs needs.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Events that wake the writer before the interval is up.</summary>
    public const int BatchSize = 1000;

    /// <summary>Most events held; past it new events are dropped and counted.</summary>
    public const int QueueLimit = 100_000;

    // A typical batch fits; a bigger one leaves in pieces of about this size.
    private const int FlushThreshold = 64 * 1024;

    private static readonly MessageTemplate DroppedTemplate =
        new Serilog.Parsing.MessageTemplateParser().Parse("{Dropped} log events were dropped: more than {QueueLimit} waited for stdout");

    private readonly ILogLineFormatter _formatter;
    private readonly Stream _output;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushThreshold + 4096);
    private readonly ConcurrentQueue<LogEvent> _queue = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _writeGate = new();
    private readonly Thread? _writer;
    private readonly TimeProvider _time;
    private readonly TimeSpan _shutdownWait;
    private int _queued;
    private long _dropped;
    private int _disposed;

    /// <summary>Creates the sink; <paramref name="startWriter"/> false leaves writing to <see cref="WriteQueued"/> (tests).</summary>
    /// <param name="formatter">Turns each event into one line.</param>
    /// <param name="output">Standard output, or a stream standing in for it.</param>
    /// <param name="startWriter">Whether the writer thread runs.</param>
    /// <param name="time">The clock for the dropped-events warning.</param>
    /// <param name="shutdownWait">How long <see cref="Dispose"/> waits for a write in progress (default 5 s).</param>
    public StdoutBatchSink(ILogLineFormatter formatter, Stream output, bool startWriter = true, TimeProvider? time = null, TimeSpan? shutdownWait = null)
    {
        _formatter = formatter;
        _output = output;
        _time = time ?? TimeProvider.System;
        _shutdownWait = shutdownWait ?? TimeSpan.FromSeconds(5);
        if (startWriter)
        {
            _writer = new Thread(WriterLoop) { IsBackground = true, Name = "stdout log writer" };
            _writer.Start();
        }
    }

    /// <summary>Events dropped so far because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Emit(LogEvent logEvent)
    {
        var queued = Interlocked.Increment(ref _queued);
        if (queued > QueueLimit)
        {
            Interlocked.Decrement(ref _queued);
            Interlocked.Increment(ref _dropped);
            return;
        }

        _queue.Enqueue(logEvent);
        if (queued == BatchSize)
        {
            Wake();
        }
    }

    /// <summary>Formats and writes every queued event; returns how many were written.</summary>
    public int WriteQueued()
    {
        lock (_writeGate)
        {
            var written = 0;
            while (_queue.TryDequeue(out var logEvent))
            {
                Interlocked.Decrement(ref _queued);
                FormatOne(logEvent);
                written++;
                if (_buffer.WrittenCount >= FlushThreshold)
                {
                    Flush();
                }
            }

            ReportDropped();
            Flush();
            return written;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        if (_writer is not null && !_writer.Join(_shutdownWait))
        {
            // The writer is stuck in a write (stdout not draining): shutting down must not wait on it forever.
            SelfLog.WriteLine("stdout is not draining; {0} queued log events were not written at shutdown", Volatile.Read(ref _queued));
            return;
        }

        WriteQueued();
        lock (_writeGate)
        {
            _output.Flush();
            _formatter.Dispose();
        }

        _wake.Dispose();
        _stop.Dispose();
    }

    private void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (Exception e) when (e is SemaphoreFullException or ObjectDisposedException)
        {
            // Already awake, or shutting down: the writer will see the event either way.
        }
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "The log writer must outlive any one failed write.")]
    private void WriterLoop()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                _wake.Wait(Interval, token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                WriteQueued();
            }
            catch (Exception e)
            {
                // stdout closed or failing: say so where Serilog reports its own trouble, and keep going.
                SelfLog.WriteLine("Writing log events to stdout failed: {0}", e);
            }
        }
    }

    private void ReportDropped()
    {
        var dropped = Interlocked.Exchange(ref _dropped, 0);
        if (dropped > 0)
        {
            FormatOne(new LogEvent(
                _time.GetUtcNow(),
                LogEventLevel.Warning,
                null,
                DroppedTemplate,
                [new LogEventProperty("Dropped", new ScalarValue(dropped)), new LogEventProperty("QueueLimit", new ScalarValue(QueueLimit))]));
        }
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types", Justification = "One event that cannot be formatted must not cost the rest of the batch.")]
    private void FormatOne(LogEvent logEvent)
    {
        var mark = _buffer.WrittenCount;
        try
        {
            _formatter.Format(logEvent, _buffer);
        }
        catch (Exception e)
        {
            // Drop the partial line (ArrayBufferWriter cannot rewind, so rebuild what came before it) and say why.
            var kept = _buffer.WrittenSpan[..mark].ToArray();
            _buffer.ResetWrittenCount();
            _buffer.Write(kept);
            SelfLog.WriteLine("Log event '{0}' could not be formatted: {1}", logEvent.MessageTemplate.Text, e);
        }
    }

    private void Flush()
    {
        if (_buffer.WrittenCount == 0)
        {
            return;
        }

        try
        {
            _output.Write(_buffer.WrittenSpan);
            _output.Flush();
        }
        finally
        {
            _buffer.ResetWrittenCount();
        }
    }
}
