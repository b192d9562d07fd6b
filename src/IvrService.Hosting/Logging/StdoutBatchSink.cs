using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace IvrService.Hosting.Logging;

/// <summary>
/// Writes batches of log events to standard output with one write per batch. The console sink writes and flushes
/// once per event under a lock: at a thousand webhooks a second that is a thousand write system calls and a lock
/// every request thread queues on (bench/run.sh measured it as the largest single cost of a webhook). Serilog's
/// batching wrapper queues events off the request path and hands them here.
/// </summary>
internal sealed class StdoutBatchSink : IBatchedLogEventSink, IDisposable
{
    private readonly ITextFormatter _formatter;
    private readonly Stream _output;
    private readonly StreamWriter _writer;

    public StdoutBatchSink(ITextFormatter formatter, Stream output)
    {
        _formatter = formatter;
        _output = output;
        // UTF-8 without a BOM; a 64 KiB buffer holds a typical batch, so it leaves in one write.
        _writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024) { AutoFlush = false };
    }

    public Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch)
    {
        foreach (var logEvent in batch)
        {
            _formatter.Format(logEvent, _writer);
        }

        // Synchronous on purpose: this runs on the batching sink's own worker, never on a request thread.
        _writer.Flush();
        return Task.CompletedTask;
    }

    public Task OnEmptyBatchAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _writer.Flush();
        _output.Flush();
    }
}
