using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Libromi.Connect.Testing;

/// <summary>
/// A real forward HTTP proxy on a free loopback port: absolute-form requests (<c>POST http://host/path HTTP/1.1</c>) are
/// relayed in origin form, <c>CONNECT host:port</c> opens a tunnel. It logs every request line before relaying it.
/// With <see cref="RequiredCredentials"/> it answers 407 to requests without the matching <c>Proxy-Authorization</c>;
/// <see cref="Route"/> picks where a requested host and port is really connected to (default: there). One request per
/// connection, closed after the answer.
/// </summary>
public sealed class TestProxy : IAsyncDisposable
{
    private readonly LoopbackTcpServer _server;
    private readonly List<ProxiedRequest> _log = [];

    private TestProxy()
    {
        _server = new LoopbackTcpServer(RelayAsync);
        Url = new Uri($"http://127.0.0.1:{_server.Port}");
    }

    public Uri Url { get; }

    /// <summary><c>user:password</c> the proxy demands as Basic <c>Proxy-Authorization</c>; null demands nothing.</summary>
    public string? RequiredCredentials { get; set; }

    public Func<string, int, (string Host, int Port)> Route { get; set; } = (host, port) => (host, port);

    public IReadOnlyList<ProxiedRequest> Requests
    {
        get
        {
            lock (_log)
            {
                return [.. _log];
            }
        }
    }

    public static TestProxy Start() => new();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task RelayAsync(Socket client)
    {
        using var upstream = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await using var downstream = new NetworkStream(client, ownsSocket: false);
            var (head, rest) = await ReadHeadAsync(downstream);
            if (head is null)
            {
                return;
            }
            var lines = head.Split("\r\n");
            var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
            var request = new ProxiedRequest(lines[0], headers);
            lock (_log)
            {
                _log.Add(request);
            }
            if (RequiredCredentials is { } required
                && (!headers.TryGetValue("Proxy-Authorization", out var given) || given != "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(required))))
            {
                await WriteAsync(downstream, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                return;
            }
            var connect = request.Method == "CONNECT";
            var target = connect ? new Uri("tcp://" + request.Target) : new Uri(request.Target);
            var (host, port) = Route(target.Host, target.Port);
            await upstream.ConnectAsync(host, port, _server.Stopping);
            await using var up = new NetworkStream(upstream, ownsSocket: false);
            if (connect)
            {
                await WriteAsync(downstream, "HTTP/1.1 200 Connection established\r\n\r\n");
            }
            else
            {
                var forwarded = lines.Skip(1).Where(l => l.Length > 0 && !l.StartsWith("Proxy-", StringComparison.OrdinalIgnoreCase)
                    && !l.StartsWith("Connection:", StringComparison.OrdinalIgnoreCase));
                var line = $"{request.Method} {target.PathAndQuery} {lines[0].Split(' ')[2]}";
                await WriteAsync(up, string.Join("\r\n", [line, .. forwarded, "Connection: close", "", ""]));
            }
            await up.WriteAsync(rest, _server.Stopping);
            await Task.WhenAny(downstream.CopyToAsync(up, _server.Stopping), up.CopyToAsync(downstream, _server.Stopping));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Either side gave up on the connection.
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task<(string? Head, byte[] Remainder)> ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new List<byte>(4096);
        var chunk = new byte[4096];
        while (true)
        {
            var end = IndexOfHeadEnd(buffer);
            if (end >= 0)
            {
                return (Encoding.Latin1.GetString([.. buffer.Take(end)]), [.. buffer.Skip(end + 4)]);
            }
            var n = await stream.ReadAsync(chunk, _server.Stopping);
            if (n == 0)
            {
                return (null, []);
            }
            buffer.AddRange(chunk.AsSpan(0, n));
        }
    }

    private static int IndexOfHeadEnd(List<byte> buffer)
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

    private Task WriteAsync(NetworkStream stream, string text) => stream.WriteAsync(Encoding.Latin1.GetBytes(text), _server.Stopping).AsTask();
}
