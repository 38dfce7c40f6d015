using System.Net;
using System.Net.Sockets;

namespace Libromi.Connect.Server.Delivery.Transports;

/// <summary>
/// Connects only to allowed addresses, checked on the address actually connected to (after DNS resolution), so a
/// name that resolves to an internal address, or re-resolves to one later (DNS rebinding), is refused. Before that,
/// the host is refused exactly as registration refuses it (<see cref="HostNames"/>), whatever this machine's resolver
/// would make of a localhost name or an oddly spelt literal.
/// </summary>
public static class GuardedConnector
{
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        if (HostNames.IsForbidden(host))
        {
            throw new BlockedAddressException(host);
        }
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(a => !AddressPolicy.IsForbidden(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new BlockedAddressException(host);
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
