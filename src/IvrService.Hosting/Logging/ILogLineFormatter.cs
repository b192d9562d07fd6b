using System.Buffers;
using System.Text;
using Serilog.Events;
using Serilog.Formatting;

namespace IvrService.Hosting.Logging;

/// <summary>Writes one log event as one line of UTF-8, newline included.</summary>
internal interface ILogLineFormatter : IDisposable
{
    void Format(LogEvent logEvent, IBufferWriter<byte> output);
}

/// <summary>
/// Any Serilog <see cref="ITextFormatter"/> (the human-readable Development format) as a line formatter: rendered
/// into a reused StringWriter, then encoded. Not thread-safe, like <see cref="ClefLineFormatter"/>.
/// </summary>
internal sealed class TextLineFormatter(ITextFormatter formatter) : ILogLineFormatter
{
    private readonly StringWriter _text = new(System.Globalization.CultureInfo.InvariantCulture);

    public void Format(LogEvent logEvent, IBufferWriter<byte> output)
    {
        var builder = _text.GetStringBuilder().Clear();
        formatter.Format(logEvent, _text);
        foreach (var chunk in builder.GetChunks())
        {
            Encoding.UTF8.GetBytes(chunk.Span, output);
        }
    }

    public void Dispose() => _text.Dispose();
}
