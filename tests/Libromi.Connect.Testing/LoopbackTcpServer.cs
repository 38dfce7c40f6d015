using System.Net;
using System.Net.Sockets;

namespace Libromi.Connect.Testing;

/// <summary>
/// A raw TCP listener on a free loopback port that hands every accepted connection to <c>serve</c>, for test servers
/// that speak HTTP by hand (<see cref="HostileReceiver"/>, <see cref="TestProxy"/>). Disposing stops accepting, cancels
/// <see cref="Stopping"/> and waits for the connections being served.
/// </summary>
public sealed class LoopbackTcpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<Socket, Task> _serve;
    private readonly Task _accepting;

    public LoopbackTcpServer(Func<Socket, Task> serve)
    {
        _serve = serve;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Cancelled when the server is disposed: every connection's I/O should end with it.</summary>
    public CancellationToken Stopping => _stop.Token;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                connections.Add(_serve(await _listener.AcceptSocketAsync(_stop.Token)));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            await Task.WhenAll(connections);
        }
    }
}
