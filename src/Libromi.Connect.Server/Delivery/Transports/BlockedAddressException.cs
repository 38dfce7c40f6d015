namespace Libromi.Connect.Server.Delivery.Transports;

/// <summary>A delivery's host resolved only to addresses that <see cref="AddressPolicy"/> forbids (or, through the egress proxy, to any such address).</summary>
public sealed class BlockedAddressException(string host, bool proxied = false) : Exception(proxied
    ? $"{host} is or resolves to a loopback, private or otherwise internal address, which this server does not deliver to, through the proxy neither (Delivery:AllowPrivateNetworks)."
    : $"{host} resolves only to loopback, private or otherwise internal addresses, which this server does not deliver to (Delivery:AllowPrivateNetworks).");
