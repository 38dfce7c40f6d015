using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Accounts;

/// <summary>Accounts and their API keys, stored as SHA-256 hashes. A key names exactly one account.</summary>
public sealed class ApiKeys(Database database, IdGenerator ids, TimeProvider time)
{
    public const string Prefix = "lbk_";
    private readonly ConcurrentDictionary<string, string> _accountByHash = new(StringComparer.Ordinal);

    public static string NewKey() => Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The account the key belongs to, or null for an unknown key.</summary>
    public async Task<string?> FindAccountAsync(string key, CancellationToken cancellationToken)
    {
        var hash = Hash(key);
        if (_accountByHash.TryGetValue(hash, out var cached))
        {
            return cached;
        }
        await using var session = await database.OpenSessionAsync(cancellationToken);
        if (await AccountStore.FindByKeyHashAsync(session, hash, cancellationToken) is { } accountId)
        {
            _accountByHash[hash] = accountId;
            return accountId;
        }
        return null;
    }

    /// <summary>Creates an account that the given key opens.</summary>
    public async Task<string> CreateAccountAsync(string key, string name, CancellationToken cancellationToken)
    {
        var accountId = ids.New("acc");
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        await AccountStore.InsertAsync(scope, accountId, name, Hash(key), now, cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return accountId;
    }

    public async Task<long> CountAccountsAsync(CancellationToken cancellationToken)
    {
        await using var session = await database.OpenSessionAsync(cancellationToken);
        return await AccountStore.CountAsync(session, cancellationToken);
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
