using System.Net.Sockets;
using System.Text;

namespace Libromi.Connect.Testing;

/// <summary>The ways a receiver can misbehave after it has read a request, each as a <see cref="HostileAnswer"/>.</summary>
public static class HostileAnswers
{
    /// <summary>Promises a longer body (<c>Content-Length</c>) than it sends, then closes the connection.</summary>
    public static HostileAnswer ShortBody(int status = 200) =>
        WriteThenClose($"HTTP/1.1 {status} OK\r\nContent-Length: 1000\r\n\r\nonly part of it");

    /// <summary>Starts a chunked body and closes the connection in the middle of it.</summary>
    public static HostileAnswer ChunkedCutShort(int status = 200) =>
        WriteThenClose($"HTTP/1.1 {status} OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n40\r\nand then");

    /// <summary>Sends the status line and headers, then resets the connection (TCP RST).</summary>
    public static HostileAnswer ResetAfterHeaders(int status = 200) => async (socket, stream, cancellationToken) =>
    {
        await WriteAsync(stream, $"HTTP/1.1 {status} OK\r\nContent-Length: 1000\r\n\r\n", cancellationToken);
        Reset(socket);
    };

    /// <summary>Reads the request and resets the connection without answering.</summary>
    public static HostileAnswer ResetWithoutAnswer() => (socket, _, _) =>
    {
        Reset(socket);
        return Task.CompletedTask;
    };

    /// <summary>Reads the request and closes the connection without a byte of answer.</summary>
    public static HostileAnswer CloseWithoutAnswer() => (socket, _, _) =>
    {
        socket.Shutdown(SocketShutdown.Both);
        return Task.CompletedTask;
    };

    /// <summary>Answers something that is not HTTP.</summary>
    public static HostileAnswer NotHttp() => WriteThenClose("SSH-2.0-OpenSSH_9.6\r\n\r\n");

    /// <summary>Answers a header block larger than any client accepts (128 KiB).</summary>
    public static HostileAnswer HugeHeaders() =>
        WriteThenClose("HTTP/1.1 200 OK\r\n" + string.Concat(Enumerable.Range(0, 128).Select(i => $"X-Filler-{i}: {new string('h', 1000)}\r\n"))
            + "Content-Length: 0\r\nConnection: close\r\n\r\n");

    /// <summary>Answers many headers that together stay under the client's limit but are far more than worth keeping (60 KiB).</summary>
    public static HostileAnswer ManyHeaders(int status = 500) =>
        WriteThenClose($"HTTP/1.1 {status} Oops\r\n" + string.Concat(Enumerable.Range(0, 60).Select(i => $"X-Filler-{i}: {new string('h', 1000)}\r\n"))
            + "Content-Length: 2\r\nConnection: close\r\n\r\nno");

    /// <summary>Answers with NUL bytes and invalid UTF-8 in the body and in a header value.</summary>
    public static HostileAnswer NulAndInvalidUtf8(int status = 500) => async (socket, stream, cancellationToken) =>
    {
        byte[] body = [(byte)'a', 0, (byte)'b', 0xFF, 0xFE, (byte)'c', 0xC3, 0x28, 0xED, 0xA0, 0x80];
        var head = Encoding.Latin1.GetBytes($"HTTP/1.1 {status} Bad\r\nX-Evil: a\u00ffb\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(head, cancellationToken);
        await stream.WriteAsync(body, cancellationToken);
        socket.Shutdown(SocketShutdown.Both);
    };

    /// <summary>Sends headers, then the body slower than any timeout: one byte, then nothing until the connection ends.</summary>
    public static HostileAnswer StallInBody() => async (_, stream, cancellationToken) =>
    {
        await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nx", cancellationToken);
        var sink = new byte[16];
        while (await stream.ReadAsync(sink, cancellationToken) > 0)
        {
        }
    };

    private static HostileAnswer WriteThenClose(string response) => async (socket, stream, cancellationToken) =>
    {
        await WriteAsync(stream, response, cancellationToken);
        socket.Shutdown(SocketShutdown.Both);
    };

    private static async Task WriteAsync(NetworkStream stream, string text, CancellationToken cancellationToken) =>
        await stream.WriteAsync(Encoding.Latin1.GetBytes(text), cancellationToken);

    private static void Reset(Socket socket)
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }
}
