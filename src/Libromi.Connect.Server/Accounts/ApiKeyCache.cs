using System.Collections.Concurrent;

namespace Libromi.Connect.Server.Accounts;

/// <summary>
/// What each recently used key opened, for at most <see cref="Lifetime"/>: a key revoked or an account disabled on
/// another node is refused here once that has passed. Bounded: when full, expired entries go, and if none has expired
/// everything goes (the keys are looked up again, which is only slower).
/// </summary>
public sealed class ApiKeyCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _byHash = new(StringComparer.Ordinal);

    public ApiKeyAccess? Find(string hash) =>
        _byHash.TryGetValue(hash, out var entry) && time.GetUtcNow() < entry.ExpiresAt ? entry.Access : null;

    public void Add(string hash, ApiKeyAccess access)
    {
        if (_byHash.Count >= MaxEntries)
        {
            var now = time.GetUtcNow();
            foreach (var (key, entry) in _byHash)
            {
                if (entry.ExpiresAt <= now)
                {
                    _byHash.TryRemove(key, out _);
                }
            }
            if (_byHash.Count >= MaxEntries)
            {
                _byHash.Clear();
            }
        }
        _byHash[hash] = new Entry(access, time.GetUtcNow() + Lifetime);
    }

    /// <summary>Forgets what this node knows of the keys that match, at once (the other nodes forget within <see cref="Lifetime"/>).</summary>
    public void Forget(Func<ApiKeyAccess, bool> match)
    {
        foreach (var (key, entry) in _byHash)
        {
            if (match(entry.Access))
            {
                _byHash.TryRemove(key, out _);
            }
        }
    }

    public int Count => _byHash.Count;

    private sealed record Entry(ApiKeyAccess Access, DateTimeOffset ExpiresAt);
}
