using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Libromi.Connect.Server.Tests.Delivery;

/// <summary>
/// One row of an IANA special-purpose address registry, read from the CSV exports in <c>Delivery/Registries</c>
/// (iana-ipv4-special-registry-1.csv and iana-ipv6-special-registry-1.csv, in IANA's column layout with its footnote
/// markers). The files were transcribed from the registries at https://www.iana.org/assignments/iana-ipv4-special-registry/
/// and https://www.iana.org/assignments/iana-ipv6-special-registry/; their newest rows are 192.0.0.10/32 (2017-02) and
/// 100:0:0:1::/64 (RFC 9780, 2025-04). To update, replace a file with IANA's current CSV export.
/// </summary>
public sealed partial record SpecialPurposeBlock(string Block, IPNetwork[] Networks, string Name, string GloballyReachable)
{
    public static IReadOnlyList<SpecialPurposeBlock> Load(string file)
    {
        var rows = ReadCsv(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Delivery", "Registries", file)));
        var header = rows[0];
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException($"{file} has no '{name}' column.");
        var (block, name, reachable) = (Column("Address Block"), Column("Name"), Column("Globally Reachable"));
        return [.. rows.Skip(1).Select(r =>
        {
            var cell = WithoutFootnotes(r[block]);
            return new SpecialPurposeBlock(cell, [.. cell.Split(',', StringSplitOptions.TrimEntries).Select(IPNetwork.Parse)], r[name], WithoutFootnotes(r[reachable]));
        })];
    }

    /// <summary>The first address, the one halfway through and the last.</summary>
    public static IEnumerable<IPAddress> Samples(IPNetwork network)
    {
        var bytes = network.BaseAddress.GetAddressBytes();
        var hostBits = bytes.Length * 8 - network.PrefixLength;
        yield return network.BaseAddress;
        if (hostBits == 0)
        {
            yield break;
        }
        yield return new IPAddress(WithBits(bytes, network.PrefixLength, network.PrefixLength + 1));
        yield return new IPAddress(WithBits(bytes, network.PrefixLength, bytes.Length * 8));
    }

    /// <summary>Whether the address lies in the network. (IPNetwork.Contains misses most of ::ffff:0:0/96 in .NET 10.)</summary>
    public static bool Contains(IPNetwork network, IPAddress address)
    {
        var (prefix, bytes) = (network.BaseAddress.GetAddressBytes(), address.GetAddressBytes());
        if (prefix.Length != bytes.Length)
        {
            return false;
        }
        for (var bit = 0; bit < network.PrefixLength; bit++)
        {
            var mask = 0x80 >> (bit % 8);
            if ((prefix[bit / 8] & mask) != (bytes[bit / 8] & mask))
            {
                return false;
            }
        }
        return true;
    }

    private static byte[] WithBits(byte[] bytes, int from, int to)
    {
        var copy = (byte[])bytes.Clone();
        for (var bit = from; bit < to; bit++)
        {
            copy[bit / 8] |= (byte)(0x80 >> (bit % 8));
        }
        return copy;
    }

    private static string WithoutFootnotes(string cell) => Footnote().Replace(cell, "").Trim();

    [GeneratedRegex(@"\s*\[\d+\]")]
    private static partial Regex Footnote();

    // RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.
    private static List<string[]> ReadCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    row.Add(field.ToString());
                    field.Clear();
                    break;
                case '\n':
                    row.Add(field.ToString().TrimEnd('\r'));
                    field.Clear();
                    rows.Add([.. row]);
                    row.Clear();
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add([.. row]);
        }
        return rows;
    }
}
