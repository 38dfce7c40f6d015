using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Libromi.Connect.Testing;

/// <summary>
/// A receiver that speaks raw TCP on a free loopback port, so it can misbehave in ways a real HTTP server never would:
/// cut a body short, reset the connection, send malformed or oversized headers, NUL bytes, invalid UTF-8. It reads each
/// request completely (headers and <c>Content-Length</c> body), counts it, then lets <see cref="HostileAnswer"/> answer.
/// One request per connection.
/// </summary>
public sealed class HostileReceiver : IAsyncDisposable
{
    private readonly LoopbackTcpServer _server;
    private readonly HostileAnswer _answer;
    private readonly Channel<bool> _arrivals = Channel.CreateUnbounded<bool>();
    private int _requests;

    private HostileReceiver(HostileAnswer answer)
    {
        _answer = answer;
        _server = new LoopbackTcpServer(ServeAsync);
        Url = new Uri($"http://127.0.0.1:{_server.Port}/webhook");
    }

    public Uri Url { get; }

    /// <summary>How many complete requests arrived.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public static HostileReceiver Start(HostileAnswer answer) => new(answer);

    /// <summary>
    /// Waits until <paramref name="count"/> complete requests have arrived in all, checked at every arrival (before it is
    /// answered). <paramref name="timeout"/> (default 30 s) only guards against a hang.
    /// </summary>
    public async Task WaitForRequestsAsync(int count, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        using var hang = new CancellationTokenSource(limit);
        while (Requests < count)
        {
            try
            {
                await _arrivals.Reader.ReadAsync(hang.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Only {Requests} of {count} requests arrived within {limit.TotalSeconds} s.");
            }
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task ServeAsync(Socket socket)
    {
        try
        {
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            if (!await ReadRequestAsync(stream, _server.Stopping))
            {
                return;
            }
            Interlocked.Increment(ref _requests);
            _arrivals.Writer.TryWrite(true);
            await _answer(socket, stream, _server.Stopping);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The server under test gave up on the connection: that is its business, not the receiver's.
        }
        finally
        {
            socket.Dispose();
        }
    }

    private static async Task<bool> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new List<byte>(4096);
        var chunk = new byte[4096];
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(buffer)) < 0)
        {
            var n = await stream.ReadAsync(chunk, cancellationToken);
            if (n == 0)
            {
                return false;
            }
            buffer.AddRange(chunk.AsSpan(0, n));
        }
        var head = Encoding.Latin1.GetString([.. buffer.Take(headerEnd)]);
        var length = head.Split("\r\n")
            .Where(l => l.StartsWith("content-length:", StringComparison.OrdinalIgnoreCase))
            .Select(l => int.Parse(l["content-length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var body = buffer.Count - headerEnd - 4;
        while (body < length)
        {
            var n = await stream.ReadAsync(chunk, cancellationToken);
            if (n == 0)
            {
                return false;
            }
            body += n;
        }
        return true;
    }

    private static int IndexOfHeaderEnd(List<byte> buffer)
    {
        for (var i = 3; i < buffer.Count; i++)
        {
            if (buffer[i - 3] == '\r' && buffer[i - 2] == '\n' && buffer[i - 1] == '\r' && buffer[i] == '\n')
            {
                return i - 3;
            }
        }
        return -1;
    }
}
