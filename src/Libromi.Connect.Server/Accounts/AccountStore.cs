using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Accounts;

/// <summary>SQL for accounts and their API keys (stored as hashes).</summary>
public static class AccountStore
{
    public static async Task<string?> FindByKeyHashAsync(StoreSession session, string keyHash, CancellationToken cancellationToken)
    {
        await using var command = session.Command("SELECT account_id FROM api_keys WHERE key_hash = @h").With("@h", keyHash);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public static async Task InsertAsync(StoreSession session, string accountId, string name, string keyHash, long now, CancellationToken cancellationToken)
    {
        await using (var account = session.Command("INSERT INTO accounts (id, name, created_at) VALUES (@id, @name, @now)")
            .With("@id", accountId).With("@name", name).With("@now", now))
        {
            await account.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var apiKey = session.Command("INSERT INTO api_keys (key_hash, account_id, created_at) VALUES (@h, @id, @now)")
            .With("@h", keyHash).With("@id", accountId).With("@now", now);
        await apiKey.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<long> CountAsync(StoreSession session, CancellationToken cancellationToken)
    {
        await using var command = session.Command("SELECT COUNT(*) FROM accounts");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
