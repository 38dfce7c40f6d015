using Libromi.Connect.Server.Delivery.Transports;
using Libromi.Connect.Server.Tests.Delivery;
using System.Net;
using Libromi.Connect.Server.Delivery;

namespace Libromi.Connect.Server.Tests.Delivery.Transports;

public sealed class AddressPolicyTests
{
    private const string IPv4Registry = "iana-ipv4-special-registry-1.csv";
    private const string IPv6Registry = "iana-ipv6-special-registry-1.csv";

    /// <summary>
    /// What the guard does with each registry row whose Globally Reachable is True or N/A, with the reason. A row that
    /// is not reachable (False, or blank for a deprecated block) is blocked unless it is decided here too. A row added
    /// to a registry file as reachable fails the test until someone decides it (and docs/webhooks.md says so).
    /// </summary>
    private static readonly Dictionary<string, Decision> Decisions = new(StringComparer.Ordinal)
    {
        // Not reachable as such, but only a spelling of an IPv4 address: a dual-stack socket connects to that address.
        ["::ffff:0:0/96"] = Decision.Embedded(b => b[12..16]),
        ["192.0.0.9/32"] = Decision.Blocked("PCP anycast: answered by the nearest NAT gateway, usually inside the network"),
        ["192.0.0.10/32"] = Decision.Blocked("TURN anycast: a relay service, never a webhook receiver"),
        ["192.31.196.0/24"] = Decision.Blocked("AS112 anycast DNS sink, often run by the local network"),
        ["192.52.193.0/24"] = Decision.Blocked("AMT relay anycast: multicast tunnelling, answered by the nearest relay"),
        ["192.175.48.0/24"] = Decision.Blocked("AS112 anycast DNS sink, often run by the local network"),
        ["64:ff9b::/96"] = Decision.Embedded(b => b[12..16]),
        ["2001::/32"] = Decision.Embedded(b => [.. b[12..16].Select(x => (byte)~x)]),
        ["2001:1::1/128"] = Decision.Blocked("PCP anycast: answered by the nearest NAT gateway, usually inside the network"),
        ["2001:1::2/128"] = Decision.Blocked("TURN anycast: a relay service, never a webhook receiver"),
        ["2001:1::3/128"] = Decision.Blocked("DNS-SD service registration anycast: a local-network service"),
        ["2001:3::/32"] = Decision.Blocked("AMT relay anycast: multicast tunnelling, answered by the nearest relay"),
        ["2001:4:112::/48"] = Decision.Blocked("AS112 anycast DNS sink, often run by the local network"),
        ["2001:20::/28"] = Decision.Blocked("ORCHIDv2: host identifiers for overlays, not routable locators"),
        ["2001:30::/28"] = Decision.Blocked("DETs: drone identifiers, not routable locators"),
        ["2002::/16"] = Decision.Embedded(b => b[2..6]),
        ["2620:4f:8000::/48"] = Decision.Blocked("AS112 anycast DNS sink, often run by the local network"),
    };

    public static TheoryData<string, string> RegistryRows()
    {
        var rows = new TheoryData<string, string>();
        foreach (var registry in new[] { IPv4Registry, IPv6Registry })
        {
            foreach (var row in SpecialPurposeBlock.Load(registry))
            {
                rows.Add(registry, row.Block);
            }
        }
        return rows;
    }

    [Theory]
    [MemberData(nameof(RegistryRows))]
    public void The_first_middle_and_last_address_of_every_special_purpose_block_are_judged_by_the_registry(string registry, string block)
    {
        var rows = SpecialPurposeBlock.Load(registry);
        var row = rows.Single(r => r.Block == block);

        foreach (var address in row.Networks.SelectMany(SpecialPurposeBlock.Samples))
        {
            // Nested rows (2001:1::1/128 inside 2001::/23) say more than the row around them.
            var owner = rows.SelectMany(r => r.Networks.Select(n => (Row: r, Network: n)))
                .Where(x => SpecialPurposeBlock.Contains(x.Network, address)).MaxBy(x => x.Network.PrefixLength).Row;
            var decided = Decisions.TryGetValue(owner.Block, out var decision);
            Assert.True(decided || owner.GloballyReachable is "False" or "",
                $"{owner.Block} ({owner.Name}) is globally reachable '{owner.GloballyReachable}' in {registry}, and nobody has decided whether webhooks may go there.");
            var expected = decision?.EmbeddedIPv4 is not { } embedded || AddressPolicy.IsForbidden(new IPAddress(embedded(address.GetAddressBytes())));
            Assert.True(expected == AddressPolicy.IsForbidden(address),
                $"{address} in {owner.Block} ({owner.Name}, globally reachable '{owner.GloballyReachable}') should be {(expected ? "blocked" : "allowed")}{(decision?.Reason is { } reason ? $" ({reason})" : "")}.");
        }
    }

    [Theory]
    [InlineData("127.255.0.9")]
    [InlineData("224.0.0.1")]
    [InlineData("239.255.255.250")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::127.0.0.1")]
    [InlineData("::8.8.8.8")]
    [InlineData("::ffff:0:127.0.0.1")]
    [InlineData("::ffff:0:8.8.8.8")]
    [InlineData("64:ff9b::a9fe:a9fe")]
    [InlineData("64:ff9b:1::808:808")]
    [InlineData("2002:7f00:0001::1")]
    [InlineData("2002:a9fe:a9fe::1")]
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe")]
    [InlineData("fec0::1")]
    [InlineData("ff02::1")]
    [InlineData("ff0e::1")]
    [InlineData("4000::1")]
    [InlineData("1234::1")]
    public void Addresses_outside_the_registries_that_are_internal_or_carry_an_internal_address_are_forbidden(string address) =>
        Assert.True(AddressPolicy.IsForbidden(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    [InlineData("2002:0808:0808::1")]
    [InlineData("2001:0:4136:e378:8000:63bf:f7f7:f7f7")]
    public void Public_addresses_and_spellings_that_carry_a_public_address_are_allowed(string address) =>
        Assert.False(AddressPolicy.IsForbidden(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("9.255.255.255")]
    [InlineData("11.0.0.0")]
    [InlineData("100.63.255.255")]
    [InlineData("192.0.1.0")]
    [InlineData("192.31.195.255")]
    [InlineData("192.52.194.0")]
    [InlineData("192.88.98.255")]
    [InlineData("192.88.100.0")]
    [InlineData("192.175.49.0")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.0")]
    [InlineData("223.255.255.255")]
    [InlineData("2001:200::")]
    [InlineData("2001:db7:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("2001:db9::")]
    [InlineData("2620:4f:7fff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("2620:4f:8001::")]
    [InlineData("3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("3fff:1000::")]
    [InlineData("3fff:ffff::1")]
    public void The_address_just_outside_a_blocked_block_is_not_caught_by_it(string address) =>
        Assert.False(AddressPolicy.IsForbidden(IPAddress.Parse(address)), address);

    private sealed record Decision(string? Reason, Func<byte[], byte[]>? EmbeddedIPv4)
    {
        public static Decision Blocked(string reason) => new(reason, null);

        /// <summary>The address carries an IPv4 address, and is judged by it.</summary>
        public static Decision Embedded(Func<byte[], byte[]> ipv4) => new(null, ipv4);
    }
}
