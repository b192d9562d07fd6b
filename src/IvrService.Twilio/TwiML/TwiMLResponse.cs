using System.Buffers;
using System.Text;

namespace IvrService.Twilio.TwiML;

/// <summary>
/// A TwiML document: <c>&lt;?xml version="1.0" encoding="utf-8"?&gt;</c>, a newline, then <c>&lt;Response&gt;…&lt;/Response&gt;</c>
/// without indentation, empty elements as <c>&lt;Hangup /&gt;</c>. The official C# SDK writes the same declaration line
/// but indents, writes <c>&lt;Hangup&gt;&lt;/Hangup&gt;</c> and orders attributes its own way: the same document for
/// Twilio's parser, not the same bytes (tests/IvrService.Twilio.Tests/Sdk). Text Twilio cannot carry in XML (control characters, lone surrogates) is
/// stripped, never thrown on. Not thread-safe while being built; rendering does not change it.
/// </summary>
public abstract class TwiMLResponse
{
    private protected TwiMLResponse()
    {
    }

    /// <summary>True when the response has no verbs (renders as <c>&lt;Response /&gt;</c>).</summary>
    public abstract bool IsEmpty { get; }

    /// <summary>Writes the UTF-8 document into <paramref name="output"/> (for example an <c>HttpResponse.BodyWriter</c>).</summary>
    public void WriteTo(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var writer = new TwiMLWriter(output);
        writer.Declaration();
        writer.StartElement("Response");
        WriteChildren(writer);
        writer.EndElement();
    }

    /// <summary>
    /// Writes the UTF-8 document synchronously to <paramref name="output"/>. For an HTTP response body use
    /// <see cref="WriteToAsync"/> (Kestrel forbids synchronous I/O).
    /// </summary>
    public void WriteTo(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new PooledBufferWriter();
        WriteTo(buffer);
        output.Write(buffer.WrittenMemory.Span);
    }

    /// <summary>Renders into a pooled buffer, then copies it to <paramref name="output"/> asynchronously.</summary>
    public async ValueTask WriteToAsync(Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new PooledBufferWriter();
        WriteTo(buffer);
        await output.WriteAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Renders the document as UTF-8 bytes.</summary>
    public byte[] ToUtf8Bytes()
    {
        using var buffer = new PooledBufferWriter();
        WriteTo(buffer);
        return buffer.WrittenMemory.ToArray();
    }

    /// <summary>Renders the document (the declaration still says <c>utf-8</c>: it describes the bytes sent).</summary>
    public override string ToString()
    {
        using var buffer = new PooledBufferWriter();
        WriteTo(buffer);
        return Encoding.UTF8.GetString(buffer.WrittenMemory.Span);
    }

    private protected abstract void WriteChildren(TwiMLWriter writer);
}
