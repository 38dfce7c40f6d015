namespace Libromi.Connect.Server.Delivery.Transports.Egress;

/// <summary>
/// <c>Delivery:NoProxy</c>: comma-separated hosts that are connected to directly. <c>hooks.example.com</c> or an IP
/// literal matches that host only; <c>.example.com</c> and <c>*.example.com</c> match every name under example.com (not
/// example.com itself); <c>*</c> matches every host. Case and a trailing dot do not matter; ports are not part of an entry.
/// </summary>
public sealed class NoProxyList
{
    private readonly HashSet<string> _hosts;
    private readonly string[] _suffixes;
    private readonly bool _all;

    private NoProxyList(HashSet<string> hosts, string[] suffixes, bool all)
    {
        _hosts = hosts;
        _suffixes = suffixes;
        _all = all;
    }

    public static NoProxyList Parse(string? setting)
    {
        var hosts = new HashSet<string>(StringComparer.Ordinal);
        var suffixes = new List<string>();
        var all = false;
        foreach (var raw in (setting ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var entry = Normalize(raw);
            if (entry == "*")
            {
                all = true;
            }
            else if (entry.StartsWith("*.", StringComparison.Ordinal))
            {
                suffixes.Add(entry[1..]);
            }
            else if (entry.StartsWith('.'))
            {
                suffixes.Add(entry);
            }
            else if (entry.Length > 0)
            {
                hosts.Add(entry);
            }
        }
        return new NoProxyList(hosts, [.. suffixes], all);
    }

    public bool Matches(string host)
    {
        var name = Normalize(host);
        return _all || _hosts.Contains(name) || _suffixes.Any(s => name.EndsWith(s, StringComparison.Ordinal));
    }

    private static string Normalize(string host)
    {
        var name = host.Trim().ToLowerInvariant().TrimEnd('.');
        return name.Length > 1 && name[0] == '[' && name[^1] == ']' ? name[1..^1] : name;
    }
}
