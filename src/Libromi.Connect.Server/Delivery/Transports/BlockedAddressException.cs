namespace Libromi.Connect.Server.Delivery.Transports;

/// <summary>A delivery's host resolved only to addresses that <see cref="AddressPolicy"/> forbids.</summary>
public sealed class BlockedAddressException(string host) : Exception(
    $"{host} resolves only to loopback, private or otherwise internal addresses, which this server does not deliver to (Delivery:AllowPrivateNetworks).");
