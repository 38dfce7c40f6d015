using System.Security.Cryptography;
using System.Text;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Accounts;

/// <summary>
/// Accounts' API keys, stored as SHA-256 hashes. A key names exactly one account. What a key opens is cached for at most
/// <see cref="ApiKeyCache.Lifetime"/>, so a key revoked (or an account disabled) on any node is refused everywhere
/// within it, and at once on the node that revoked it.
/// </summary>
public sealed class ApiKeys(Database database, IdGenerator ids, TimeProvider time, ApiKeyCache cache)
{
    public const string Prefix = "lbk_";

    /// <summary>The shortest key accepted, here and in <c>LIBROMI_API_KEY</c>; a generated key has 47 characters.</summary>
    public const int MinKeyLength = 24;

    /// <summary>How many first characters of a key its listing shows (<c>lbk_AbCd</c>).</summary>
    public const int ShownPrefixLength = 8;

    /// <summary>The name of the key an account is created with.</summary>
    public const string FirstKeyName = "Default key";

    public static string NewKey() => Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string ShownPrefix(string key) => key[..Math.Min(ShownPrefixLength, key.Length)];

    /// <summary>What the key opens, or null for an unknown or revoked key.</summary>
    public async Task<ApiKeyAccess?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var hash = Hash(key);
        if (cache.Find(hash) is { } cached)
        {
            return cached;
        }
        await using var session = await database.OpenSessionAsync(cancellationToken);
        if (await ApiKeyStore.FindByHashAsync(session, hash, cancellationToken) is { } access)
        {
            cache.Add(hash, access);
            return access;
        }
        return null;
    }

    /// <summary>The account the key belongs to, or null for an unknown or revoked key.</summary>
    public async Task<string?> FindAccountAsync(string key, CancellationToken cancellationToken) =>
        (await FindAsync(key, cancellationToken))?.AccountId;

    /// <summary>True when the key was ever created, also when it was revoked since.</summary>
    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenSessionAsync(cancellationToken);
        return await ApiKeyStore.ExistsAsync(session, Hash(key), cancellationToken);
    }

    /// <summary>Creates an account that the given key opens (with the full scope).</summary>
    public async Task<string> CreateAccountAsync(string key, string name, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        var (account, _) = await CreateAccountAsync(scope, key, name, cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return account.Id;
    }

    /// <summary>Writes a new account and its first key, <paramref name="key"/>, in the caller's write.</summary>
    public async Task<(Account Account, ApiKey Key)> CreateAccountAsync(WriteScope scope, string key, string name, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var account = new Account(ids.New("acc"), name, now, null);
        await AccountStore.InsertAsync(scope, account, cancellationToken);
        var apiKey = await InsertKeyAsync(scope, account.Id, key, FirstKeyName, ApiKeyScope.Full, cancellationToken);
        return (account, apiKey);
    }

    /// <summary>Creates a key for the account; the answer carries the key, the only time it is shown.</summary>
    public async Task<ApiKey> CreateKeyAsync(string accountId, string name, string keyScope, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        var key = await InsertKeyAsync(scope, accountId, NewKey(), name, keyScope, cancellationToken);
        await scope.CommitAsync(cancellationToken);
        return key;
    }

    public async Task<Page<ApiKey>> ListAsync(string accountId, PageRequest page, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenSessionAsync(cancellationToken);
        return await ApiKeyStore.ListAsync(session, accountId, page, cancellationToken);
    }

    /// <summary>Revokes the key; it is refused at once on this node and within <see cref="ApiKeyCache.Lifetime"/> on the others.</summary>
    public async Task<RevokeResult> RevokeAsync(string accountId, string id, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        if (database.Sql.LockKey is { } lockKey)
        {
            // Two full keys revoked at once on two nodes: the second waits, then counts what the first left.
            await using var keyLock = scope.Command(lockKey).With("@lock", accountId + "\napi-keys");
            await keyLock.ExecuteNonQueryAsync(cancellationToken);
        }
        if (await ApiKeyStore.FindAsync(scope, accountId, id, cancellationToken) is not { } key)
        {
            return RevokeResult.NotFound;
        }
        // Refused rather than allowed: an account without a full key could never create one again.
        if (key.Scope == ApiKeyScope.Full && await ApiKeyStore.CountFullAsync(scope, accountId, cancellationToken) <= 1)
        {
            return RevokeResult.LastFullKey;
        }
        await ApiKeyStore.RevokeAsync(scope, accountId, id, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        scope.AfterCommit.Add(() => cache.Forget(a => a.KeyId == id));
        await scope.CommitAsync(cancellationToken);
        return RevokeResult.Revoked;
    }

    /// <summary>Records the prefix of a key created before prefixes were kept (the key of <c>LIBROMI_API_KEY</c>, known at start).</summary>
    public async Task FillPrefixAsync(string key, CancellationToken cancellationToken)
    {
        await using var scope = await database.BeginWriteAsync(cancellationToken);
        await ApiKeyStore.FillPrefixAsync(scope, Hash(key), ShownPrefix(key), cancellationToken);
        await scope.CommitAsync(cancellationToken);
    }

    public async Task<long> CountAccountsAsync(CancellationToken cancellationToken)
    {
        await using var session = await database.OpenSessionAsync(cancellationToken);
        return await AccountStore.CountAsync(session, cancellationToken);
    }

    private async Task<ApiKey> InsertKeyAsync(WriteScope scope, string accountId, string key, string name, string keyScope, CancellationToken cancellationToken)
    {
        var apiKey = new ApiKey(ids.New("key"), ShownPrefix(key), name, keyScope, time.GetUtcNow(), null) { Key = key };
        await ApiKeyStore.InsertAsync(scope, accountId, apiKey, Hash(key), cancellationToken);
        return apiKey;
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>What <see cref="RevokeAsync"/> did.</summary>
    public enum RevokeResult
    {
        Revoked,
        NotFound,
        LastFullKey,
    }
}
