using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Dashboard.Sessions;

/// <summary>SQL that tells whether a dashboard session may go on: its key unrevoked, its account enabled.</summary>
public static class DashboardSessionStore
{
    /// <summary>One seek on the key's primary key (and one on the account's): asked on every dashboard request.</summary>
    public static async Task<bool> KeyIsActiveAsync(StoreSession session, string accountId, string keyId, CancellationToken cancellationToken)
    {
        await using var command = session.Command("""
            SELECT 1 FROM api_keys k LEFT JOIN accounts a ON a.id = k.account_id
            WHERE k.id = @k AND k.account_id = @a AND k.revoked_at IS NULL AND a.disabled_at IS NULL
            """).With("@k", keyId).With("@a", accountId);
        return await command.ExecuteScalarAsync(cancellationToken) is not null and not DBNull;
    }

    public static async Task<bool> AccountIsEnabledAsync(StoreSession session, string accountId, CancellationToken cancellationToken)
    {
        await using var command = session.Command("SELECT 1 FROM accounts WHERE id = @a AND disabled_at IS NOT NULL").With("@a", accountId);
        return await command.ExecuteScalarAsync(cancellationToken) is null or DBNull;
    }
}
