using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;

namespace IvrService.Hosting.Logging;

/// <summary>
/// Writes batches of log events to standard output with one write per batch. The console sink writes and flushes
/// once per event under a lock: at a thousand webhooks a second that is a thousand write system calls and a lock
/// every request thread queues on (bench/run.sh measured it as the largest single cost of a webhook). Serilog's
/// batching wrapper queues events off the request path and hands them here; the formatter writes UTF-8 straight
/// into one reused buffer.
/// </summary>
internal sealed class StdoutBatchSink : IBatchedLogEventSink, IDisposable
{
    // A typical batch fits; a bigger one leaves in pieces of about this size.
    private const int FlushThreshold = 64 * 1024;

    private readonly ILogLineFormatter _formatter;
    private readonly Stream _output;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushThreshold + 4096);
    private readonly Lock _gate = new();

    public StdoutBatchSink(ILogLineFormatter formatter, Stream output)
    {
        _formatter = formatter;
        _output = output;
    }

    public Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch)
    {
        // Synchronous on purpose: this runs on the batching sink's own worker, never on a request thread. The lock
        // only orders this against Dispose at shutdown.
        lock (_gate)
        {
            foreach (var logEvent in batch)
            {
                FormatOne(logEvent);
                if (_buffer.WrittenCount >= FlushThreshold)
                {
                    Flush();
                }
            }

            Flush();
        }

        return Task.CompletedTask;
    }

    public Task OnEmptyBatchAsync() => Task.CompletedTask;

    public void Dispose()
    {
        lock (_gate)
        {
            Flush();
            _output.Flush();
            _formatter.Dispose();
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

        _output.Write(_buffer.WrittenSpan);
        _output.Flush();
        _buffer.ResetWrittenCount();
    }
}
