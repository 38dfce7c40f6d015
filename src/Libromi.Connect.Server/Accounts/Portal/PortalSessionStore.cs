using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Accounts.Portal;

/// <summary>SQL for portal sign-in tokens, stored as SHA-256 hashes.</summary>
public static class PortalSessionStore
{
    public static async Task InsertAsync(StoreSession session, string tokenHash, string accountId, long now, long expiresAt, CancellationToken cancellationToken)
    {
        await using var insert = session.Command("""
            INSERT INTO portal_sessions (token_hash, account_id, created_at, expires_at, redeemed_at) VALUES (@h, @a, @now, @exp, NULL)
            """).With("@h", tokenHash).With("@a", accountId).With("@now", now).With("@exp", expiresAt);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Marks the token used and returns its account, in one statement, so two nodes redeeming it at once cannot both
    /// succeed; null when it is unknown, used, expired, or its account is disabled.
    /// </summary>
    public static async Task<PortalRedemption?> RedeemAsync(StoreSession session, string tokenHash, long now, CancellationToken cancellationToken)
    {
        await using var update = session.Command("""
            UPDATE portal_sessions SET redeemed_at = @now
            WHERE token_hash = @h AND redeemed_at IS NULL AND expires_at > @now
              AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = portal_sessions.account_id AND a.disabled_at IS NOT NULL)
            RETURNING account_id, expires_at
            """).With("@h", tokenHash).With("@now", now);
        await using var reader = await update.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new PortalRedemption(reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)))
            : null;
    }

    /// <summary>Removes the account's tokens expired by <paramref name="before"/>, used or not: one range on its index.</summary>
    public static async Task<int> PurgeAsync(StoreSession session, string accountId, long before, CancellationToken cancellationToken)
    {
        await using var delete = session.Command("DELETE FROM portal_sessions WHERE account_id = @a AND expires_at <= @before")
            .With("@a", accountId).With("@before", before);
        return await delete.ExecuteNonQueryAsync(cancellationToken);
    }
}
