using System.Net;
using System.Net.Sockets;

namespace Libromi.Connect.Server.Delivery;

/// <summary>
/// Which addresses a delivery must never connect to: loopback, private, link-local (cloud metadata at 169.254.169.254),
/// CGNAT, multicast, reserved and unspecified ranges, also when spelt as IPv4-mapped, IPv4-compatible, NAT64, 6to4 or
/// Teredo IPv6 addresses.
/// </summary>
public static class AddressPolicy
{
    public static bool IsForbidden(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return IsForbiddenV4(address.GetAddressBytes());
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return true;
        }
        var b = address.GetAddressBytes();
        if (address.IsIPv4MappedToIPv6)
        {
            return IsForbiddenV4(b.AsSpan(12, 4));
        }
        if (IPAddress.IPv6Any.Equals(address) || IPAddress.IPv6Loopback.Equals(address))
        {
            return true;
        }
        // ::a.b.c.d (IPv4-compatible, deprecated) and 64:ff9b::/96 (NAT64) carry an IPv4 address in the low 32 bits.
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0
            || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0))
        {
            return IsForbiddenV4(b.AsSpan(12, 4));
        }
        // 6to4: 2002:AABB:CCDD::/48 embeds a.b.c.d.
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsForbiddenV4(b.AsSpan(2, 4));
        }
        // Teredo: 2001:0000::/32, client address stored inverted in the last 32 bits.
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00)
        {
            Span<byte> client = [(byte)~b[12], (byte)~b[13], (byte)~b[14], (byte)~b[15]];
            return IsForbiddenV4(client);
        }
        return (b[0] & 0xfe) == 0xfc // fc00::/7 unique local
            || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) // fe80::/10 link-local
            || (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) // fec0::/10 site-local
            || b[0] == 0xff // multicast
            || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) // 2001:db8::/32 documentation
            || (b[0] == 0x01 && b[1] == 0x00 && b.AsSpan(2, 6).IndexOfAnyExcept((byte)0) < 0); // 100::/64 discard
    }

    private static bool IsForbiddenV4(ReadOnlySpan<byte> a) =>
        a[0] == 0 // 0.0.0.0/8 "this network", unspecified
        || a[0] == 10
        || a[0] == 127
        || (a[0] == 100 && (a[1] & 0xc0) == 64) // 100.64.0.0/10 CGNAT
        || (a[0] == 169 && a[1] == 254) // link-local, cloud metadata
        || (a[0] == 172 && (a[1] & 0xf0) == 16)
        || (a[0] == 192 && a[1] == 168)
        || (a[0] == 192 && a[1] == 0 && a[2] == 0) // 192.0.0.0/24 protocol assignments
        || (a[0] == 192 && a[1] == 0 && a[2] == 2) // TEST-NET-1
        || (a[0] == 198 && (a[1] & 0xfe) == 18) // 198.18.0.0/15 benchmarking
        || (a[0] == 198 && a[1] == 51 && a[2] == 100) // TEST-NET-2
        || (a[0] == 203 && a[1] == 0 && a[2] == 113) // TEST-NET-3
        || a[0] >= 224; // multicast, reserved, broadcast
}
