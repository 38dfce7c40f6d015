using System.Net;

namespace Libromi.Connect.Server.Delivery.Transports.Egress;

/// <summary>
/// The operator's egress proxy (<c>Delivery:Proxy</c>) and the hosts that bypass it (<c>Delivery:NoProxy</c>). The proxy's
/// URI is handed out without its user info and the credentials travel only as <see cref="Credentials"/>, because the
/// handler puts the proxy's URI in its error messages, which end up in the attempt log.
/// </summary>
public sealed class EgressProxy : IWebProxy
{
    private readonly Uri _address;
    private readonly NoProxyList _bypass;

    private EgressProxy(Uri address, NetworkCredential? credentials, NoProxyList bypass)
    {
        _address = address;
        Credentials = credentials;
        _bypass = bypass;
    }

    public ICredentials? Credentials { get; set; }

    /// <summary>The proxy the settings describe, null without <c>Delivery:Proxy</c>; throws on settings <see cref="Validate"/> refuses.</summary>
    public static EgressProxy? From(DeliveryOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Proxy))
        {
            return null;
        }
        if (Validate(options.Proxy) is { } error)
        {
            throw new InvalidOperationException(error);
        }
        var uri = new Uri(options.Proxy.Trim());
        NetworkCredential? credentials = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            var user = colon < 0 ? uri.UserInfo : uri.UserInfo[..colon];
            var password = colon < 0 ? "" : uri.UserInfo[(colon + 1)..];
            credentials = new NetworkCredential(Uri.UnescapeDataString(user), Uri.UnescapeDataString(password));
        }
        var address = new UriBuilder(uri.Scheme, uri.Host, uri.Port).Uri;
        return new EgressProxy(address, credentials, NoProxyList.Parse(options.NoProxy));
    }

    /// <summary>What is wrong with a <c>Delivery:Proxy</c> value, never repeating it (it may hold a password); null when it is fine.</summary>
    public static string? Validate(string proxy) =>
        Uri.TryCreate(proxy.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.Host.Length > 0
            && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0
            ? null
            : "Delivery:Proxy must be an HTTP proxy URL such as http://proxy.internal:3128 or http://user:password@proxy.internal:3128 (scheme http, no path).";

    /// <summary>Whether a request to <paramref name="destination"/> goes through the proxy.</summary>
    public bool Carries(Uri destination) => !_bypass.Matches(destination.IdnHost);

    /// <summary>Whether a connection to <paramref name="endpoint"/> is one to the proxy itself.</summary>
    public bool IsProxy(DnsEndPoint endpoint) =>
        endpoint.Port == _address.Port && string.Equals(endpoint.Host, _address.IdnHost, StringComparison.OrdinalIgnoreCase);

    public Uri? GetProxy(Uri destination) => Carries(destination) ? _address : null;

    public bool IsBypassed(Uri host) => !Carries(host);
}
