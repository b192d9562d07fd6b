using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace IvrService.EndToEnd.Tests.BadInput;

/// <summary>
/// An HTTP/1.1 request written byte for byte: repeated headers, raw non-UTF-8 bodies, missing Content-Type and
/// malformed framing are all expressible, which HttpClient would refuse or normalise.
/// </summary>
internal sealed record RawRequest(string Method, string Target, IReadOnlyList<(string Name, string Value)> Headers, byte[] Body)
{
    /// <summary>Adds <c>Content-Length</c> unless a framing header is already there.</summary>
    public bool AddContentLength { get; init; } = true;

    /// <summary>Bytes written verbatim instead of the request built from the parts (for broken request lines).</summary>
    public byte[]? Verbatim { get; init; }

    public RawRequest WithHeader(string name, string value) => this with { Headers = [.. Headers, (name, value)] };

    public RawRequest WithoutHeader(string name) =>
        this with { Headers = Headers.Where(h => !h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).ToList() };

    public byte[] ToBytes(string host)
    {
        if (Verbatim is not null)
        {
            return Verbatim;
        }

        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"{Method} {Target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
        foreach (var (name, value) in Headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        var framed = Headers.Any(h => h.Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                                      || h.Name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase));
        if (AddContentLength && !framed && (Body.Length > 0 || Method is "POST" or "PUT" or "PATCH"))
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {Body.Length}\r\n");
        }

        head.Append("\r\n");

        // Latin-1 keeps any byte a test puts in a header value (NUL, 0xFF) as that byte.
        return [.. Encoding.Latin1.GetBytes(head.ToString()), .. Body];
    }
}

/// <summary>What came back: the status (0 when the server closed without answering) and the body.</summary>
internal sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body, TimeSpan Elapsed)
{
    public static async Task<RawResponse> SendAsync(Uri server, RawRequest request, TimeSpan? timeout = null, bool halfClose = false)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, cts.Token);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(request.ToBytes(server.Authority), cts.Token);
            if (halfClose)
            {
                client.Client.Shutdown(SocketShutdown.Send);
            }
        }
        catch (IOException)
        {
            // The server may answer (413, 431) and close before it has read everything: read what it said.
        }

        using var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cts.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // A reset after the answer still leaves the answer.
        }

        return Parse(received.ToArray(), clock.Elapsed);
    }

    internal static RawResponse Parse(byte[] bytes, TimeSpan elapsed)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var headerEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (!text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) || headerEnd < 0)
        {
            return new RawResponse(0, new Dictionary<string, string>(), text, elapsed);
        }

        var lines = text[..headerEnd].Split("\r\n");
        var status = int.Parse(lines[0].AsSpan(9, 3), CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        var body = text[(headerEnd + 4)..];
        if (headers.TryGetValue("Transfer-Encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }

        return new RawResponse(status, headers, body, elapsed);
    }

    private static string Dechunk(string chunked)
    {
        var result = new StringBuilder();
        var position = 0;
        while (position < chunked.Length)
        {
            var lineEnd = chunked.IndexOf("\r\n", position, StringComparison.Ordinal);
            if (lineEnd < 0)
            {
                break;
            }

            var size = int.Parse(chunked.AsSpan(position, lineEnd - position).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                break;
            }

            // Chunk sizes count bytes; the sample TwiML is ASCII apart from prompt text, so count on bytes.
            var start = lineEnd + 2;
            var bytes = Encoding.UTF8.GetBytes(chunked[start..]);
            var chunk = Encoding.UTF8.GetString(bytes, 0, Math.Min(size, bytes.Length));
            result.Append(chunk);
            position = start + chunk.Length + 2;
        }

        return result.ToString();
    }
}
