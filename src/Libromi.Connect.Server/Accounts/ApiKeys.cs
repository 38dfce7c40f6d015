using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Accounts;

/// <summary>API keys, stored as SHA-256 hashes. A key names exactly one account.</summary>
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
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Sql("SELECT account_id FROM api_keys WHERE key_hash = @h").With("@h", hash);
        if (await command.ExecuteScalarAsync(cancellationToken) is string accountId)
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
        await using (var account = scope.Command("INSERT INTO accounts (id, name, created_at) VALUES (@id, @name, @now)")
            .With("@id", accountId).With("@name", name).With("@now", now))
        {
            await account.ExecuteNonQueryAsync(cancellationToken);
        }
        await using (var apiKey = scope.Command("INSERT INTO api_keys (key_hash, account_id, created_at) VALUES (@h, @id, @now)")
            .With("@h", Hash(key)).With("@id", accountId).With("@now", now))
        {
            await apiKey.ExecuteNonQueryAsync(cancellationToken);
        }
        await scope.CommitAsync(cancellationToken);
        return accountId;
    }

    public async Task<long> CountAccountsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Sql("SELECT COUNT(*) FROM accounts");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
