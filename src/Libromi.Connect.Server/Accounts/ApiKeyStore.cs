using System.Data.Common;
using Libromi.Connect.Server.Api;
using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Accounts;

/// <summary>SQL for API keys (stored as hashes; a revoked key keeps its row, with <c>revoked_at</c> set).</summary>
public static class ApiKeyStore
{
    private const string Columns = "id, prefix, name, scope, created_at, last_used_at";

    /// <summary>What the unrevoked key with this hash opens, or null: one seek on the primary key and one on the account's.</summary>
    public static async Task<ApiKeyAccess?> FindByHashAsync(StoreSession session, string keyHash, CancellationToken cancellationToken)
    {
        await using var command = session.Command("""
            SELECT k.account_id, k.id, k.scope, a.disabled_at, a.default_region FROM api_keys k LEFT JOIN accounts a ON a.id = k.account_id
            WHERE k.key_hash = @h AND k.revoked_at IS NULL
            """).With("@h", keyHash);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ApiKeyAccess(reader.GetString(0), reader.GetString(1), reader.GetString(2), !reader.IsDBNull(3), reader.IsDBNull(4) ? null : reader.GetString(4))
            : null;
    }

    /// <summary>True when a key with this hash was ever created, revoked or not.</summary>
    public static async Task<bool> ExistsAsync(StoreSession session, string keyHash, CancellationToken cancellationToken)
    {
        await using var command = session.Command("SELECT 1 FROM api_keys WHERE key_hash = @h").With("@h", keyHash);
        return await command.ExecuteScalarAsync(cancellationToken) is not null and not DBNull;
    }

    public static async Task InsertAsync(StoreSession session, string accountId, ApiKey key, string keyHash, CancellationToken cancellationToken)
    {
        await using var insert = session.Command($"INSERT INTO api_keys (key_hash, account_id, {Columns}) VALUES (@h, @a, @id, @p, @n, @s, @c, NULL)")
            .With("@h", keyHash).With("@a", accountId).With("@id", key.Id).With("@p", key.Prefix).With("@n", key.Name).With("@s", key.Scope)
            .With("@c", key.CreatedAt.ToUnixTimeMilliseconds());
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Sets the prefix of a key created before prefixes were kept, once its text is known again.</summary>
    public static async Task FillPrefixAsync(StoreSession session, string keyHash, string prefix, CancellationToken cancellationToken)
    {
        await using var update = session.Command("UPDATE api_keys SET prefix = @p WHERE key_hash = @h AND prefix IS NULL").With("@p", prefix).With("@h", keyHash);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<ApiKey?> FindAsync(StoreSession session, string accountId, string id, CancellationToken cancellationToken)
    {
        await using var select = session.Command($"SELECT {Columns} FROM api_keys WHERE account_id = @a AND id = @id AND revoked_at IS NULL")
            .With("@a", accountId).With("@id", id);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>The account's unrevoked keys, newest first.</summary>
    public static async Task<Page<ApiKey>> ListAsync(StoreSession session, string accountId, PageRequest page, CancellationToken cancellationToken)
    {
        await using var select = session.Command($"""
            SELECT {Columns} FROM api_keys WHERE account_id = @a AND revoked_at IS NULL{(page.After is null ? "" : " AND id < @after")}
            ORDER BY id DESC LIMIT @limit
            """).With("@a", accountId).With("@after", page.After).With("@limit", page.Limit + 1);
        var rows = new List<ApiKey>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }
        return page.ToPage(rows, k => k.Id);
    }

    public static async Task<long> CountFullAsync(StoreSession session, string accountId, CancellationToken cancellationToken)
    {
        await using var count = session.Command("SELECT COUNT(*) FROM api_keys WHERE account_id = @a AND scope = @full AND revoked_at IS NULL")
            .With("@a", accountId).With("@full", ApiKeyScope.Full);
        return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<bool> RevokeAsync(StoreSession session, string accountId, string id, long now, CancellationToken cancellationToken)
    {
        await using var update = session.Command("UPDATE api_keys SET revoked_at = @now WHERE account_id = @a AND id = @id AND revoked_at IS NULL")
            .With("@now", now).With("@a", accountId).With("@id", id);
        return await update.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Records that the key was used at <paramref name="at"/>, unless a later use is recorded already (by another node).</summary>
    public static async Task TouchAsync(StoreSession session, string id, long at, CancellationToken cancellationToken)
    {
        await using var update = session.Command("UPDATE api_keys SET last_used_at = @t WHERE id = @id AND (last_used_at IS NULL OR last_used_at < @t)")
            .With("@t", at).With("@id", id);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    private static ApiKey Read(DbDataReader reader) => new(
        reader.GetString(0), reader.GetNullableString(1), reader.GetString(2), reader.GetString(3), reader.GetTime(4), reader.GetNullableTime(5));
}
