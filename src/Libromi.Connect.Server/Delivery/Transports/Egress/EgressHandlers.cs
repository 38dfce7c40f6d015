using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Libromi.Connect.Server.Delivery.Transports.Egress;

/// <summary>
/// Builds every handler deliveries and token requests leave through, all alike: redirects off, no cookies, pooled
/// connections, the SSRF guard (at connect time, and before a proxied request leaves), the egress proxy, the extra
/// trusted CAs; optionally with a client certificate for mutual TLS.
/// </summary>
public sealed class EgressHandlers
{
    private readonly DeliveryOptions _options;
    private readonly EgressProxy? _proxy;
    private readonly TrustedAuthorities? _authorities;

    public EgressHandlers(IOptions<DeliveryOptions> options)
    {
        _options = options.Value;
        _proxy = EgressProxy.From(_options);
        _authorities = TrustedAuthorities.From(_options);
    }

    public HttpMessageHandler Create(SslStreamCertificateContext? clientCertificate = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = _proxy is not null,
            Proxy = _proxy,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = _options.MaxConcurrencyPerEndpoint,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = _options.Timeout,
            // An unread remainder beyond the cap closes the connection instead of being drained.
            MaxResponseDrainSize = 0,
            // The attempt sends its own span's traceparent (DeliveryHeaders); the handler must not add a second one.
            ActivityHeadersPropagator = null,
        };
        if (_authorities is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = _authorities.Validate;
        }
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificateContext = clientCertificate;
        }
        if (_options.AllowPrivateNetworks)
        {
            return handler;
        }
        if (_proxy is null)
        {
            handler.ConnectCallback = GuardedConnector.ConnectAsync;
            return handler;
        }
        // The proxy is the operator's and may well sit on a private address: connections to it are not guarded,
        // the targets it is asked for are (ProxiedTargetGuard); hosts in Delivery:NoProxy are connected to guarded.
        var proxy = _proxy;
        handler.ConnectCallback = (context, cancellationToken) => proxy.IsProxy(context.DnsEndPoint) && context.InitialRequestMessage.RequestUri is { } uri && proxy.Carries(uri)
            ? ConnectAsync(context.DnsEndPoint, cancellationToken)
            : GuardedConnector.ConnectAsync(context, cancellationToken);
        return new ProxiedTargetGuard(proxy, handler);
    }

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
