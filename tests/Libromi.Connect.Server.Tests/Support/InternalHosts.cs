namespace Libromi.Connect.Server.Tests.Support;

/// <summary>
/// Spellings of loopback, private and other internal hosts that a URL parser, an IDNA mapping or the resolver turns
/// into a forbidden address, shared by the registration tests and the connect-time guard tests so the two agree.
/// </summary>
public static class InternalHosts
{
    public static TheoryData<string> Spellings() =>
    [
        // localhost and *.localhost (RFC 6761), in any case, with the root's trailing dot, full-width or IDNA-encoded.
        "localhost",
        "LOCALHOST",
        "localhost.",
        "LOCALHOST.",
        "foo.localhost",
        "Foo.LocalHost.",
        "a.b.localhost",
        "ｌｏｃａｌｈｏｓｔ",
        "ＬＯＣＡＬＨＯＳＴ",
        "localhost。",
        "xn--mi7cdqncpe6aj",
        // 127.0.0.1 in the legacy inet_aton forms, with a trailing dot, full-width, with ideographic dots, IDNA-encoded.
        "127.0.0.1",
        "127.1",
        "127.0.1",
        "0x7f000001",
        "2130706433",
        "0177.0.0.1",
        "0x7f.0.0.1",
        "127.000.000.001",
        "127.0.0.1.",
        "１２７.０.０.１",
        "１２７．０．０．１",
        "127。0。0。1",
        "①②⑦.0.0.1",
        "xn--8g7ccp.xn--7g7c.xn--7g7c.xn--8g7c",
        // IPv6 spellings of loopback, and IPv6 forms carrying 127.0.0.1.
        "[::1]",
        "[0:0:0:0:0:0:0:1]",
        "[::ffff:127.0.0.1]",
        "[::ffff:7f00:1]",
        "[::ffff:0:127.0.0.1]",
        "[::127.0.0.1]",
        "[64:ff9b::7f00:1]",
        "[64:ff9b:1::7f00:1]",
        "[2002:7f00:1::1]",
        // Unspecified, private, link-local (cloud metadata), CGNAT and other special-purpose literals.
        "0",
        "0.0.0.0",
        "[::]",
        "10.0.0.1",
        "172.16.0.5",
        "192.168.1.10",
        "169.254.169.254",
        "0xa9fea9fe",
        "１６９.２５４.１６９.２５４",
        "100.64.0.1",
        "192.88.99.1",
        "[fe80::1]",
        "[fe80::1%25eth0]",
        "[fd00::1]",
        "[3fff::1]",
        "[2001:2::1]",
    ];
}
