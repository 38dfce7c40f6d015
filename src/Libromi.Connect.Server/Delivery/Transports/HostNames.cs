using System.Globalization;
using System.Net;
using System.Text;

namespace Libromi.Connect.Server.Delivery.Transports;

/// <summary>
/// A URL's host read the way a resolver may read it, so registration and the connect-time guard refuse the same
/// spellings: case, the root's trailing dot, IDNA (xn--) labels, the full-width and other compatibility forms that
/// IDNA maps to ASCII letters, digits and dots, and the localhost names of RFC 6761.
/// </summary>
public static class HostNames
{
    /// <summary>
    /// A loopback name, or an IP literal in any spelling that <see cref="AddressPolicy"/> forbids. Other names are
    /// judged by the addresses they resolve to, at connect time.
    /// </summary>
    public static bool IsForbidden(string host)
    {
        var canonical = Canonical(host);
        return IsLoopbackName(canonical) || (IPAddress.TryParse(canonical, out var literal) && AddressPolicy.IsForbidden(literal));
    }

    /// <summary>Lower case, without brackets or trailing dots, IDNA labels decoded, compatibility forms mapped to ASCII.</summary>
    private static string Canonical(string host)
    {
        var name = host.Length > 1 && host[0] == '[' && host[^1] == ']' ? host[1..^1] : host;
        name = Fold(name);
        if (name.Contains("xn--", StringComparison.Ordinal))
        {
            try
            {
                name = Fold(new IdnMapping().GetUnicode(name));
            }
            catch (ArgumentException)
            {
                // Not valid punycode: the resolver looks the name up as it is spelt.
            }
        }
        return name;
    }

    /// <summary><c>localhost</c> and every name under it, which RFC 6761 reserves for loopback.</summary>
    private static bool IsLoopbackName(string canonical) =>
        canonical == "localhost" || canonical.EndsWith(".localhost", StringComparison.Ordinal);

    // Invariant globalization has no Unicode normalisation, so the IDNA mappings that produce ASCII are applied here:
    // full-width forms, the ideographic and half-width full stops, and digits of every script (①, ¹, １).
    private static string Fold(string name)
    {
        if (Ascii.IsValid(name))
        {
            return name.ToLowerInvariant().TrimEnd('.');
        }
        var folded = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            var value = rune.Value;
            if (value is 0x3002 or 0xff0e or 0xff61)
            {
                folded.Append('.');
            }
            else if (value is >= 0xff01 and <= 0xff5e)
            {
                folded.Append((char)(value - 0xfee0));
            }
            else if (CharUnicodeInfo.GetDigitValue(rune.ToString(), 0) is var digit and >= 0)
            {
                folded.Append((char)('0' + digit));
            }
            else
            {
                folded.Append(rune.ToString());
            }
        }
        return folded.ToString().ToLowerInvariant().TrimEnd('.');
    }
}
