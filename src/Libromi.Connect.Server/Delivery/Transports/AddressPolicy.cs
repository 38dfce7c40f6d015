using System.Net;
using System.Net.Sockets;

namespace Libromi.Connect.Server.Delivery.Transports;

/// <summary>
/// Which addresses a delivery must never connect to: every block of the IANA IPv4 and IPv6 special-purpose registries
/// that is not globally reachable (loopback, private, link-local with cloud metadata at 169.254.169.254, CGNAT,
/// documentation, benchmarking, local-use NAT64, …), the reachable anycast service blocks (PCP, TURN, AS112, AMT),
/// multicast, and IPv6 outside global unicast 2000::/3. IPv4-mapped, NAT64 (64:ff9b::/96), 6to4 and Teredo
/// addresses are judged by the IPv4 address they carry. docs/webhooks.md lists the decisions.
/// </summary>
public static class AddressPolicy
{
    public static bool IsForbidden(IPAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        if (!address.TryWriteBytes(b, out var length))
        {
            return true;
        }
        if (address.AddressFamily == AddressFamily.InterNetwork && length == 4)
        {
            return IsForbiddenV4(b[..4]);
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return true;
        }
        // ::ffff:0:0/96 (IPv4-mapped) and 64:ff9b::/96 (NAT64) carry an IPv4 address in the low 32 bits.
        if (b[..10].IndexOfAnyExcept((byte)0) < 0 && b[10] == 0xff && b[11] == 0xff
            || b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return IsForbiddenV4(b[12..]);
        }
        // 6to4: 2002:AABB:CCDD::/48 embeds a.b.c.d.
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsForbiddenV4(b.Slice(2, 4));
        }
        // Teredo: 2001:0000::/32, the client's address stored inverted in the last 32 bits.
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00)
        {
            Span<byte> client = [(byte)~b[12], (byte)~b[13], (byte)~b[14], (byte)~b[15]];
            return IsForbiddenV4(client);
        }
        // Outside 2000::/3 lie only unspecified, loopback, IPv4-compatible and -translated, local-use NAT64, discard,
        // dummy, SRv6 SIDs, unique local, link-local, site-local, multicast and unassigned space.
        return (b[0] & 0xe0) != 0x20
            || (b[0] == 0x20 && b[1] == 0x01 && (b[2] & 0xfe) == 0x00) // 2001::/23 IETF protocol assignments
            || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) // 2001:db8::/32 documentation
            || (b[0] == 0x26 && b[1] == 0x20 && b[2] == 0x00 && b[3] == 0x4f && b[4] == 0x80 && b[5] == 0x00) // 2620:4f:8000::/48 AS112
            || (b[0] == 0x3f && b[1] == 0xff && (b[2] & 0xf0) == 0x00); // 3fff::/20 documentation
    }

    private static bool IsForbiddenV4(ReadOnlySpan<byte> a) =>
        a[0] == 0 // 0.0.0.0/8 "this network", unspecified
        || a[0] == 10
        || a[0] == 127
        || (a[0] == 100 && (a[1] & 0xc0) == 64) // 100.64.0.0/10 CGNAT
        || (a[0] == 169 && a[1] == 254) // link-local, cloud metadata
        || (a[0] == 172 && (a[1] & 0xf0) == 16)
        || (a[0] == 192 && a[1] == 168)
        || (a[0] == 192 && a[1] == 0 && a[2] == 0) // 192.0.0.0/24 protocol assignments, PCP and TURN anycast included
        || (a[0] == 192 && a[1] == 0 && a[2] == 2) // TEST-NET-1
        || (a[0] == 192 && a[1] == 31 && a[2] == 196) // AS112
        || (a[0] == 192 && a[1] == 52 && a[2] == 193) // AMT
        || (a[0] == 192 && a[1] == 88 && a[2] == 99) // 6to4 relay anycast, deprecated
        || (a[0] == 192 && a[1] == 175 && a[2] == 48) // AS112 direct delegation
        || (a[0] == 198 && (a[1] & 0xfe) == 18) // 198.18.0.0/15 benchmarking
        || (a[0] == 198 && a[1] == 51 && a[2] == 100) // TEST-NET-2
        || (a[0] == 203 && a[1] == 0 && a[2] == 113) // TEST-NET-3
        || a[0] >= 224; // multicast, reserved, broadcast
}
