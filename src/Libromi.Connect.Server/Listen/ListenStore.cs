using Libromi.Connect.Server.Storage;

namespace Libromi.Connect.Server.Listen;

/// <summary>SQL for listen sessions: webhooks rows with a <c>session_expires_at</c>, hidden from the webhooks API.</summary>
public static class ListenStore
{
    public const string SessionUrl = "libromi-listen://session";

    public static async Task<bool> ExistsAsync(StoreSession session, string accountId, string id, CancellationToken cancellationToken)
    {
        await using var select = session.Command("SELECT COUNT(*) FROM webhooks WHERE account_id = @a AND id = @id AND session_expires_at IS NOT NULL")
            .With("@a", accountId).With("@id", id);
        return Convert.ToInt64(await select.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    public static async Task ExtendAsync(StoreSession session, string id, long expiresAtMs, CancellationToken cancellationToken)
    {
        await using var update = session.Command("UPDATE webhooks SET session_expires_at = @exp WHERE id = @id").With("@id", id).With("@exp", expiresAtMs);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Queues again what the session missed while nobody listened: failed deliveries, and pending ones waiting for a
    /// retry after a failed attempt. Each gets at least one more attempt.
    /// </summary>
    public static async Task<int> RequeueMissedAsync(StoreSession session, string id, long nowMs, CancellationToken cancellationToken)
    {
        await using var update = session.Command("""
            UPDATE deliveries SET status = 0, next_attempt_at = @now, updated_at = @now,
                max_attempts = CASE WHEN max_attempts > attempt_count THEN max_attempts ELSE attempt_count + 1 END
            WHERE webhook_id = @id AND (status = 2 OR (status = 0 AND attempt_count > 0))
            """).With("@id", id).With("@now", nowMs);
        return await update.ExecuteNonQueryAsync(cancellationToken);
    }
}
