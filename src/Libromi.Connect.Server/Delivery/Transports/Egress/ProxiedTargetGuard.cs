using System.Net;
using System.Net.Sockets;

namespace Libromi.Connect.Server.Delivery.Transports.Egress;

/// <summary>
/// The SSRF guard for requests that go through the egress proxy. The connection is then to the proxy, which the
/// <see cref="GuardedConnector"/> cannot judge the target by, so the target is checked here before the request leaves:
/// its host as registration reads it, then every address it resolves to here, all of which must be allowed (the proxy
/// resolves the name again and may pick any of them). A name that does not resolve here is not sent either.
/// </summary>
public sealed class ProxiedTargetGuard(EgressProxy proxy, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && proxy.Carries(uri))
        {
            await CheckAsync(uri.IdnHost, cancellationToken);
        }
        return await base.SendAsync(request, cancellationToken);
    }

    private static async Task CheckAsync(string host, CancellationToken cancellationToken)
    {
        if (HostNames.IsForbidden(host))
        {
            throw new BlockedAddressException(host, proxied: true);
        }
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
            }
            catch (SocketException e)
            {
                throw new HttpRequestException(HttpRequestError.NameResolutionError, $"{e.Message} ({host}), resolved here to check it before it goes through the proxy.", e);
            }
        }
        if (addresses.Length == 0 || addresses.Any(AddressPolicy.IsForbidden))
        {
            throw new BlockedAddressException(host, proxied: true);
        }
    }
}
